package io.haneul.core.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one statement's JSON into a {@link PolicyStatement}, refusing shapes that are not a policy's. */
final class StatementParser {

    /** A statement's elements, names as AWS spells them (element names are case-sensitive). */
    private static final java.util.Set<String> ELEMENTS = java.util.Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");

    private StatementParser() {
    }

    static PolicyStatement statement(JsonNode s) {
        if (!s.isObject()) {
            throw new MalformedPolicyException("A statement must be a JSON object");
        }
        for (String name : (Iterable<String>) s::fieldNames) {
            if (!ELEMENTS.contains(name)) {
                throw new MalformedPolicyException("Statement contains an unknown element: " + name);
            }
        }
        both(s, "Principal", "NotPrincipal");
        both(s, "Action", "NotAction");
        both(s, "Resource", "NotResource");
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new MalformedPolicyException("Invalid effect: " + effect);
        }
        boolean notPrincipal = s.has("NotPrincipal");
        JsonNode principalNode = notPrincipal ? s.get("NotPrincipal") : s.get("Principal");
        boolean notAction = s.has("NotAction");
        JsonNode actionNode = notAction ? s.get("NotAction") : s.get("Action");
        if (actionNode == null) {
            throw new MalformedPolicyException("Missing required field Action");
        }
        boolean notResource = s.has("NotResource");
        JsonNode resourceNode = notResource ? s.get("NotResource") : s.get("Resource");
        return new PolicyStatement(s.path("Sid").asText(null), effect.equals("Allow"),
                principalNode == null ? null : principal(principalNode), notPrincipal, strings(actionNode, "Action"), notAction,
                resourceNode == null ? null : strings(resourceNode, "Resource"), notResource, conditions(s.get("Condition")));
    }

    private static void both(JsonNode s, String element, String negated) {
        if (s.has(element) && s.has(negated)) {
            throw new MalformedPolicyException("Statement has both " + element + " and " + negated);
        }
    }

    private static PrincipalPattern principal(JsonNode p) {
        if (p.isTextual()) {
            if (!p.asText().equals("*")) {
                throw new MalformedPolicyException("Invalid principal in policy");
            }
            return PrincipalPattern.EVERYONE;
        }
        if (!p.isObject()) {
            throw new MalformedPolicyException("Invalid principal in policy");
        }
        return new PrincipalPattern(false, p.has("AWS") ? strings(p.get("AWS"), "Principal") : List.of(),
                p.has("Service") ? strings(p.get("Service"), "Principal") : List.of());
    }

    private static List<ConditionClause> conditions(JsonNode c) {
        if (c == null || c.isNull()) {
            return List.of();
        }
        if (!c.isObject()) {
            throw new MalformedPolicyException("Invalid Condition in policy");
        }
        List<ConditionClause> clauses = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operator : c.properties()) {
            if (!operator.getValue().isObject() || operator.getValue().isEmpty()) {
                throw new MalformedPolicyException("Invalid Condition in policy: " + operator.getKey());
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                clauses.add(ConditionClause.of(operator.getKey(), key.getKey(), strings(key.getValue(), "Condition")));
            }
        }
        return clauses;
    }

    /** A string, number or boolean, or an array of them, as text. */
    private static List<String> strings(JsonNode n, String element) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : n.isArray() ? n : List.of(n)) {
            if (!v.isValueNode() || v.isNull()) {
                throw new MalformedPolicyException("Invalid " + element + " in policy");
            }
            out.add(v.asText());
        }
        return out;
    }
}
