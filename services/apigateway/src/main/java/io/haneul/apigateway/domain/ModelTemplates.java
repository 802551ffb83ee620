package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GetModelTemplate: a mapping template that copies a payload into the model's shape, as the API
 * Gateway console generates it. It starts from {@code #set($inputRoot = $input.path('$'))}; strings are
 * quoted, other scalars are not, nested objects are written out and arrays become {@code #foreach}
 * loops. References to other models are followed (a model referring to itself stops after a few
 * levels); an object without properties is {@code { }}.
 */
public final class ModelTemplates {

    private static final Pattern MODEL_REF = Pattern.compile(".*/models/([^/#]+)$");
    private static final int MAX_DEPTH = 8;

    private final ObjectMapper json = new ObjectMapper();

    /** @param models a model's schema text by name, to follow references */
    public String template(String schema, Function<String, String> models) {
        JsonNode root = read(schema);
        StringBuilder out = new StringBuilder("#set($inputRoot = $input.path('$'))\n");
        JsonNode resolved = resolve(root, models, 0);
        if (isArray(resolved)) {
            out.append("[\n#foreach($elem in $inputRoot)\n");
            value(out, resolved.path("items"), "$elem", "  ", models, 1);
            out.append("#if($foreach.hasNext),#end\n#end\n]");
        } else {
            value(out, resolved, "$inputRoot", "", models, 0);
        }
        return out.toString();
    }

    private void value(StringBuilder out, JsonNode schema, String ref, String indent, Function<String, String> models, int depth) {
        JsonNode s = resolve(schema, models, depth);
        if (isObject(s)) {
            List<String> names = new ArrayList<>();
            s.path("properties").fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || depth > MAX_DEPTH) {
                out.append("{ }");
                return;
            }
            out.append("{\n");
            Iterator<String> it = names.iterator();
            while (it.hasNext()) {
                String name = it.next();
                out.append(indent).append("  \"").append(name).append("\" : ");
                value(out, s.path("properties").get(name), ref + "." + name, indent + "  ", models, depth + 1);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append("}");
        } else if (isArray(s)) {
            out.append("[\n#foreach($elem in ").append(ref).append(")\n").append(indent).append("  ");
            value(out, s.path("items"), "$elem", indent + "  ", models, depth + 1);
            out.append("#if($foreach.hasNext),#end\n#end\n").append(indent).append("]");
        } else if (s.path("type").asText("string").equals("string")) {
            out.append("\"").append(ref).append("\"");
        } else {
            out.append(ref);
        }
    }

    private JsonNode resolve(JsonNode schema, Function<String, String> models, int depth) {
        JsonNode s = schema;
        for (int i = 0; i < MAX_DEPTH && s.has("$ref") && depth <= MAX_DEPTH; i++) {
            Matcher m = MODEL_REF.matcher(s.get("$ref").asText());
            String text = m.matches() ? models.apply(m.group(1)) : null;
            if (text == null) {
                return json.createObjectNode();
            }
            s = read(text);
        }
        return s;
    }

    private static boolean isObject(JsonNode s) {
        return s.path("type").asText("").equals("object") || s.has("properties");
    }

    private static boolean isArray(JsonNode s) {
        return s.path("type").asText("").equals("array");
    }

    private JsonNode read(String schema) {
        try {
            JsonNode n = json.readTree(schema == null ? "{}" : schema);
            return n == null ? json.createObjectNode() : n;
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
