package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's {@code patchOperations} (a JSON-Patch dialect: ops {@code add}, {@code replace},
 * {@code remove}; paths such as {@code /name}, {@code /variables/x},
 * {@code /requestParameters/method.request.header.X}, with {@code ~1} for a slash inside a key)
 * applied to a stored document in wire names. Each resource type declares the paths AWS lets users
 * patch ({@link #spec}); anything else is refused as AWS refuses it, before any change is made.
 */
public final class PatchApplier {

    /** What a patchable path holds, which decides how its value is read and how add/remove act. */
    public enum Kind {
        /** a string member; remove clears it */
        STRING,
        /** a boolean member, value {@code "true"}/{@code "false"} */
        BOOLEAN,
        /** an integer member */
        INTEGER,
        /** {@code /map/key} of a string-valued map */
        STRING_MAP,
        /** {@code /map/key} of a boolean-valued map */
        BOOLEAN_MAP,
        /** {@code /list/item}: the path names the item (add, remove; replace swaps it for the value) */
        STRING_SET,
        /** {@code /list/0}: one position of a list of strings, replaced by the value */
        LIST_ITEM
    }

    /** One operation as the client sent it; {@code from} is the source of a {@code copy} (null otherwise). */
    public record Operation(String op, String path, String value, String from) {

        public Operation(String op, String path, String value) {
            this(op, path, value, null);
        }
    }

    private PatchApplier() {
    }

    /** A path specification: templates such as {@code /variables/*} mapped to their kinds, in the order AWS lists them. */
    public static Map<String, Kind> spec(Object... templatesAndKinds) {
        Map<String, Kind> spec = new java.util.LinkedHashMap<>();
        for (int i = 0; i < templatesAndKinds.length; i += 2) {
            spec.put((String) templatesAndKinds[i], (Kind) templatesAndKinds[i + 1]);
        }
        return spec;
    }

    /** Applies every operation to {@code doc}, or none when one is invalid. */
    public static void apply(ObjectNode doc, List<Operation> ops, Map<String, Kind> spec) {
        ObjectNode work = doc.deepCopy();
        for (Operation op : ops) {
            applyOne(work, op, spec);
        }
        doc.removeAll();
        doc.setAll(work);
    }

    private static void applyOne(ObjectNode doc, Operation op, Map<String, Kind> spec) {
        String name = op.op() == null ? "" : op.op();
        if (!List.of("add", "remove", "replace").contains(name)) {
            throw ApiGatewayException.badRequest("Invalid patch operation specified. Must be one of: [add, remove, replace]");
        }
        List<String> segments = segments(op.path());
        String template = null;
        for (String t : spec.keySet()) {
            if (matches(segments(t), segments)) {
                template = t;
                break;
            }
        }
        if (template == null) {
            // two spaces after "path", as AWS words it
            throw ApiGatewayException.badRequest("Invalid patch path  '" + op.path() + "' specified for op '" + name
                    + "'. Must be one of: " + spec.keySet());
        }
        Kind kind = spec.get(template);
        switch (kind) {
            case STRING, BOOLEAN, INTEGER -> {
                ObjectNode parent = parent(doc, segments, segments.size() - 1);
                String field = segments.getLast();
                if (name.equals("remove")) {
                    parent.remove(field);
                } else {
                    parent.set(field, scalar(kind, op));
                }
            }
            case STRING_MAP, BOOLEAN_MAP -> {
                ObjectNode map = parent(doc, segments, segments.size() - 1);
                String key = segments.getLast();
                if (name.equals("remove")) {
                    map.remove(key);
                } else {
                    map.set(key, scalar(kind == Kind.STRING_MAP ? Kind.STRING : Kind.BOOLEAN, op));
                }
            }
            case STRING_SET -> {
                ObjectNode parent = parent(doc, segments, segments.size() - 2);
                String field = segments.get(segments.size() - 2);
                String item = segments.getLast();
                List<String> items = strings(parent.get(field));
                items.remove(item);
                if (name.equals("add")) {
                    items.add(item);
                } else if (name.equals("replace")) {
                    items.add(op.value() == null ? item : op.value());
                }
                ArrayNode array = parent.putArray(field);
                items.forEach(array::add);
            }
            case LIST_ITEM -> {
                ObjectNode parent = parent(doc, segments, segments.size() - 2);
                String field = segments.get(segments.size() - 2);
                int index = Integer.parseInt(segments.getLast());
                List<String> items = strings(parent.get(field));
                if (name.equals("remove")) {
                    if (index < items.size()) {
                        items.remove(index);
                    }
                } else if (index < items.size()) {
                    items.set(index, required(op));
                } else {
                    items.add(required(op));
                }
                ArrayNode array = parent.putArray(field);
                items.forEach(array::add);
            }
        }
    }

    private static JsonNode scalar(Kind kind, Operation op) {
        com.fasterxml.jackson.databind.node.JsonNodeFactory f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        String value = op.value();
        return switch (kind) {
            case BOOLEAN -> {
                if (value == null || !(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
                    throw ApiGatewayException.badRequest("Invalid boolean value '" + value + "' for " + op.path());
                }
                yield f.booleanNode(Boolean.parseBoolean(value));
            }
            case INTEGER -> {
                try {
                    yield f.numberNode(Integer.parseInt(required(op)));
                } catch (NumberFormatException e) {
                    throw ApiGatewayException.badRequest("Invalid value '" + value + "' for " + op.path() + ": must be an integer");
                }
            }
            default -> f.textNode(required(op));
        };
    }

    private static String required(Operation op) {
        if (op.value() == null) {
            throw ApiGatewayException.badRequest("Invalid null or empty value in " + op.path());
        }
        return op.value();
    }

    private static ObjectNode parent(ObjectNode doc, List<String> segments, int depth) {
        ObjectNode at = doc;
        for (int i = 0; i < depth; i++) {
            JsonNode next = at.get(segments.get(i));
            at = next instanceof ObjectNode o ? o : at.putObject(segments.get(i));
        }
        return at;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static boolean matches(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            if (!template.get(i).equals("*") && !template.get(i).equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The path's segments, {@code ~1} and {@code ~0} decoded; an empty or relative path has none. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        if (path == null || !path.startsWith("/") || path.length() == 1) {
            return out;
        }
        for (String s : path.substring(1).split("/", -1)) {
            out.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }
}
