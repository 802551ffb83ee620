package io.haneul.lambda.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping's FilterCriteria: AWS's event filtering rules applied to one record
 * (for SQS: the record with its {@code body} parsed when it is JSON). A record passes when any
 * pattern matches; a pattern matches when every key matches; a key's array of conditions matches
 * when any condition does. Conditions: exact values (strings, numbers, booleans, null),
 * {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code numeric} (comparisons,
 * ranges), {@code exists}, {@code anything-but} (values, or a prefix/suffix). A record's array field
 * matches when any element does, as on AWS.
 */
public final class EventFilter {

    private static final int MAX_FILTERS = 5;
    private static final String INVALID = "Invalid filter pattern definition.";

    private final List<JsonNode> patterns;

    private EventFilter(List<JsonNode> patterns) {
        this.patterns = patterns;
    }

    /** Parses and checks patterns as CreateEventSourceMapping receives them; refuses bad ones with AWS's error. */
    public static EventFilter parse(List<String> patterns, ObjectMapper json) {
        if (patterns.size() > MAX_FILTERS) {
            throw LambdaException.invalidParameter("The number of filters (" + patterns.size()
                    + ") exceeds the maximum allowed (" + MAX_FILTERS + ").");
        }
        List<JsonNode> parsed = new ArrayList<>();
        for (String p : patterns) {
            try {
                JsonNode node = p == null ? null : json.readTree(p);
                if (node == null || !node.isObject() || !wellFormed(node)) {
                    throw LambdaException.invalidParameter(INVALID);
                }
                parsed.add(node);
            } catch (JsonProcessingException e) {
                throw LambdaException.invalidParameter(INVALID);
            }
        }
        return new EventFilter(List.copyOf(parsed));
    }

    /** True when there is no filter or some pattern matches the record. */
    public boolean matches(JsonNode record) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (JsonNode p : patterns) {
            if (matchesObject(p, record)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wellFormed(JsonNode pattern) {
        for (Map.Entry<String, JsonNode> e : pattern.properties()) {
            JsonNode v = e.getValue();
            if (v.isObject()) {
                if (!wellFormed(v)) {
                    return false;
                }
            } else if (!v.isArray() || v.isEmpty()) {
                return false;
            } else {
                for (JsonNode c : v) {
                    if (c.isObject() && !knownCondition(c)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean knownCondition(JsonNode c) {
        if (c.size() != 1) {
            return false;
        }
        String op = c.fieldNames().next();
        JsonNode arg = c.get(op);
        return switch (op) {
            case "prefix", "suffix", "equals-ignore-case" -> arg.isTextual();
            case "exists" -> arg.isBoolean();
            case "numeric" -> numericWellFormed(arg);
            case "anything-but" -> true;
            default -> false;
        };
    }

    private static boolean numericWellFormed(JsonNode arg) {
        if (!arg.isArray() || arg.isEmpty() || arg.size() % 2 != 0 || arg.size() > 4) {
            return false;
        }
        for (int i = 0; i < arg.size(); i += 2) {
            if (!arg.get(i).isTextual() || !List.of("=", "<", "<=", ">", ">=").contains(arg.get(i).asText())
                    || !arg.get(i + 1).isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode value) {
        for (Map.Entry<String, JsonNode> e : pattern.properties()) {
            JsonNode field = value == null || !value.isObject() ? null : value.get(e.getKey());
            JsonNode rule = e.getValue();
            boolean ok = rule.isObject() ? field != null && matchesObject(rule, field) : matchesConditions(rule, field);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesConditions(JsonNode conditions, JsonNode field) {
        for (JsonNode c : conditions) {
            if (c.isObject() && c.has("exists")) {
                boolean present = field != null && !field.isMissingNode();
                if (present == c.get("exists").asBoolean()) {
                    return true;
                }
                continue;
            }
            if (field == null || field.isMissingNode()) {
                continue;
            }
            if (field.isArray()) {
                for (JsonNode element : field) {
                    if (matchesOne(c, element)) {
                        return true;
                    }
                }
            } else if (matchesOne(c, field)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesOne(JsonNode condition, JsonNode value) {
        if (!condition.isObject()) {
            return equal(condition, value);
        }
        String op = condition.fieldNames().next();
        JsonNode arg = condition.get(op);
        return switch (op) {
            case "prefix" -> value.isTextual() && value.asText().startsWith(arg.asText());
            case "suffix" -> value.isTextual() && value.asText().endsWith(arg.asText());
            case "equals-ignore-case" -> value.isTextual() && value.asText().equalsIgnoreCase(arg.asText());
            case "numeric" -> value.isNumber() && numeric(arg, value.asDouble());
            case "anything-but" -> anythingBut(arg, value);
            default -> false;
        };
    }

    private static boolean equal(JsonNode expected, JsonNode value) {
        if (expected.isNumber() && value.isNumber()) {
            return expected.asDouble() == value.asDouble();
        }
        return expected.equals(value);
    }

    private static boolean numeric(JsonNode arg, double v) {
        for (int i = 0; i < arg.size(); i += 2) {
            double bound = arg.get(i + 1).asDouble();
            boolean ok = switch (arg.get(i).asText()) {
                case "=" -> v == bound;
                case "<" -> v < bound;
                case "<=" -> v <= bound;
                case ">" -> v > bound;
                case ">=" -> v >= bound;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean anythingBut(JsonNode arg, JsonNode value) {
        if (arg.isObject()) {
            return !matchesOne(arg, value);
        }
        if (arg.isArray()) {
            for (JsonNode excluded : arg) {
                if (equal(excluded, value)) {
                    return false;
                }
            }
            return true;
        }
        return !equal(arg, value);
    }
}
