package io.haneul.lambda.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.policy.AccessRequest;
import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.PolicyDocument;
import io.haneul.core.policy.PolicyPrincipal;

import java.nio.charset.StandardCharsets;

/**
 * The statements AddPermission writes into a function's resource policy, built and rendered as
 * Lambda does, so that GetPolicy shows the policy AWS would: {@code Principal} is
 * {@code {"Service": "s3.amazonaws.com"}} for a service, {@code {"AWS": "arn:aws:iam::<id>:root"}}
 * for an account id, {@code {"AWS": <arn>}} for an IAM ARN and {@code "*"} for everyone;
 * SourceArn becomes {@code ArnLike AWS:SourceArn}, SourceAccount {@code StringEquals AWS:SourceAccount},
 * PrincipalOrgID {@code StringEquals aws:PrincipalOrgID}, EventSourceToken
 * {@code StringEquals lambda:EventSourceToken}, FunctionUrlAuthType
 * {@code StringEquals lambda:FunctionUrlAuthType}, InvokedViaFunctionUrl
 * {@code Bool lambda:InvokedViaFunctionUrl "true"}.
 */
public final class PermissionStatements {

    /** The action a service's invocation needs. */
    public static final String INVOKE = "lambda:InvokeFunction";
    /** AWS's limit on a function's policy, in bytes of its JSON. */
    public static final int MAX_POLICY_BYTES = 20_480;

    private final ObjectMapper json;

    public PermissionStatements(ObjectMapper json) {
        this.json = json;
    }

    /** What AddPermission was given, checked by {@link #statement}. */
    public record Grant(String statementId, String action, String principal, String sourceArn, String sourceAccount,
                        String principalOrgId, String eventSourceToken, String functionUrlAuthType, Boolean invokedViaFunctionUrl) {

        /** A grant without {@code InvokedViaFunctionUrl}. */
        public Grant(String statementId, String action, String principal, String sourceArn, String sourceAccount,
                     String principalOrgId, String eventSourceToken, String functionUrlAuthType) {
            this(statementId, action, principal, sourceArn, sourceAccount, principalOrgId, eventSourceToken, functionUrlAuthType, null);
        }
    }

    /** The statement for a grant on {@code resourceArn} (the function's ARN, with the qualifier when one was given). */
    public ObjectNode statement(Grant g, String resourceArn) {
        if (g.functionUrlAuthType() != null && !g.functionUrlAuthType().equals("NONE") && !g.functionUrlAuthType().equals("AWS_IAM")) {
            throw LambdaException.invalidParameter("1 validation error detected: Value '" + g.functionUrlAuthType()
                    + "' at 'functionUrlAuthType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_IAM, NONE]");
        }
        if (Boolean.TRUE.equals(g.invokedViaFunctionUrl()) && !INVOKE.equals(g.action())) {
            throw LambdaException.invalidParameter("InvokedViaFunctionUrl is only supported for the " + INVOKE + " action.");
        }
        ObjectNode s = json.createObjectNode();
        s.put("Sid", g.statementId());
        s.put("Effect", "Allow");
        String p = g.principal();
        if (p.equals("*")) {
            s.put("Principal", "*");
        } else if (p.matches("\\d{12}")) {
            s.putObject("Principal").put("AWS", "arn:aws:iam::" + p + ":root");
        } else if (p.matches("arn:aws[a-z-]*:iam::\\d{12}:.+")) {
            s.putObject("Principal").put("AWS", p);
        } else if (p.matches("[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?|[a-z0-9.-]+\\.amazon\\.com")) {
            s.putObject("Principal").put("Service", p);
        } else {
            throw LambdaException.invalidParameter("The provided principal was invalid. Please check the principal and try again.");
        }
        s.put("Action", g.action());
        s.put("Resource", resourceArn);
        ObjectNode condition = json.createObjectNode();
        stringEquals(condition, "AWS:SourceAccount", g.sourceAccount());
        stringEquals(condition, "aws:PrincipalOrgID", g.principalOrgId());
        stringEquals(condition, "lambda:EventSourceToken", g.eventSourceToken());
        stringEquals(condition, "lambda:FunctionUrlAuthType", g.functionUrlAuthType());
        if (g.sourceArn() != null) {
            condition.putObject("ArnLike").put("AWS:SourceArn", g.sourceArn());
        }
        if (Boolean.TRUE.equals(g.invokedViaFunctionUrl())) {
            condition.putObject("Bool").put(FunctionUrlGrants.INVOKED_VIA_URL, "true");
        }
        if (!condition.isEmpty()) {
            s.set("Condition", condition);
        }
        return s;
    }

