package io.haneul.sns.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subscription filter policy, validated like AWS validates it and compiled for matching.
 *
 * <p>Scope {@code MessageAttributes} (default) matches message attributes (String, String.Array,
 * Number; Binary attributes are ignored, as AWS does); scope {@code MessageBody} matches the message
 * when it is a JSON object, with nested keys (a policy key {@code a.b} and nesting {@code a: {b: }}
 * both address the payload's {@code a.b}) and arrays (any element matches). Operators: exact values,
 * {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code anything-but} (values, or
 * {@code prefix}/{@code suffix}), {@code numeric} (=, and ranges with &lt; &lt;= &gt; &gt;=),
 * {@code exists}, {@code cidr} and {@code $or}. Keys are ANDed, the values of a key ORed.
 * Limits: 5 keys, 150 value combinations (computed as AWS documents it), 256 KB, numbers within
 * ±10^9.
 */
public final class FilterPolicy {

    public static final int MAX_KEYS = 5;
    public static final int MAX_COMBINATIONS = 150;
    public static final int MAX_BYTES = 256 * 1024;
    private static final BigDecimal NUMBER_LIMIT = new BigDecimal("1000000000");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which part of the message the policy looks at. */
    public enum Scope {
        MessageAttributes, MessageBody;

        public static Scope parse(String s) {
            if (s == null || s.isEmpty()) {
                return MessageAttributes;
            }
            for (Scope v : values()) {
                if (v.name().equals(s)) {
                    return v;
                }
            }
            throw SnsException.invalidParameter("Attributes Reason: FilterPolicyScope: Invalid value [" + s
                    + "]. Please use either MessageBody or MessageAttributes");
        }
    }

    /** A value the policy is matched against: a string, a number, a boolean or null (from JSON). */
    public record Value(Kind kind, String text, BigDecimal number) {
        public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

        public static Value string(String s) {
            return new Value(Kind.STRING, s, null);
        }

        public static Value number(BigDecimal n, String text) {
            return new Value(Kind.NUMBER, text, n);
        }

        static Value of(JsonNode n) {
            if (n.isNumber()) {
                return number(n.decimalValue(), n.asText());
            }
            if (n.isBoolean()) {
                return new Value(Kind.BOOLEAN, n.asText(), null);
            }
            if (n.isNull()) {
                return new Value(Kind.NULL, "null", null);
            }
            return string(n.asText());
        }
    }

    private final Scope scope;
    private final List<Map<String, List<Condition>>> branches;

    private FilterPolicy(Scope scope, List<Map<String, List<Condition>>> branches) {
        this.scope = scope;
        this.branches = branches;
    }

    public Scope scope() {
        return scope;
    }

    /**
     * Validates and compiles a policy.
     *
     * @param subscribeCall true for Subscribe (AWS then prefixes errors with "Attributes Reason: ")
     * @throws SnsException InvalidParameter with AWS's reason
     */
    public static FilterPolicy parse(String json, Scope scope, boolean subscribeCall) {
        String prefix = subscribeCall ? "Attributes Reason: " : "";
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw SnsException.invalidParameter(prefix + "FilterPolicy: Filter policy is too large");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw SnsException.invalidParameter(prefix + "FilterPolicy: failed to parse JSON. " + e.getOriginalMessage() + position(json, e));
        }
        if (root == null || !root.isObject()) {
            throw SnsException.invalidParameter(prefix + "FilterPolicy: Filter policy must be a JSON object");
        }
        Parser p = new Parser(scope, "Invalid parameter: " + prefix);
        long combinations = p.combinations((ObjectNode) root, 1, 1);
        List<Map<String, List<Condition>>> branches = p.expand((ObjectNode) root, "", List.of(new LinkedHashMap<>()));
        for (Map<String, List<Condition>> branch : branches) {
            long keys = branch.keySet().stream().map(k -> k.contains("\u0000") ? k.substring(0, k.indexOf('\u0000')) : k).distinct().count();
            if (keys > MAX_KEYS) {
                throw p.error("FilterPolicy: Filter policy can not have more than 5 keys");
            }
        }
        if (combinations > MAX_COMBINATIONS) {
            throw p.error("FilterPolicy: Filter policy is too complex");
        }
        // stored keys use NUL between nesting levels to count top-level keys; matching uses dots
        List<Map<String, List<Condition>>> dotted = new ArrayList<>();
        for (Map<String, List<Condition>> b : branches) {
            Map<String, List<Condition>> d = new LinkedHashMap<>();
            b.forEach((k, v) -> d.merge(k.replace('\u0000', '.'), v, (x, y) -> {
                List<Condition> both = new ArrayList<>(x);
                both.addAll(y);
                return both;
            }));
            dotted.add(d);
        }
        return new FilterPolicy(scope, dotted);
    }

    /** Matches message attributes: name to (data type, string value); Binary attributes are left out by the caller or ignored. */
    public boolean matchesAttributes(Map<String, MessageAttributes.Attribute> attributes) {
        Map<String, List<Value>> values = new HashMap<>();
        for (Map.Entry<String, MessageAttributes.Attribute> e : attributes.entrySet()) {
            List<Value> v = attributeValues(e.getValue());
            if (v != null) {
                values.put(e.getKey(), v);
            }
        }
        return matches(values);
    }

    /** Matches a message body; false when the body is not a JSON object (unless the policy is empty). */
    public boolean matchesBody(String body) {
        if (branches.stream().allMatch(Map::isEmpty)) {
            return true;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException | RuntimeException e) {
            return false;
        }
        if (root == null || !root.isObject()) {
            return false;
        }
        Map<String, List<Value>> values = new HashMap<>();
        flatten(root, "", values);
        return matches(values);
    }

    private boolean matches(Map<String, List<Value>> values) {
        for (Map<String, List<Condition>> branch : branches) {
            boolean all = true;
            for (Map.Entry<String, List<Condition>> key : branch.entrySet()) {
                List<Value> present = values.get(key.getKey());
                boolean any = false;
                for (Condition c : key.getValue()) {
                    if (c.test(present)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static List<Value> attributeValues(MessageAttributes.Attribute a) {
        String type = a.dataType();
        if (type.startsWith("Binary")) {
            return null;
        }
        if (type.equals("String.Array")) {
            try {
                JsonNode arr = JSON.readTree(a.stringValue());
                List<Value> out = new ArrayList<>();
                if (arr != null && arr.isArray()) {
                    arr.forEach(n -> {
                        if (!n.isContainerNode()) {
                            out.add(Value.of(n));
                        }
                    });
                }
                return out;
            } catch (JsonProcessingException e) {
                return List.of();
            }
        }
        if (type.startsWith("Number")) {
            try {
                return List.of(Value.number(new BigDecimal(a.stringValue().trim()), a.stringValue()));
            } catch (NumberFormatException e) {
                return List.of(Value.string(a.stringValue()));
            }
        }
        return List.of(Value.string(a.stringValue()));
    }

    private static void flatten(JsonNode node, String path, Map<String, List<Value>> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                flatten(n, path, out);
            }
        } else {
            out.computeIfAbsent(path, k -> new ArrayList<>()).add(Value.of(node));
        }
    }

    // ---- conditions ----

    /** One match condition of a key. {@code values} is null when the key is absent. */
    private interface Condition {
        boolean test(List<Value> values);
    }

    private interface ValueCondition extends Condition {
        boolean test(Value v);

        @Override
        default boolean test(List<Value> values) {
            if (values == null) {
                return false;
            }
            for (Value v : values) {
                if (test(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Exact(Value expected) implements ValueCondition {
        @Override
        public boolean test(Value v) {
            return same(expected, v);
        }
    }

    private static boolean same(Value a, Value b) {
        if (a.kind() != b.kind()) {
            return false;
        }
        return a.kind() == Value.Kind.NUMBER ? a.number().compareTo(b.number()) == 0 : a.text().equals(b.text());
    }

    private record Prefix(String prefix) implements ValueCondition {
        @Override
        public boolean test(Value v) {
            return v.kind() == Value.Kind.STRING && v.text().startsWith(prefix);
        }
    }

    private record Suffix(String suffix) implements ValueCondition {
        @Override
        public boolean test(Value v) {
            return v.kind() == Value.Kind.STRING && v.text().endsWith(suffix);
        }
    }

    private record EqualsIgnoreCase(String expected) implements ValueCondition {
        @Override
        public boolean test(Value v) {
            return v.kind() == Value.Kind.STRING && v.text().equalsIgnoreCase(expected);
        }
    }

    private record AnythingBut(List<Value> excluded, String prefix, String suffix) implements ValueCondition {
        @Override
        public boolean test(Value v) {
            if (prefix != null) {
                return v.kind() == Value.Kind.STRING && !v.text().startsWith(prefix);
            }
            if (suffix != null) {
                return v.kind() == Value.Kind.STRING && !v.text().endsWith(suffix);
            }
            for (Value x : excluded) {
                if (same(x, v)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Numeric(BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive)
            implements ValueCondition {
        @Override
        public boolean test(Value v) {
            if (v.kind() != Value.Kind.NUMBER) {
                return false;
            }
            BigDecimal n = v.number();
            if (lower != null) {
                int c = n.compareTo(lower);
                if (c < 0 || (c == 0 && !lowerInclusive)) {
                    return false;
                }
            }
            if (upper != null) {
                int c = n.compareTo(upper);
                return c < 0 || (c == 0 && upperInclusive);
            }
            return true;
        }
    }

    private record Exists(boolean expected) implements Condition {
        @Override
        public boolean test(List<Value> values) {
            return (values != null) == expected;
        }
    }

    private record Cidr(byte[] network, int bits) implements ValueCondition {
        @Override
        public boolean test(Value v) {
            if (v.kind() != Value.Kind.STRING) {
                return false;
            }
            byte[] ip = Ip.parse(v.text());
            return ip != null && Ip.inNetwork(ip, network, bits);
        }
    }

    /**
     * Where a policy failed to parse, as AWS's parser reports it after the reason:
     * {@code \n at [Source: (String)"<policy>"; line: 1, column: 12]}.
     */
    private static String position(String json, JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return at == null ? "" : "\n at [Source: (String)\"" + json + "\"; line: " + at.getLineNr() + ", column: " + at.getColumnNr() + "]";
    }

    // ---- parsing ----

    private static final class Parser {
        private final Scope scope;
        private final String prefix;

        Parser(Scope scope, String prefix) {
            this.scope = scope;
            this.prefix = prefix;
        }

        SnsException error(String detail) {
            return SnsException.invalidParameterRaw(prefix + detail);
        }

        /** AWS's documented complexity: product over keys of (values x depth); $or branches add up. */
        long combinations(ObjectNode node, int depth, long combinations) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isObject()) {
                    if (scope == Scope.MessageAttributes) {
                        throw error("Filter policy scope MessageAttributes does not support nested filter policy");
                    }
                    combinations = combinations(((ObjectNode) v), depth + 1, combinations);
                } else if (v.isArray()) {
                    if (v.isEmpty()) {
                        throw error("FilterPolicy: Empty arrays are not allowed");
                    }
                    if (isOr(e.getKey(), v)) {
                        long sum = 0;
                        for (JsonNode branch : v) {
                            sum += combinations((ObjectNode) branch, depth, combinations);
                        }
                        combinations = sum;
                    } else {
                        combinations = combinations * v.size() * depth;
                    }
                } else {
                    throw error("FilterPolicy: \"" + e.getKey() + "\" must be an object or an array");
                }
                if (combinations > 1_000_000) {
                    combinations = 1_000_000;
                }
            }
            return combinations;
        }

        private static boolean isOr(String key, JsonNode v) {
            if (!"$or".equals(key) || !v.isArray() || v.size() < 2) {
                return false;
            }
            for (JsonNode n : v) {
                if (!n.isObject()) {
                    return false;
                }
            }
            return true;
        }

        /** Expands $or into alternative branches of path -> conditions (paths joined with NUL). */
        List<Map<String, List<Condition>>> expand(ObjectNode node, String path, List<Map<String, List<Condition>>> branches) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (isOr(e.getKey(), v)) {
                    List<Map<String, List<Condition>>> next = new ArrayList<>();
                    for (JsonNode alt : v) {
                        next.addAll(expand((ObjectNode) alt, path, copy(branches)));
                    }
                    if (next.size() > 10_000) {
                        throw error("FilterPolicy: Filter policy is too complex");
                    }
                    branches = next;
                    continue;
                }
                String key = path.isEmpty() ? e.getKey() : path + "\u0000" + e.getKey();
                if (v.isObject()) {
                    branches = expand((ObjectNode) v, key, branches);
                } else {
                    List<Condition> conditions = new ArrayList<>();
                    for (JsonNode c : v) {
                        conditions.add(condition(c));
                    }
                    for (Map<String, List<Condition>> b : branches) {
                        b.merge(key, conditions, (x, y) -> {
                            List<Condition> both = new ArrayList<>(x);
                            both.addAll(y);
                            return both;
                        });
                    }
                }
            }
            return branches;
        }

        private static List<Map<String, List<Condition>>> copy(List<Map<String, List<Condition>>> branches) {
            List<Map<String, List<Condition>>> out = new ArrayList<>();
            branches.forEach(b -> out.add(new LinkedHashMap<>(b)));
            return out;
        }

        private Condition condition(JsonNode c) {
            if (c.isTextual() || c.isBoolean() || c.isNull()) {
                return new Exact(Value.of(c));
            }
            if (c.isNumber()) {
                return new Exact(Value.number(checkRange(c.decimalValue()), c.asText()));
            }
            if (!c.isObject()) {
                throw error("FilterPolicy: Match value must be String, number, true, false, or null");
            }
            if (c.size() != 1) {
                throw error("FilterPolicy: Only one key allowed in match expression");
            }
            Map.Entry<String, JsonNode> op = c.fields().next();
            JsonNode v = op.getValue();
            return switch (op.getKey()) {
                case "prefix" -> new Prefix(string(op.getKey(), v));
                case "suffix" -> new Suffix(string(op.getKey(), v));
                case "equals-ignore-case" -> new EqualsIgnoreCase(string(op.getKey(), v));
                case "anything-but" -> anythingBut(v);
                case "exists" -> {
                    if (!v.isBoolean()) {
                        throw error("FilterPolicy: exists match pattern must be either true or false.");
                    }
                    yield new Exists(v.asBoolean());
                }
                case "numeric" -> numeric(v);
                case "cidr" -> cidr(v);
                default -> throw error("FilterPolicy: Unrecognized match type " + op.getKey());
            };
        }

        private String string(String operator, JsonNode v) {
            if (!v.isTextual()) {
                throw error("FilterPolicy: " + operator + " match pattern must be a string");
            }
            return v.asText();
        }

        private Condition anythingBut(JsonNode v) {
            if (v.isObject()) {
                if (v.size() != 1) {
                    throw error("FilterPolicy: Only one key allowed in match expression");
                }
                Map.Entry<String, JsonNode> inner = v.fields().next();
                return switch (inner.getKey()) {
                    case "prefix" -> new AnythingBut(List.of(), string("prefix", inner.getValue()), null);
                    default -> throw error("FilterPolicy: Unsupported anything-but pattern: " + inner.getKey());
                };
            }
            List<Value> excluded = new ArrayList<>();
            if (v.isArray()) {
                if (v.isEmpty()) {
                    throw error("FilterPolicy: Empty arrays are not allowed");
                }
                for (JsonNode n : v) {
                    excluded.add(anythingButValue(n));
                }
            } else {
                excluded.add(anythingButValue(v));
            }
            return new AnythingBut(excluded, null, null);
        }

        private Value anythingButValue(JsonNode n) {
            if (n.isTextual()) {
                return Value.string(n.asText());
            }
            if (n.isNumber()) {
                return Value.number(checkRange(n.decimalValue()), n.asText());
            }
            throw error("FilterPolicy: Inside anything but list, start|null|boolean is not supported.");
        }

        private Condition numeric(JsonNode v) {
            if (!v.isArray() || v.isEmpty()) {
                throw error("FilterPolicy: Invalid member in numeric match: ]");
            }
            BigDecimal lower = null;
            BigDecimal upper = null;
            boolean lowerInc = false;
            boolean upperInc = false;
            JsonNode op1 = v.get(0);
            if (!op1.isTextual()) {
                throw error("FilterPolicy: Invalid member in numeric match: " + op1);
            }
            String o1 = op1.asText();
            if (!List.of("<", "<=", "=", ">", ">=").contains(o1)) {
                throw error("FilterPolicy: Unrecognized numeric range operator: " + o1);
            }
            BigDecimal n1 = numericValue(o1, v.size() > 1 ? v.get(1) : null);
            switch (o1) {
                case "=" -> {
                    lower = n1;
                    upper = n1;
                    lowerInc = true;
                    upperInc = true;
                }
                case ">" -> lower = n1;
                case ">=" -> {
                    lower = n1;
                    lowerInc = true;
                }
                case "<" -> upper = n1;
                default -> {
                    upper = n1;
                    upperInc = true;
                }
            }
            if (v.size() == 2) {
                return new Numeric(lower, lowerInc, upper, upperInc);
            }
            if (!o1.equals(">") && !o1.equals(">=")) {
                throw error("FilterPolicy: Too many elements in numeric expression");
            }
            JsonNode op2 = v.get(2);
            if (!op2.isTextual()) {
                throw error("FilterPolicy: Bad value in numeric range: " + op2);
            }
            String o2 = op2.asText();
            if (!o2.equals("<") && !o2.equals("<=")) {
                throw error("FilterPolicy: Bad numeric range operator: " + o2);
            }
            BigDecimal n2 = numericValue(o2, v.size() > 3 ? v.get(3) : null);
            if (n2.compareTo(n1) <= 0) {
                throw error("FilterPolicy: Bottom must be less than top");
            }
            if (v.size() > 4) {
                throw error("FilterPolicy: Too many terms in numeric range expression");
            }
            return new Numeric(lower, lowerInc, n2, o2.equals("<="));
        }

        private BigDecimal numericValue(String operator, JsonNode n) {
            if (n == null || !n.isNumber()) {
                throw error("FilterPolicy: Value of " + ("=".equals(operator) ? "equals" : operator) + " must be numeric");
            }
            return checkRange(n.decimalValue());
        }

        private BigDecimal checkRange(BigDecimal n) {
            if (n.abs().compareTo(NUMBER_LIMIT) > 0) {
                throw error("FilterPolicy: Numeric values must be between -1000000000 and 1000000000 (was " + n.toPlainString() + ")");
            }
            return n;
        }

        private Condition cidr(JsonNode v) {
            if (!v.isTextual()) {
                throw error("FilterPolicy: prefix match pattern must be a string");
            }
            String s = v.asText();
            String[] parts = s.split("/", -1);
            if (parts.length != 2) {
                throw error("FilterPolicy: Malformed CIDR, one '/' required");
            }
            int bits;
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw error("FilterPolicy: Malformed CIDR, mask bits must be an integer");
            }
            byte[] ip = Ip.parse(parts[0]);
            if (ip == null || bits < 0 || bits > ip.length * 8) {
                throw error("FilterPolicy: Nonstandard IP address: " + parts[0]);
            }
            return new Cidr(ip, bits);
        }
    }
}
