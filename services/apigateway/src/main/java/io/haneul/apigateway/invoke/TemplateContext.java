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
        Map<String, Object> identity = new LinkedHashMap<>();
        for (String k : List.of("accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
                "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "user", "userArn")) {
            identity.put(k, "");
        }
        identity.put("apiKey", r.caller().apiKey() == null ? "" : r.caller().apiKey());
        identity.put("apiKeyId", r.caller().apiKeyId() == null ? "" : r.caller().apiKeyId());
        identity.put("sourceIp", r.sourceIp() == null ? "127.0.0.1" : r.sourceIp());
        identity.put("userAgent", r.headers().first("User-Agent") == null ? "" : r.headers().first("User-Agent"));
        c.put("identity", identity);
        c.put("authorizer", new HashMap<String, Object>());
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
}
