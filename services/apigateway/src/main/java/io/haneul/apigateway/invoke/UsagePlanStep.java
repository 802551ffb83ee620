package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.UsagePlanService;
import io.haneul.apigateway.domain.MethodSettingsPatch;
import io.haneul.apigateway.domain.TokenBuckets;
import io.haneul.apigateway.domain.UsagePlanPatch;

import java.util.Optional;

/**
 * API keys, usage plans and throttling on invoke, after authorization (which may have put a Lambda
 * authorizer's {@code usageIdentifierKey} in {@link CallerIdentity#apiKey()}) and before request
 * validation. In AWS's order: a method with {@code apiKeyRequired} needs an enabled key, from the
 * {@code x-api-key} header or (apiKeySource AUTHORIZER) the authorizer, in a usage plan covering this
 * stage, else 403 Forbidden; then the plan's throttle for the method, or for the key, then the
 * stage's method settings ({@code *}{@code /*} or the method's own), else 429 Too Many Requests; then the
 * plan's quota, else 429 Limit Exceeded. Throttle buckets are per node; quotas are counted in the
 * database.
 */
public final class UsagePlanStep implements InvokeStep {

    /** The stage as stored, for its method settings; null when it is gone. */
    @FunctionalInterface
    public interface StageLookup {
        ObjectNode stage(String apiId, String stageName);
    }

    private final UsagePlanService plans;
    private final StageLookup stages;
    private final TokenBuckets buckets;

    public UsagePlanStep(UsagePlanService plans, StageLookup stages, TokenBuckets buckets) {
        this.plans = plans;
        this.stages = stages;
        this.buckets = buckets;
    }

    @Override
    public InvokeRequest apply(InvokeRequest r) {
        InvokeRequest out = r;
        UsagePlanService.Grant grant = null;
        if (r.match().method().path("apiKeyRequired").asBoolean(false)) {
            boolean fromAuthorizer = "AUTHORIZER".equals(r.api().path("apiKeySource").asText("HEADER"));
            String value = fromAuthorizer ? r.caller().apiKey() : r.headers().first("x-api-key");
            if (value == null || value.isEmpty()) {
                throw forbidden();
            }
            Optional<UsagePlanService.Grant> found = plans.grant(r.account(), r.region(), r.apiId(), r.stage(), value);
            if (found.isEmpty()) {
                throw forbidden();
            }
            grant = found.get();
            CallerIdentity c = r.caller();
            out = r.withCaller(new CallerIdentity(c.principalId(), c.authorizerContext(), value, grant.key().get("id").asText(),
                    c.accountId(), c.userArn(), c.accessKey()));
            String holder = grant.plan().get("id").asText() + ":" + grant.key().get("id").asText();
            ObjectNode apiStage = UsagePlanPatch.apiStage(grant.plan(), r.apiId(), r.stage());
            JsonNode methodThrottle = apiStage == null ? null : MethodSettingsPatch.find(apiStage.path("throttle"), r.resourcePath(), r.httpMethod());
            if (methodThrottle != null) {
                throttle("plan-method:" + holder + ":" + r.apiId() + ":" + r.stage() + ":" + methodKey(r), limit(methodThrottle, "rateLimit", "burstLimit"));
            } else if (grant.plan().hasNonNull("throttle")) {
                throttle("plan:" + holder, limit(grant.plan().get("throttle"), "rateLimit", "burstLimit"));
            }
        }
        ObjectNode stage = stages.stage(r.apiId(), r.stage());
        JsonNode settings = stage == null ? null : MethodSettingsPatch.lookup(stage.path("methodSettings"), r.resourcePath(), r.httpMethod());
        if (settings != null) {
            throttle("stage:" + r.apiId() + ":" + r.stage() + ":" + methodKey(r), limit(settings, "throttlingRateLimit", "throttlingBurstLimit"));
        }
        if (grant != null && !plans.consumeQuota(grant.plan(), grant.key().get("id").asText())) {
            throw new GatewayFailure(GatewayResponseType.QUOTA_EXCEEDED, "Limit Exceeded", "LimitExceededException");
        }
        return out;
    }

    private void throttle(String holder, TokenBuckets.Limit limit) {
        if (limit != null && !buckets.take(holder, limit)) {
            throw new GatewayFailure(GatewayResponseType.THROTTLED, "Too Many Requests", "TooManyRequestsException");
        }
    }

    /** The limit a throttle sets, or null when it sets no rate. */
    private static TokenBuckets.Limit limit(JsonNode throttle, String rate, String burst) {
        if (!throttle.hasNonNull(rate) && !throttle.hasNonNull(burst)) {
            return null;
        }
        double r = throttle.hasNonNull(rate) ? throttle.get(rate).asDouble() : Double.MAX_VALUE;
        return new TokenBuckets.Limit(r, throttle.hasNonNull(burst) ? throttle.get(burst).asInt() : null);
    }

    private static GatewayFailure forbidden() {
        return new GatewayFailure(GatewayResponseType.INVALID_API_KEY, "Forbidden", "ForbiddenException");
    }

    /** The method's part of a throttle bucket's key (only built when a throttle applies). */
    private static String methodKey(InvokeRequest r) {
        return r.resourcePath() + "/" + r.httpMethod();
    }
}
