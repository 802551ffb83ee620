package io.haneul.apigateway.invoke;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code HTTP_PROXY}: the request goes to the integration URI as it came (method, query string,
 * headers, body) with {@code {name}} path variables filled from the method's path parameters (as
 * mapped by {@code integration.request.path.*} parameters, else by the same name) and
 * {@code ${stageVariables.x}} from the stage; the backend's answer comes back as it is, but for the
 * headers API Gateway renames to {@code X-Amzn-Remapped-*}. A backend slower than the integration's
 * timeout is API Gateway's 504.
 */
public final class HttpProxyIntegration implements InvokeEndpoint.Integration {

    private static final Set<String> REMAPPED = NotForwardedHeaders.caseInsensitive("connection", "content-length", "date", "server",
            "www-authenticate");
    private static final Set<String> DROPPED = NotForwardedHeaders.caseInsensitive("transfer-encoding", "keep-alive");

    private final BackendClient client;

    /** @param client the HTTP integrations' backend client (shared with {@code HTTP}) */
    public HttpProxyIntegration(BackendClient client) {
        this.client = client;
    }

    @Override
    public WireResponse invoke(InvokeRequest r, Headers headers) {
        URI target;
        try {
            target = URI.create(target(r));
        } catch (IllegalArgumentException e) {
            throw GatewayFailures.configurationError();
        }
        String method = r.integration().path("httpMethod").asText("ANY");
        if (method.equals("ANY")) {
            method = r.httpMethod();
        }
        List<Map.Entry<String, String>> forwarded = new java.util.ArrayList<>(r.headers().size());
        r.headers().forEach((name, value) -> {
            if (!NotForwardedHeaders.contains(name)) {
                forwarded.add(Map.entry(name, value));
            }
        });
        BackendClient.Answer response;
        try {
            response = client.send(method, target, forwarded, r.body(), r.integration().path("timeoutInMillis").asInt(29_000));
        } catch (BackendClient.TimedOut e) {
            throw GatewayFailures.timedOut();
        } catch (IOException | IllegalArgumentException e) {
            throw GatewayFailures.configurationError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayFailures.configurationError();
        }
        for (Map.Entry<String, String> h : response.headers()) {
            String name = h.getKey();
            if (DROPPED.contains(name) || name.startsWith(":")) {
                continue;
            }
            headers.add(REMAPPED.contains(name) ? "X-Amzn-Remapped-" + name : name, h.getValue());
        }
        return new WireResponse(response.status(), headers, response.body());
    }

    /** The backend URL: variables filled, then the request's query string appended. */
    static String target(InvokeRequest r) {
        String uri = StageVariables.substitute(r.integration().path("uri").asText(""), r.stageVariables());
        Map<String, String> params = r.match().pathParameters();
        Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> mappings = r.integration().path("requestParameters").fields();
        while (mappings.hasNext()) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> m = mappings.next();
            String source = m.getValue().asText();
            if (m.getKey().startsWith("integration.request.path.") && source.startsWith("method.request.path.")) {
                String value = params.get(source.substring("method.request.path.".length()));
                if (value != null) {
                    uri = uri.replace("{" + m.getKey().substring("integration.request.path.".length()) + "}", encodePath(value));
                }
            }
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            uri = uri.replace("{" + p.getKey() + "}", encodePath(p.getValue()));
        }
        if (!r.rawQuery().isEmpty()) {
            uri = uri + (uri.contains("?") ? "&" : "?") + r.rawQuery();
        }
        return uri;
    }

    /** Encodes each segment of a (possibly greedy) path value, keeping its slashes. */
    private static String encodePath(String value) {
        StringBuilder out = new StringBuilder();
        List<String> segments = List.of(value.split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segments.get(i), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
