package io.haneul.apigateway.invoke;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a gateway response can draw on: the method request's headers, query string and path
 * parameters ({@code method.request.*}), the stage's variables and {@code $context}. A request that
 * matched no route has no resource and no path parameters.
 */
record FailureScene(Map<String, Object> context, Headers headers, Map<String, List<String>> query, Map<String, String> pathParameters,
                    Map<String, String> stageVariables, String body) {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A request that reached its method. */
    static FailureScene of(InvokeRequest r) {
        return new FailureScene(TemplateContext.of(r), r.headers(), r.query(), r.match().pathParameters(), r.stageVariables(),
                new String(r.body(), StandardCharsets.UTF_8));
    }

    /** A request that matched no route (or no API): the context API Gateway knows before routing. */
    static FailureScene unrouted(Unrouted u) {
        Map<String, Object> c = new HashMap<>();
        c.put("requestId", u.requestId());
        c.put("extendedRequestId", u.extendedRequestId());
        c.put("apiId", u.apiId());
        c.put("stage", u.stage());
        c.put("accountId", u.account() == null ? "" : u.account());
        c.put("httpMethod", u.httpMethod());
        c.put("path", u.stagePath());
        c.put("protocol", "HTTP/1.1");
        c.put("domainName", u.domainName());
        c.put("requestTime", REQUEST_TIME.format(u.receivedAt()));
        c.put("requestTimeEpoch", u.receivedAt().toEpochMilli());
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", u.sourceIp() == null ? "127.0.0.1" : u.sourceIp());
        String agent = u.headers().first("User-Agent");
        identity.put("userAgent", agent == null ? "" : agent);
        c.put("identity", identity);
        c.put("error", new HashMap<String, Object>());
        return new FailureScene(c, u.headers(), WireRequest.parseForm(u.rawQuery()), Map.of(), u.stageVariables(),
                new String(u.body(), StandardCharsets.UTF_8));
    }

    /** The request as far as it is known without a route. */
    record Unrouted(String requestId, String extendedRequestId, Instant receivedAt, String httpMethod, String stagePath, String rawQuery,
                    Headers headers, byte[] body, String sourceIp, String domainName, String account, String apiId, String stage,
                    Map<String, String> stageVariables) {
    }
}
