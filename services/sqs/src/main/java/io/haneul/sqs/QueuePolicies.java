package io.haneul.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.policy.AccessRequest;
import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.PolicyCache;
import io.haneul.core.policy.PolicyPrincipal;
import io.haneul.sqs.domain.SqsException;
import io.haneul.sqs.store.QueueRecord;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Queue policies: whether a caller from another account, or an AWS service delivering for one of its
 * resources (an SNS topic, an S3 bucket), may act on a queue, judged by the core policy engine as AWS
 * judges a queue's policy (conditions included, so the usual {@code "Principal": "*"} statement
 * conditioned on {@code aws:SourceArn} grants the named topic and no account); and the statements
 * AddPermission and RemovePermission write. The queue's owner is not judged here (its own calls
 * are always allowed, as before).
 */
final class QueuePolicies {

    private final ObjectMapper json = new ObjectMapper();
    private final PolicyCache parsed = new PolicyCache(1024);
    private final Clock clock;

    QueuePolicies(Clock clock) {
        this.clock = clock;
    }

    /** Whether the calling account (not the owner) may perform {@code action} (e.g. {@code SendMessage}). */
    boolean allows(QueueRecord q, RequestContext ctx, String action) {
        PolicyPrincipal caller = PolicyPrincipal.account(ctx.accountId());
        ContextKeys keys = ContextKeys.ofCall(caller, clock.instant(), ctx.scheme(), ctx.sourceIp()).build();
        return decide(q, caller, action, keys).allowed();
    }

    /**
     * Whether a service delivering from {@code sourceArn} on behalf of {@code senderAccount} may
     * perform {@code action}: judged with the service's principal ({@code sns.amazonaws.com} for a
     * topic) and {@code aws:SourceArn}/{@code aws:SourceAccount}; a statement that grants the sending
     * account itself also lets its resources deliver. A Deny of either wins.
     */
    boolean allowsDelivery(QueueRecord q, String senderAccount, String sourceArn, String action) {
        ContextKeys.Builder keys = ContextKeys.builder().time(clock.instant()).put(ContextKeys.SOURCE_ARN, sourceArn)
                .put(ContextKeys.SOURCE_ACCOUNT, senderAccount);
        Decision asService = decide(q, PolicyPrincipal.serviceOf(sourceArn), action, keys.build());
        if (asService != Decision.NOT_GRANTED) {
            return asService.allowed();
        }
        PolicyPrincipal account = PolicyPrincipal.account(senderAccount);
        return decide(q, account, action, keys.principal(account).build()).allowed();
    }

    private Decision decide(QueueRecord q, PolicyPrincipal who, String action, ContextKeys keys) {
        return parsed.evaluate(q.attributes().get("Policy"), new AccessRequest(who, "sqs:" + policyAction(action), QueueService.arn(q), keys));
    }

    /**
     * The action a policy names for an operation: the batch operations have no actions of their own
     * (a Deny of {@code sqs:DeleteMessage} also refuses DeleteMessageBatch, a grant of
     * {@code sqs:SendMessage} also allows SendMessageBatch), as AWS documents.
     */
    static String policyAction(String operation) {
        return switch (operation) {
            case "SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch" ->
                    operation.substring(0, operation.length() - "Batch".length());
            default -> operation;
        };
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
        putOneOrMany(st.putObject("Principal"), "AWS", accounts.stream().map(a -> "arn:aws:iam::" + a + ":root").toList());
        putOneOrMany(st, "Action", actions.stream().map(a -> "SQS:" + a).toList());
        st.put("Resource", QueueService.arn(q));
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
        root.put("Version", "2008-10-17");
        root.put("Id", QueueService.arn(q) + "/SQSDefaultPolicy");
        return root;
    }
}
