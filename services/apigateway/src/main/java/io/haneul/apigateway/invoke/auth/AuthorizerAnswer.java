package io.haneul.apigateway.invoke.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.PolicyDocument;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a Lambda authorizer answered: {@code principalId}, an IAM {@code policyDocument}, an
 * optional {@code context} of string, number and boolean values, and an optional
 * {@code usageIdentifierKey} (the API key when the API's key source is {@code AUTHORIZER}). The
 * policy is kept and judged against each request's method ARN, so that a cached answer is judged
 * again for every method it is reused on, as on AWS.
 */
record AuthorizerAnswer(String principalId, PolicyDocument policy, String policyText, Map<String, Object> context,
                        String usageIdentifierKey) {

    /**
     * Reads a function's answer; empty when it is not an authorizer's answer (no principal, no
     * policy, a policy that does not parse, a context value that is an object or an array), which API
     * Gateway answers as an authorizer configuration error.
     */
    static Optional<AuthorizerAnswer> parse(JsonNode out) {
        if (out == null || !out.isObject() || !out.path("principalId").isValueNode() || out.path("principalId").isNull()
                || !out.path("policyDocument").isObject()) {
            return Optional.empty();
        }
        Map<String, Object> context = new LinkedHashMap<>();
        JsonNode ctx = out.path("context");
        if (!ctx.isMissingNode() && !ctx.isNull()) {
            if (!ctx.isObject()) {
                return Optional.empty();
            }
            for (Map.Entry<String, JsonNode> e : ctx.properties()) {
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    context.put(e.getKey(), v.asText());
                } else if (v.isBoolean()) {
                    context.put(e.getKey(), v.asBoolean());
                } else if (v.isNumber()) {
                    context.put(e.getKey(), v.numberValue());
                } else if (!v.isNull()) {
                    return Optional.empty();
                }
            }
        }
        Optional<PolicyDocument> parsed = AuthorizerPolicy.parse(out.get("policyDocument"));
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String key = out.path("usageIdentifierKey").isValueNode() && !out.path("usageIdentifierKey").isNull()
                ? out.path("usageIdentifierKey").asText() : null;
        return Optional.of(new AuthorizerAnswer(out.get("principalId").asText(), parsed.get(), out.get("policyDocument").toString(), context, key));
    }

    /** The policy's decision for invoking {@code methodArn}: an explicit Deny wins, else an Allow grants. */
    Decision decide(String methodArn) {
        return AuthorizerPolicy.decide(policy, methodArn);
    }
}
