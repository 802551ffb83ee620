package io.haneul.sns.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Topic access policy documents: the default policy AWS writes, the check made when one is set, and
 * the statements AddPermission/RemovePermission manage. Whether a policy lets a caller act is
 * {@link TopicAccess}'s (the core policy engine).
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
        for (String action : actions) {
            if (!action.equals("*") && !DEFAULT_ACTIONS.contains(action.contains(":") ? action : "SNS:" + action)) {
                throw SnsException.invalidParameter("Policy statement action out of service scope!");
            }
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
        putOneOrMany(st.putObject("Principal"), "AWS", accounts.stream().map(a -> a.matches("\\d{12}") ? Arns.accountRoot(a) : a).toList());
        putOneOrMany(st, "Action", actions.stream().map(a -> a.contains(":") || a.equals("*") ? a : "SNS:" + a).toList());
        st.put("Resource", topicArn);
        return root.toString();
    }

    /** As AWS writes the statements it builds: one value as a string, several as a list. */
    private static void putOneOrMany(ObjectNode node, String name, List<String> values) {
        if (values.size() == 1) {
            node.put(name, values.getFirst());
        } else {
            ArrayNode list = node.putArray(name);
            values.forEach(list::add);
        }
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
