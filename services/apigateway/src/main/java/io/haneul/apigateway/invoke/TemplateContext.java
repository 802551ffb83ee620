package io.haneul.apigateway.invoke;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code $context} for mapping templates and parameter mappings, from one request. Mutable where
 * templates may write: {@code responseOverride.status} and {@code responseOverride.header.X}.
 */
final class TemplateContext {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TemplateContext() {
    }

    static Map<String, Object> of(InvokeRequest r) {
        Map<String, Object> c = new HashMap<>();
        c.put("accountId", r.account());
        c.put("apiId", r.apiId());
        c.put("deploymentId", r.deploymentId());
        c.put("domainName", r.domainName());
        c.put("domainPrefix", r.domainName().contains(".") ? r.domainName().substring(0, r.domainName().indexOf('.')) : r.domainName());
        c.put("extendedRequestId", r.extendedRequestId());
        c.put("httpMethod", r.httpMethod());
        c.put("path", r.stagePath());
        c.put("protocol", "HTTP/1.1");
        c.put("requestId", r.requestId());
        c.put("requestTime", REQUEST_TIME.format(r.receivedAt()));
        c.put("requestTimeEpoch", r.receivedAt().toEpochMilli());
        c.put("resourceId", r.resourceId());
        c.put("resourcePath", r.resourcePath());
        c.put("stage", r.stage());
        if (r.canary() != null) {
            c.put("isCanaryRequest", r.canary());
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        for (String k : List.of("accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
                "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "user", "userArn")) {
            identity.put(k, "");
        }
        CallerIdentity who = r.caller();
        putIfSet(identity, "accountId", who.accountId());
        putIfSet(identity, "apiKey", who.apiKey());
        putIfSet(identity, "apiKeyId", who.apiKeyId());
        putIfSet(identity, "accessKey", who.accessKey());
        putIfSet(identity, "caller", who.accessKey());
        putIfSet(identity, "user", who.accessKey());
        putIfSet(identity, "userArn", who.userArn());
        identity.put("sourceIp", r.sourceIp() == null ? "127.0.0.1" : r.sourceIp());
        identity.put("userAgent", r.headers().first("User-Agent") == null ? "" : r.headers().first("User-Agent"));
        c.put("identity", identity);
        Map<String, Object> authorizer = new HashMap<>(who.authorizerContext());
        if (who.principalId() != null) {
            authorizer.put("principalId", who.principalId());
        }
        c.put("authorizer", authorizer);
        c.put("error", new HashMap<String, Object>());
        Map<String, Object> response = new HashMap<>();
        response.put("header", new LinkedHashMap<String, Object>());
        c.put("responseOverride", response);
        Map<String, Object> request = new HashMap<>();
        request.put("header", new LinkedHashMap<String, Object>());
        request.put("path", new LinkedHashMap<String, Object>());
        request.put("querystring", new LinkedHashMap<String, Object>());
        c.put("requestOverride", request);
        return c;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
