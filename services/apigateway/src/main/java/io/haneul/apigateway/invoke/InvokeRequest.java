package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.RouteMatcher;
import io.haneul.core.wire.Headers;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to a deployed method, as its integration sees it: where it came from, what it
 * matched, and the stage it was served by.
 *
 * @param path      the path after the stage, e.g. {@code /pets/1} ({@code /} at the stage's root)
 * @param stagePath the path as the client sent it under the stage, {@code /{stage}/pets/1} (what {@code requestContext.path} says)
 * @param signatures verifies the request's SigV4 signature as sent (method {@code AWS_IAM}); null where nothing was signed
 * @param canary     whether the stage's canary served it ({@code $context.isCanaryRequest}); null when the stage has no canary
 */
public record InvokeRequest(String requestId, String extendedRequestId, Instant receivedAt, String httpMethod, String path,
                            String stagePath, String rawQuery, Headers headers, byte[] body, String sourceIp, String domainName,
                            String account, String region, String apiId, String stage, String deploymentId,
                            Map<String, String> stageVariables, ObjectNode api, RouteMatcher.Match match, CallerIdentity caller,
                            SignatureCheck signatures, Boolean canary) {

    /** A request to a stage without a canary. */
    public InvokeRequest(String requestId, String extendedRequestId, Instant receivedAt, String httpMethod, String path,
                         String stagePath, String rawQuery, Headers headers, byte[] body, String sourceIp, String domainName,
                         String account, String region, String apiId, String stage, String deploymentId,
                         Map<String, String> stageVariables, ObjectNode api, RouteMatcher.Match match, CallerIdentity caller,
                         SignatureCheck signatures) {
        this(requestId, extendedRequestId, receivedAt, httpMethod, path, stagePath, rawQuery, headers, body, sourceIp, domainName,
                account, region, apiId, stage, deploymentId, stageVariables, api, match, caller, signatures, null);
    }

    /** Checks the signature of the request as the client sent it (the data plane's authenticator). */
    @FunctionalInterface
    public interface SignatureCheck {
        /** @throws io.haneul.core.auth.AuthException AWS's authentication error */
        io.haneul.core.dataplane.DataPlaneCall.Caller verify(String signingName);
    }

    /** The same request with the caller an {@link InvokeStep} established. */
    public InvokeRequest withCaller(CallerIdentity who) {
        return new InvokeRequest(requestId, extendedRequestId, receivedAt, httpMethod, path, stagePath, rawQuery, headers, body,
                sourceIp, domainName, account, region, apiId, stage, deploymentId, stageVariables, api, match, who, signatures, canary);
    }

    /** Decoded query parameters, every value of each name in order. */
    public Map<String, List<String>> query() {
        return io.haneul.core.wire.WireRequest.parseForm(rawQuery);
    }

    /** Header values by name as sent, every value of each. */
    public Map<String, List<String>> multiHeaders() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v));
        return out;
    }

    public ObjectNode integration() {
        return (ObjectNode) match.method().get("methodIntegration");
    }

    /** The resource's path template, e.g. {@code /pets/{id}}. */
    public String resourcePath() {
        return match.resource().path("path").asText("/");
    }

    public String resourceId() {
        return match.resource().path("id").asText();
    }

    /**
     * {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path as requested}}: what
     * an authorizer's policy and the API's resource policy are evaluated against ({@code methodArn}).
     */
    public String methodArn() {
        return "arn:aws:execute-api:" + region + ":" + account + ":" + apiId + "/" + stage + "/" + httpMethod + path;
    }

    /** {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{resource path}}, what a Lambda permission's SourceArn matches. */
    public String executeApiArn() {
        return "arn:aws:execute-api:" + region + ":" + account + ":" + apiId + "/" + stage + "/" + httpMethod + resourcePath();
    }
}
