package io.haneul.apigateway.invoke.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.AuthorizerRules;
import io.haneul.apigateway.invoke.CallerIdentity;
import io.haneul.apigateway.invoke.GatewayFailure;
import io.haneul.apigateway.invoke.GatewayResponseType;
import io.haneul.apigateway.invoke.InvokeRequest;
import io.haneul.apigateway.invoke.InvokeStep;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.PolicyPrincipal;
import io.haneul.core.spi.FunctionInvoker;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The method's authorization, first of the invoke steps, in API Gateway's order: an {@code AWS_IAM}
 * method's signature; the API's resource policy (an explicit Deny refuses anyone at once); then a
 * {@code CUSTOM} method's Lambda authorizer. Who may pass, as AWS combines the two: with no
 * resource policy, whoever the method's authorization type lets in (a signed caller of another
 * account is refused); with one, a caller the policy allows, or one a Lambda authorizer allows and
 * the policy does not deny, or a signed caller of the API's own account the policy does not deny.
 */
public final class AuthorizationStep implements InvokeStep {

    /** A REST API's authorizers by id, as the deployment being served has them. */
    @FunctionalInterface
    public interface Authorizers {
        Optional<ObjectNode> find(String apiId, String deploymentId, String authorizerId);
    }

    private static final int CACHE_ENTRIES = 10_000;

    private final Authorizers authorizers;
    private final LambdaAuthorizer lambda;
    private final Clock clock;
    private final ResourcePolicy policy = new ResourcePolicy();
    private final AuthorizerCache cache = new AuthorizerCache(CACHE_ENTRIES);

    public AuthorizationStep(Authorizers authorizers, Supplier<Optional<FunctionInvoker>> functions, ObjectMapper json, Clock clock) {
        this.authorizers = authorizers;
        this.lambda = new LambdaAuthorizer(functions, json);
        this.clock = clock;
    }

    @Override
    public InvokeRequest apply(InvokeRequest r) {
        String type = r.match().method().path("authorizationType").asText("NONE");
        Instant now = clock.instant();
        InvokeRequest request = type.equals("AWS_IAM") ? r.withCaller(IamAuthentication.verify(r)) : r;
        CallerIdentity caller = request.caller();
        boolean signed = caller.accountId() != null;
        PolicyPrincipal principal = signed ? PolicyPrincipal.account(caller.accountId()) : PolicyPrincipal.anonymous();
        String user = signed ? caller.userArn() : "anonymous";
        boolean hasPolicy = ResourcePolicy.present(r);
        Decision decision = policy.decide(request, principal, now);
        if (decision == Decision.DENY) {
            throw Denials.resourcePolicy(user, r.methodArn(), true);
        }
        switch (type) {
            case "CUSTOM", "COGNITO_USER_POOLS" -> {
                return request.withCaller(authorize(request, now));
            }
            case "AWS_IAM" -> {
                if (decision != Decision.ALLOW && (!caller.accountId().equals(r.account()))) {
                    throw Denials.resourcePolicy(user, r.methodArn(), false);
                }
                return request;
            }
            default -> {
                if (hasPolicy && decision != Decision.ALLOW) {
                    throw Denials.resourcePolicy(user, r.methodArn(), false);
                }
                return request;
            }
        }
    }

    /** FlushStageAuthorizersCache: forgets the stage's cached authorizer answers. */
    public void flushStage(String apiId, String stage) {
        cache.flush(stagePrefix(apiId, stage));
    }

    private static String stagePrefix(String apiId, String stage) {
        return apiId + "/" + stage + "\n";
    }

    /** Runs the method's Lambda authorizer (or takes its cached answer) and judges its policy for this method. */
    private CallerIdentity authorize(InvokeRequest r, Instant now) {
        String id = r.match().method().path("authorizerId").asText("");
        ObjectNode authorizer = authorizers.find(r.apiId(), r.deploymentId(), id).orElseThrow(Denials::authorizerConfiguration);
        List<String> identity = IdentitySources.values(authorizer, r);
        if (authorizer.path("type").asText().equals("COGNITO_USER_POOLS")) {
            throw cognitoUnsupported();
        }
        int ttl = authorizer.path("authorizerResultTtlInSeconds").asInt(AuthorizerRules.DEFAULT_TTL);
        String key = stagePrefix(r.apiId(), r.stage()) + authorizer + "\n" + String.join("\n", identity);
        AuthorizerAnswer answer = ttl > 0 ? cache.get(key, now) : null;
        if (answer == null) {
            answer = lambda.call(authorizer, r, lambda.event(authorizer, r, identity), new ArrayList<>());
            if (ttl > 0) {
                cache.put(key, answer, now.plusSeconds(ttl));
            }
        }
        Decision d = answer.decide(r.methodArn());
        if (d == Decision.DENY) {
            throw Denials.explicitDeny();
        }
        if (d != Decision.ALLOW) {
            throw Denials.notAllowed();
        }
        CallerIdentity prior = r.caller();
        return new CallerIdentity(answer.principalId(), answer.context(), answer.usageIdentifierKey(), prior.apiKeyId(),
                prior.accountId(), prior.userArn(), prior.accessKey());
    }

    /**
     * Haneul has no Cognito user pools to verify tokens against: a request without the token is
     * refused as AWS refuses it (401, above), one with a token gets a 500 that says so.
     */
    static GatewayFailure cognitoUnsupported() {
        return new GatewayFailure(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR,
                "COGNITO_USER_POOLS authorizers are not supported by Haneul (it has no Cognito user pools to verify tokens against)",
                Denials.AUTHORIZER_CONFIGURATION);
    }
}
