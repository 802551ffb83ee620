package io.haneul.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.sqs.domain.SqsException;
import io.haneul.sqs.store.QueueRecord;

import java.io.IOException;
import java.util.List;

/**
 * Queue policies: whether another account may act on a queue, and the statements that
 * AddPermission and RemovePermission write. Only Allow statements naming the account (or "*") and
 * the action (or a wildcard) grant access; Deny statements win.
 */
final class QueuePolicies {

    private final ObjectMapper json = new ObjectMapper();

    boolean allows(QueueRecord q, String callerAccount, String action) {
        String policy = q.attributes().get("Policy");
        if (policy == null || policy.isBlank()) {
            return false;
        }
        JsonNode root;
        try {
            root = json.readTree(policy);
        } catch (IOException e) {
            return false;
        }
        boolean allowed = false;
        for (JsonNode st : iterable(root.path("Statement"))) {
            if (!matchesPrincipal(st.path("Principal"), callerAccount) || !matchesAction(st.path("Action"), action)) {
                continue;
            }
            if ("Deny".equals(st.path("Effect").asText())) {
                return false;
            }
            if ("Allow".equals(st.path("Effect").asText())) {
                allowed = true;
            }
        }
        return allowed;
    }

    /** True when an Allow statement names an AWS service principal and, if it has one, an aws:SourceArn that matches. */
    boolean allowsService(QueueRecord q, String sourceArn, String action) {
        String policy = q.attributes().get("Policy");
        if (policy == null || policy.isBlank() || sourceArn == null) {
            return false;
        }
        try {
            for (JsonNode st : iterable(json.readTree(policy).path("Statement"))) {
                if (!"Allow".equals(st.path("Effect").asText()) || !st.path("Principal").has("Service")
                        || !matchesAction(st.path("Action"), action)) {
                    continue;
                }
                JsonNode condition = st.path("Condition");
                if (condition.isMissingNode()) {
                    return true;
                }
                for (JsonNode operator : (Iterable<JsonNode>) condition::elements) {
                    for (JsonNode value : iterable(operator.path("aws:SourceArn"))) {
                        String v = value.asText();
                        if (v.equals(sourceArn) || (v.endsWith("*") && sourceArn.startsWith(v.substring(0, v.length() - 1)))) {
                            return true;
                        }
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static Iterable<JsonNode> iterable(JsonNode n) {
        if (n.isArray()) {
            return n;
        }
        return n.isMissingNode() ? List.of() : List.of(n);
    }

    private static boolean matchesPrincipal(JsonNode principal, String account) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (JsonNode p : iterable(principal.path("AWS"))) {
            String v = p.asText();
            if (v.equals("*") || v.equals(account) || v.startsWith("arn:aws:iam::" + account + ":")) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAction(JsonNode actions, String action) {
        for (JsonNode a : iterable(actions)) {
            String v = a.asText().toLowerCase();
            if (v.equals("*") || v.equals("sqs:*") || v.equals("sqs:" + action.toLowerCase())) {
                return true;
            }
        }
        return false;
    }

    String addStatement(QueueRecord q, String label, List<String> accounts, List<String> actions) {
        if (label == null || !label.matches("[A-Za-z0-9_-]{1,80}")) {
            throw SqsException.invalidParameterValue("Value " + label + " for parameter Label is invalid. Reason: Must be shorter than 80 characters and only contain alphanumeric characters, hyphens and underscores.");
        }
        if (accounts == null || accounts.isEmpty() || actions == null || actions.isEmpty()) {
            throw SqsException.missingParameter(accounts == null || accounts.isEmpty() ? "AWSAccountId" : "ActionName");
        }
        ObjectNode root = parseOrNew(q);
        ArrayNode statements = (ArrayNode) root.withArray("Statement");
        for (JsonNode st : statements) {
            if (label.equals(st.path("Sid").asText())) {
                throw SqsException.invalidParameterValue("Value " + label + " for parameter Label is invalid. Reason: Already exists.");
            }
        }
        ObjectNode st = statements.addObject();
        st.put("Sid", label);
        st.put("Effect", "Allow");
        ArrayNode principals = st.putObject("Principal").putArray("AWS");
        accounts.forEach(a -> principals.add("arn:aws:iam::" + a + ":root"));
        ArrayNode acts = st.putArray("Action");
        actions.forEach(a -> acts.add("SQS:" + a));
        st.put("Resource", QueueService.arn(q));
        return root.toString();
    }

    /** The policy without the labelled statement; null when nothing is left. */
    String removeStatement(QueueRecord q, String label) {
        ObjectNode root = parseOrNew(q);
        ArrayNode statements = (ArrayNode) root.withArray("Statement");
        for (int i = 0; i < statements.size(); i++) {
            if (label != null && label.equals(statements.get(i).path("Sid").asText())) {
                statements.remove(i);
                return statements.isEmpty() ? null : root.toString();
            }
        }
        throw SqsException.invalidParameterValue("Value " + label + " for parameter Label is invalid. Reason: can't find label on existing policy.");
    }

    private ObjectNode parseOrNew(QueueRecord q) {
        String policy = q.attributes().get("Policy");
        try {
            if (policy != null && !policy.isBlank() && json.readTree(policy) instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException ignored) {
            // replaced by a fresh policy
        }
        ObjectNode root = json.createObjectNode();
        root.put("Version", "2012-10-17");
        root.put("Id", QueueService.arn(q) + "/SQSDefaultPolicy");
        return root;
    }
}
