package io.haneul.sns.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Topic access policies: the default policy AWS writes, whether a caller from another account may
 * perform an action, and the statements AddPermission/RemovePermission manage. The topic's owner is
 * always allowed. Another account is allowed by an Allow statement whose principal names it (or
 * {@code *}), whose action covers {@code SNS:<Action>} and whose resource covers the topic, with
 * these condition keys understood: {@code aws:SourceOwner}, {@code aws:SourceAccount},
 * {@code aws:PrincipalAccount} (the caller's account); a statement with any other condition key
 * (e.g. {@code aws:SourceArn}, which only services carry) does not apply to an account's call. A matching Deny wins.
 */
public final class TopicPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final List<String> DEFAULT_ACTIONS = List.of("SNS:GetTopicAttributes", "SNS:SetTopicAttributes",
            "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic",
            "SNS:Publish");

    private TopicPolicy() {
    }

    public static String defaultPolicy(String topicArn, String owner) {
        ObjectNode root = JSON.createObjectNode();
        root.put("Version", "2008-10-17");
        root.put("Id", "__default_policy_ID");
        ObjectNode st = root.putArray("Statement").addObject();
        st.put("Sid", "__default_statement_ID");
        st.put("Effect", "Allow");
        st.putObject("Principal").put("AWS", "*");
        ArrayNode actions = st.putArray("Action");
        DEFAULT_ACTIONS.forEach(actions::add);
        st.put("Resource", topicArn);
        st.putObject("Condition").putObject("StringEquals").put("AWS:SourceOwner", owner);
        return root.toString();
    }

    /** Checks that a policy is a JSON object with a Statement. */
    public static void validate(String policy, String prefix) {
        try {
            JsonNode n = JSON.readTree(policy);
            if (n == null || !n.isObject() || !(n.get("Statement") instanceof JsonNode s) || !(s.isArray() || s.isObject())) {
                throw SnsException.invalidParameter(prefix + "Policy: Invalid policy document");
            }
        } catch (JsonProcessingException e) {
            throw SnsException.invalidParameter(prefix + "Policy: failed to parse JSON. " + e.getOriginalMessage());
        }
    }

    /** Whether {@code callerAccount} may perform {@code action} (e.g. {@code Publish}) on the topic. */
    public static boolean allows(String policy, String topicArn, String owner, String callerAccount, String action) {
        if (owner.equals(callerAccount)) {
            return true;
        }
        return evaluate(policy, topicArn, owner, action, st -> principal(st.path("Principal"), callerAccount),
                Map.of("aws:sourceowner", callerAccount, "aws:sourceaccount", callerAccount, "aws:principalaccount", callerAccount));
    }

    /**
     * Whether an AWS service (an S3 bucket's notifications, SES) publishing on behalf of
     * {@code sourceAccount} from {@code sourceArn} may perform {@code action}: an Allow statement
     * naming a service principal (or {@code *}), whose conditions on {@code aws:SourceArn},
     * {@code aws:SourceAccount} and {@code aws:SourceOwner} hold.
     */
    public static boolean allowsService(String policy, String topicArn, String owner, String sourceAccount, String sourceArn,
                                        String action) {
        Map<String, String> keys = new java.util.HashMap<>();
        keys.put("aws:sourceaccount", sourceAccount);
        keys.put("aws:sourceowner", sourceAccount);
        if (sourceArn != null) {
            keys.put("aws:sourcearn", sourceArn);
        }
        return evaluate(policy, topicArn, owner, action, st -> {
            JsonNode p = st.path("Principal");
            return (p.isTextual() && p.asText().equals("*")) || p.has("Service") || principal(p, sourceAccount);
        }, keys);
    }

    private static boolean evaluate(String policy, String topicArn, String owner, String action,
                                    java.util.function.Predicate<JsonNode> principalMatches, Map<String, String> conditionKeys) {
        JsonNode root;
        try {
            root = JSON.readTree(policy == null || policy.isEmpty() ? defaultPolicy(topicArn, owner) : policy);
        } catch (JsonProcessingException e) {
            return false;
        }
        boolean allowed = false;
        for (JsonNode st : iterable(root.path("Statement"))) {
            if (!principalMatches.test(st) || !action(st.path("Action"), action)
                    || !resource(st.path("Resource"), topicArn) || !conditions(st.path("Condition"), conditionKeys)) {
                continue;
            }
            String effect = st.path("Effect").asText();
            if (effect.equals("Deny")) {
                return false;
            }
            allowed |= effect.equals("Allow");
        }
        return allowed;
    }

    private static Iterable<JsonNode> iterable(JsonNode n) {
        return n.isArray() ? n : n.isMissingNode() || n.isNull() ? List.of() : List.of(n);
    }

    private static boolean principal(JsonNode p, String account) {
        if (p.isTextual()) {
            return p.asText().equals("*");
        }
        for (JsonNode v : iterable(p.path("AWS"))) {
            String s = v.asText();
            if (s.equals("*") || s.equals(account) || s.startsWith("arn:aws:iam::" + account + ":")) {
                return true;
            }
        }
        return false;
    }

    private static boolean action(JsonNode actions, String action) {
        for (JsonNode a : iterable(actions)) {
            String v = a.asText().toLowerCase(Locale.ROOT);
            if (v.equals("*") || v.equals("sns:*") || v.equals("sns:" + action.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean resource(JsonNode resources, String arn) {
        if (resources.isMissingNode()) {
            return true;
        }
        for (JsonNode r : iterable(resources)) {
            if (wildcard(r.asText(), arn)) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditions(JsonNode condition, Map<String, String> keys) {
        if (condition.isMissingNode() || condition.isNull()) {
            return true;
        }
        var operators = condition.fields();
        while (operators.hasNext()) {
            var op = operators.next();
            var entries = op.getValue().fields();
            while (entries.hasNext()) {
                var k = entries.next();
                String actual = keys.get(k.getKey().toLowerCase(Locale.ROOT));
                if (actual == null || !anyMatches(op.getKey(), k.getValue(), actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean anyMatches(String operator, JsonNode expected, String actual) {
        for (JsonNode e : iterable(expected)) {
            boolean ok = switch (operator) {
                case "StringEquals", "ArnEquals" -> e.asText().equals(actual);
                case "StringEqualsIgnoreCase" -> e.asText().equalsIgnoreCase(actual);
                case "StringLike", "ArnLike" -> wildcard(e.asText(), actual);
                default -> false;
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /** IAM-style wildcard match: {@code *} any run, {@code ?} one character. */
    static boolean wildcard(String pattern, String s) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return s.matches(re.toString());
    }

    /** The policy with an Allow statement labelled {@code label} added (AddPermission). */
    public static String addStatement(String policy, String topicArn, String owner, String label, List<String> accounts,
                                      List<String> actions) {
        if (label == null || !label.matches("[A-Za-z0-9_-]{1,80}")) {
            throw SnsException.invalidParameter("Label");
        }
        if (accounts == null || accounts.isEmpty()) {
            throw SnsException.invalidParameter("AWSAccountId");
        }
        if (actions == null || actions.isEmpty()) {
            throw SnsException.invalidParameter("ActionName");
        }
        ObjectNode root = parseOrDefault(policy, topicArn, owner);
        ArrayNode statements = root.withArray("Statement");
        for (JsonNode st : statements) {
            if (label.equals(st.path("Sid").asText())) {
                throw SnsException.invalidParameter("Statement already exists");
            }
        }
        ObjectNode st = statements.addObject();
        st.put("Sid", label);
        st.put("Effect", "Allow");
        ArrayNode principals = st.putObject("Principal").putArray("AWS");
        accounts.forEach(a -> principals.add(a.matches("\\d{12}") ? Arns.accountRoot(a) : a));
        ArrayNode acts = st.putArray("Action");
        actions.forEach(a -> acts.add(a.contains(":") || a.equals("*") ? a : "SNS:" + a));
        st.put("Resource", topicArn);
        return root.toString();
    }

    /** The policy without the statement labelled {@code label} (RemovePermission). */
    public static String removeStatement(String policy, String topicArn, String owner, String label) {
        ObjectNode root = parseOrDefault(policy, topicArn, owner);
        ArrayNode statements = root.withArray("Statement");
        for (int i = 0; i < statements.size(); i++) {
            if (label != null && label.equals(statements.get(i).path("Sid").asText())) {
                statements.remove(i);
                return root.toString();
            }
        }
        throw SnsException.invalidParameter("Statement does not exist");
    }

    private static ObjectNode parseOrDefault(String policy, String topicArn, String owner) {
        try {
            if (policy != null && !policy.isEmpty() && JSON.readTree(policy) instanceof ObjectNode o) {
                if (!o.path("Statement").isArray()) {
                    JsonNode single = o.remove("Statement");
                    ArrayNode arr = o.putArray("Statement");
                    if (single != null && !single.isNull()) {
                        arr.add(single);
                    }
                }
                return o;
            }
            return (ObjectNode) JSON.readTree(defaultPolicy(topicArn, owner));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
