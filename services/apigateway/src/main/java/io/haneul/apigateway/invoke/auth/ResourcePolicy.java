package io.haneul.apigateway.invoke.auth;

import io.haneul.apigateway.invoke.InvokeRequest;
import io.haneul.core.policy.AccessRequest;
import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.PolicyCache;
import io.haneul.core.policy.PolicyPrincipal;

import java.time.Instant;

/**
 * A REST API's resource policy (its {@code policy}) judged for one invocation by core's policy
 * engine: action {@code execute-api:Invoke} on the method ARN, the caller as principal (anonymous
 * unless signed), with {@code aws:SourceIp}, {@code aws:SecureTransport} and the time as condition
 * keys. {@code execute-api:/...} resources are read as this API's ARN prefix, as AWS expands them.
 */
final class ResourcePolicy {

    static final String ACTION = "execute-api:Invoke";

    private final PolicyCache policies = new PolicyCache(256);

    /** Whether the API has a policy at all (without one, nothing is refused on its account). */
    static boolean present(InvokeRequest r) {
        return !r.api().path("policy").asText("").isBlank();
    }

    Decision decide(InvokeRequest r, PolicyPrincipal caller, Instant now) {
        String text = r.api().path("policy").asText("");
        if (text.isBlank()) {
            return Decision.NOT_GRANTED;
        }
        String expanded = text.replace("\"execute-api:/", "\"arn:aws:execute-api:" + r.region() + ":" + r.account() + ":" + r.apiId() + "/");
        ContextKeys keys = ContextKeys.ofCall(caller, now, r.headers().first("X-Forwarded-Proto"),
                r.sourceIp() == null ? "127.0.0.1" : r.sourceIp()).build();
        return policies.evaluate(expanded, new AccessRequest(caller, ACTION, r.methodArn(), keys));
    }
}
