package io.haneul.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.validation.Rules.BlobRule;
import io.haneul.core.validation.Rules.ListRule;
import io.haneul.core.validation.Rules.MapRule;
import io.haneul.core.validation.Rules.Member;
import io.haneul.core.validation.Rules.NumberRule;
import io.haneul.core.validation.Rules.Scalar;
import io.haneul.core.validation.Rules.ShapeRule;
import io.haneul.core.validation.Rules.StringRule;
import io.haneul.core.validation.Rules.StructRule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles a service model's shapes into {@link Rules}: one rule per shape, shared by every operation
 * that uses it, and none for shapes with nothing to check. Not thread-safe; {@link ModelValidator} calls
 * it under a lock.
 */
final class PlanBuilder {

    private static final Optional<ShapeRule> NOTHING = Optional.empty();

    private final ServiceModel model;
    private final ValidationPolicy policy;
    private final PatternCache patterns;
    private final Map<String, Optional<ShapeRule>> rules = new HashMap<>();

    PlanBuilder(ServiceModel model, ValidationPolicy policy, PatternCache patterns) {
        this.model = model;
        this.policy = policy;
        this.patterns = patterns;
    }

    /** The rule of an operation's input structure; null when nothing is to be checked. */
    StructRule input(String inputShape) {
        if (inputShape == null || policy.scope() == ValidationPolicy.Scope.NONE) {
            return null;
        }
        JsonNode shape = model.shapes().get(inputShape);
        if (shape == null) {
            return null;
        }
        if (policy.scope() == ValidationPolicy.Scope.REQUIRED_HTTP_BINDINGS) {
            return httpBindings(inputShape, shape);
        }
        return rule(inputShape).filter(StructRule.class::isInstance).map(StructRule.class::cast).orElse(null);
    }

    /** Only required members bound to the URI path or the query string, without looking inside them. */
    private StructRule httpBindings(String name, JsonNode shape) {
        Set<String> required = required(shape);
        List<Member> members = new ArrayList<>();
        shape.path("members").properties().forEach(e -> {
            String location = e.getValue().path("location").asText("");
            if (required.contains(e.getKey()) && ("uri".equals(location) || "querystring".equals(location))) {
                String wire = e.getValue().path("locationName").asText(e.getKey());
                members.add(new Member(e.getKey(), wire, true, null, new Path(null, Path.coralName(e.getKey()), wire)));
            }
        });
        if (members.isEmpty()) {
            return null;
        }
        StructRule rule = new StructRule(name);
        rule.members(members);
        return rule;
    }

    private Optional<ShapeRule> rule(String shapeName) {
        Optional<ShapeRule> known = rules.get(shapeName);
        if (known != null) {
            return known;
        }
        JsonNode shape = model.shapes().get(shapeName);
        if (shape == null) {
            rules.put(shapeName, NOTHING);
            return NOTHING;
        }
        if ("structure".equals(shape.path("type").asText())) {
            return structure(shapeName, shape);
        }
        Optional<ShapeRule> rule = Optional.ofNullable(build(shape));
        rules.put(shapeName, rule);
        return rule;
    }

    private Optional<ShapeRule> structure(String shapeName, JsonNode shape) {
        if (shape.path("document").asBoolean(false) || shape.path("eventstream").asBoolean(false)
                || shape.path("exception").asBoolean(false)) {
            rules.put(shapeName, NOTHING);
            return NOTHING;
        }
        StructRule struct = new StructRule(shapeName);
        // Published before its members so that recursive shapes refer to it rather than recursing forever.
        // Structures found empty are replaced by NOTHING afterwards; only cyclic references made while
        // this one was being built keep the (empty, harmless) rule.
        rules.put(shapeName, Optional.of(struct));
        Set<String> required = required(shape);
        List<Member> members = new ArrayList<>();
        shape.path("members").properties().forEach(e -> {
            String name = e.getKey();
            JsonNode member = e.getValue();
            JsonNode target = model.shapes().get(member.path("shape").asText());
            if (target == null || target.path("streaming").asBoolean(false)
                    || target.path("eventstream").asBoolean(false)) {
                return;
            }
            ShapeRule rule = rule(member.path("shape").asText()).orElse(null);
            boolean req = required.contains(name);
            if (rule != null || req) {
                String location = member.path("locationName").isTextual() ? member.path("locationName").asText() : null;
                String wire = location != null ? location : name;
                members.add(new Member(name, location, req, rule, new Path(null, Path.coralName(name), wire)));
            }
        });
        struct.members(members);
        if (members.isEmpty()) {
            rules.put(shapeName, NOTHING);
            return NOTHING;
        }
        return Optional.of(struct);
    }

    private static Set<String> required(JsonNode shape) {
        Set<String> required = new LinkedHashSet<>();
        shape.path("required").forEach(r -> required.add(r.asText()));
        return required;
    }