    private static void stringEquals(ObjectNode condition, String key, String value) {
        if (value != null) {
            ObjectNode eq = condition.has("StringEquals") ? (ObjectNode) condition.get("StringEquals") : condition.putObject("StringEquals");
            eq.put(key, value);
        }
    }

    /** The stored statements (null: none) with one more; refused when the Sid is taken or the policy grows past 20 KB. */
    public String add(String statements, ObjectNode statement) {
        ArrayNode list = statements == null ? json.createArrayNode() : array(statements);
        String sid = statement.get("Sid").asText();
        for (JsonNode s : list) {
            if (sid.equals(s.path("Sid").asText())) {
                throw LambdaException.conflict("The statement id (" + sid
                        + ") provided already exists. Please provide a new statement id, or remove the existing statement.");
            }
        }
        list.add(statement);
        int size = policy(list.toString()).getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_POLICY_BYTES) {
            throw new LambdaException("PolicyLengthExceededException", 400,
                    "The final policy size (" + size + ") is bigger than the limit (" + MAX_POLICY_BYTES + ").");
        }
        return list.toString();
    }

    /** The stored statements without the one of {@code sid}, or null when none is left. */
    public String remove(String statements, String sid) {
        ArrayNode list = array(statements);
        for (int i = 0; i < list.size(); i++) {
            if (sid.equals(list.get(i).path("Sid").asText())) {
                list.remove(i);
                return list.isEmpty() ? null : list.toString();
            }
        }
        throw new LambdaException("ResourceNotFoundException", 404, "Statement " + sid + " is not found in resource policy.");
    }

    /** The policy document GetPolicy answers: {@code {"Version":"2012-10-17","Id":"default","Statement":[...]}}. */
    public String policy(String statements) {
        ObjectNode doc = json.createObjectNode();
        doc.put("Version", "2012-10-17");
        doc.put("Id", "default");
        doc.set("Statement", array(statements));
        return doc.toString();
    }

    /**
     * Whether stored statements allow a service principal {@code lambda:InvokeFunction} on
     * {@code resourceArn} with the calling resource's ARN and account, evaluated by core's policy
     * engine as AWS evaluates a resource policy (an explicit Deny would win; none is written here).
     */
    public boolean allowsInvoke(String statements, String servicePrincipal, String resourceArn, String sourceArn, String sourceAccount) {
        if (statements == null) {
            return false;
        }
        ContextKeys keys = ContextKeys.builder().put(ContextKeys.SOURCE_ARN, sourceArn).put(ContextKeys.SOURCE_ACCOUNT, sourceAccount).build();
        return PolicyDocument.parse(policy(statements))
                .evaluate(new AccessRequest(PolicyPrincipal.service(servicePrincipal), INVOKE, resourceArn, keys)).allowed();
    }

    /**
     * Whether stored statements allow {@code principal} {@code action} on {@code resourceArn} with the
     * request's condition keys (a function URL's caller: {@link FunctionUrlGrants}).
     */
    public boolean allows(String statements, PolicyPrincipal principal, String action, String resourceArn, ContextKeys keys) {
        return statements != null
                && PolicyDocument.parse(policy(statements)).evaluate(new AccessRequest(principal, action, resourceArn, keys)).allowed();
    }

    private ArrayNode array(String statements) {
        try {
            return (ArrayNode) json.readTree(statements);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("unreadable function policy", e);
        }
    }
}
