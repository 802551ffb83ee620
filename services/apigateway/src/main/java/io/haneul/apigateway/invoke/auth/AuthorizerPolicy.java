package io.haneul.apigateway.invoke.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.policy.AccessRequest;
import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.MalformedPolicyException;
import io.haneul.core.policy.PolicyDocument;
import io.haneul.core.policy.PolicyPrincipal;

import java.util.List;
import java.util.Optional;

/**
 * The IAM policy a Lambda authorizer answers, judged as API Gateway judges it for REST, HTTP and
 * WebSocket APIs alike: the core policy engine, action {@code execute-api:Invoke} on the method's or
 * route's ARN, an explicit Deny winning over any Allow.
 */
public final class AuthorizerPolicy {

    private AuthorizerPolicy() {
    }

    /**
     * The policy as the core engine reads it; empty when it does not parse. Its statements name no
     * principal (an identity policy: it applies to whoever the authorizer vouched for), so each is
     * given {@code "Principal": "*"}.
     */
    public static Optional<PolicyDocument> parse(JsonNode policyDocument) {
        if (policyDocument == null || !policyDocument.isObject()) {
            return Optional.empty();
        }
        ObjectNode policy = policyDocument.deepCopy();
        JsonNode statements = policy.path("Statement");
        for (JsonNode s : statements.isArray() ? statements : List.of(statements)) {
            if (s.isObject() && !s.has("Principal") && !s.has("NotPrincipal")) {
                ((ObjectNode) s).put("Principal", "*");
            }
        }
        try {
            return Optional.of(PolicyDocument.parse(policy.toString()));
        } catch (MalformedPolicyException e) {
            return Optional.empty();
        }
    }

    /** The decision for invoking {@code arn}. */
    public static Decision decide(PolicyDocument policy, String arn) {
        return policy.evaluate(new AccessRequest(PolicyPrincipal.anonymous(), ResourcePolicy.ACTION, arn, ContextKeys.builder().build()));
    }

    /** Whether the answered policy lets the caller invoke {@code arn}; a policy that does not parse allows nothing. */
    public static boolean allows(JsonNode policyDocument, String arn) {
        return parse(policyDocument).map(p -> decide(p, arn).allowed()).orElse(false);
    }
}