    private ShapeRule build(JsonNode shape) {
        String type = shape.path("type").asText();
        boolean sensitive = shape.path("sensitive").asBoolean(false);
        return switch (type) {
            case "string" -> string(shape, sensitive);
            case "blob" -> blob(shape, sensitive);
            case "integer", "long", "short", "byte", "float", "double", "bigdecimal", "biginteger" -> number(shape, sensitive);
            case "list" -> list(shape, sensitive);
            case "map" -> map(shape, sensitive);
            default -> null;
        };
    }

    private Scalar string(JsonNode shape, boolean sensitive) {
        List<String> constraints = new ArrayList<>(4);
        long max = shape.has("max") ? shape.path("max").asLong() : -1;
        long min = shape.has("min") ? shape.path("min").asLong() : -1;
        if (max >= 0) {
            constraints.add(Rules.maxLength(max));
        }
        if (min >= 0) {
            constraints.add(Rules.minLength(min));
        }
        Pattern pattern = null;
        String patternText = shape.path("pattern").isTextual() ? shape.path("pattern").asText() : null;
        if (patternText != null) {
            pattern = patterns.get(patternText).orElse(null);
            if (pattern != null) {
                constraints.add("Member must satisfy regular expression pattern: " + patternText);
            }
        }
        Set<String> enumValues = null;
        String enumText = null;
        if (policy.checkEnums() && shape.path("enum").isArray() && !shape.path("enum").isEmpty()) {
            List<String> values = new ArrayList<>();
            shape.path("enum").forEach(v -> values.add(v.asText()));
            enumValues = Set.copyOf(values);
            enumText = "[" + String.join(", ", values) + "]";
            constraints.add("Member must satisfy enum value set: " + enumText);
        }
        boolean checksLength = min > 0 || (max >= 0 && max < Integer.MAX_VALUE);
        if (!checksLength && pattern == null && enumValues == null) {
            return null;
        }
        return new StringRule(sensitive, constraints, (int) Math.max(0, Math.min(min, Integer.MAX_VALUE)),
                max < 0 || max >= Integer.MAX_VALUE ? -1 : (int) max,
                pattern, PatternCache.searched(patternText == null ? "" : patternText), patternText, enumValues, enumText);
    }

    private Scalar blob(JsonNode shape, boolean sensitive) {
        long max = shape.has("max") ? shape.path("max").asLong() : -1;
        long min = shape.has("min") ? shape.path("min").asLong() : -1;
        if (min <= 0 && max < 0) {
            return null;
        }
        List<String> constraints = new ArrayList<>(2);
        if (max >= 0) {
            constraints.add(Rules.maxLength(max));
        }
        if (min >= 0) {
            constraints.add(Rules.minLength(min));
        }
        return new BlobRule(sensitive, constraints, (int) Math.max(0, Math.min(min, Integer.MAX_VALUE)), max);
    }

    private Scalar number(JsonNode shape, boolean sensitive) {
        BigDecimal min = shape.has("min") && shape.path("min").isNumber() ? shape.path("min").decimalValue() : null;
        BigDecimal max = shape.has("max") && shape.path("max").isNumber() ? shape.path("max").decimalValue() : null;
        if (min == null && max == null) {
            return null;
        }
        String minText = min == null ? null : shape.path("min").asText();
        String maxText = max == null ? null : shape.path("max").asText();
        List<String> constraints = new ArrayList<>(2);
        if (max != null) {
            constraints.add("Member must have value less than or equal to " + maxText);
        }
        if (min != null) {
            constraints.add("Member must have value greater than or equal to " + minText);
        }
        return new NumberRule(sensitive, constraints, min, minText, max, maxText);
    }

    private ShapeRule list(JsonNode shape, boolean sensitive) {
        int min = (int) Math.max(0, shape.path("min").asLong(0));
        int max = shape.has("max") ? (int) Math.min(Integer.MAX_VALUE, shape.path("max").asLong()) : -1;
        ShapeRule element = rule(shape.path("member").path("shape").asText()).orElse(null);
        if (min == 0 && max < 0 && element == null) {
            return null;
        }
        return new ListRule(min, max, element, shape.path("flattened").asBoolean(false), sensitive);
    }

    private ShapeRule map(JsonNode shape, boolean sensitive) {
        int min = (int) Math.max(0, shape.path("min").asLong(0));
        int max = shape.has("max") ? (int) Math.min(Integer.MAX_VALUE, shape.path("max").asLong()) : -1;
        ShapeRule key = rule(shape.path("key").path("shape").asText()).orElse(null);
        ShapeRule value = rule(shape.path("value").path("shape").asText()).orElse(null);
        Scalar keyRule = key instanceof Scalar s ? s : null;
        if (min == 0 && max < 0 && keyRule == null && value == null) {
            return null;
        }
        return new MapRule(min, max, keyRule, value, sensitive);
    }
}
