package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Body validation errors in the words of the JSON Schema validator API Gateway runs (what
 * {@code $context.error.validationErrorString} lists), e.g.
 * {@code object has missing required properties (["name","price"])} or
 * {@code instance type (string) does not match any allowed primitive type (allowed: ["integer"])};
 * missing properties of one object are reported together. Keywords without a known wording keep
 * networknt's message.
 */
final class ValidationMessages {

    private ValidationMessages() {
    }

    static List<String> of(List<Error> errors) {
        List<String> out = new ArrayList<>();
        Map<String, TreeSet<String>> missing = new TreeMap<>();
        Map<String, TreeSet<String>> extra = new TreeMap<>();
        for (Error e : errors) {
            String at = String.valueOf(e.getInstanceLocation());
            switch (e.getKeyword() == null ? "" : e.getKeyword()) {
                case "required" -> missing.computeIfAbsent(at, k -> new TreeSet<>()).add(e.getProperty());
                case "additionalProperties" -> extra.computeIfAbsent(at, k -> new TreeSet<>()).add(e.getProperty());
                default -> out.add(one(e));
            }
        }
        missing.values().forEach(names -> out.add("object has missing required properties (" + list(names) + ")"));
        extra.values().forEach(names -> out.add("object instance has properties which are not allowed by the schema: " + list(names)));
        return out;
    }

    private static String one(Error e) {
        Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
        JsonNode instance = e.getInstanceNode();
        JsonNode schema = e.getSchemaNode();
        return switch (e.getKeyword()) {
            case "type" -> "instance type (" + (args.length > 0 ? args[0] : "") + ") does not match any allowed primitive type (allowed: "
                    + (schema != null && schema.isArray() ? schema.toString() : "[\"" + (args.length > 1 ? args[1] : "") + "\"]") + ")";
            case "enum" -> "instance value (" + instance + ") not found in enum (possible values: " + schema + ")";
            case "minimum" -> "numeric instance is lower than the required minimum (minimum: " + schema + ", found: " + instance + ")";
            case "maximum" -> "numeric instance is greater than the required maximum (maximum: " + schema + ", found: " + instance + ")";
            case "minLength" -> "string " + instance + " is too short (length: " + instance.asText().codePointCount(0, instance.asText().length())
                    + ", required minimum: " + schema + ")";
            case "maxLength" -> "string " + instance + " is too long (length: " + instance.asText().codePointCount(0, instance.asText().length())
                    + ", maximum allowed: " + schema + ")";
            case "pattern" -> "ECMA 262 regex \"" + (schema == null ? "" : schema.asText()) + "\" does not match input string " + instance;
            case "minItems" -> "array is too short: must have at least " + schema + " elements but instance has " + instance.size() + " elements";
            case "maxItems" -> "array is too long: must have at most " + schema + " elements but instance has " + instance.size() + " elements";
            default -> e.getMessage();
        };
    }

    private static String list(TreeSet<String> names) {
        StringBuilder b = new StringBuilder("[");
        for (String n : names) {
            b.append(b.length() > 1 ? "," : "").append(GatewayResponses.quote(n));
        }
        return b.append(']').toString();
    }
}
