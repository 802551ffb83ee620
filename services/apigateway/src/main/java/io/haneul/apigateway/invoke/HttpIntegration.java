package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code HTTP} (non-proxy): the integration request is built from the method request by the
 * integration's {@code requestParameters} ({@code integration.request.path|querystring|header.X}
 * from {@code method.request.path|querystring|header.Y}, {@code stageVariables.x},
 * {@code context.x} or a {@code 'literal'}) and its request template (or passthrough); nothing else
 * of the client's request is forwarded. The backend's answer goes through the integration
 * responses (selected by its status code). Calls go through the same blocking client as
 * {@code HTTP_PROXY} ({@link BackendClient}: pooled keep-alive connections, the integration's
 * timeout as a hard deadline, capped answer headers and body); mapped headers that API Gateway owns
 * ({@code Host}, the connection's and the body's framing, {@link NotForwardedHeaders}) are not sent.
 * Like API Gateway, the call names the API: {@code User-Agent: AmazonAPIGateway_<apiId>} and
 * {@code x-amzn-apigateway-api-id}, each unless the integration maps its own.
 */
public final class HttpIntegration implements InvokeEndpoint.Integration {

    private final Templates templates;
    private final BackendClient client;

    /** @param client the HTTP integrations' backend client (shared with {@code HTTP_PROXY}) */
    public HttpIntegration(Templates templates, BackendClient client) {
        this.templates = templates;
        this.client = client;
    }

    @Override
    public WireResponse invoke(InvokeRequest r, Headers headers) {
        RequestMapping.Mapped mapped;
        try {
            mapped = RequestMapping.map(templates, r);
        } catch (Templates.TemplateException e) {
            throw GatewayFailures.configurationError();
        }
        if (mapped == null) {
            throw GatewayFailures.unsupportedMediaType();
        }
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> header = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> params = r.integration().path("requestParameters").fields();
        while (params.hasNext()) {
            Map.Entry<String, JsonNode> p = params.next();
            String value = source(p.getValue().asText(), r);
            if (value == null) {
                continue;
            }
            String key = p.getKey();
            if (key.startsWith("integration.request.path.")) {
                path.put(key.substring(25), value);
            } else if (key.startsWith("integration.request.querystring.")) {
                query.put(key.substring(32), value);
            } else if (key.startsWith("integration.request.header.")) {
                header.put(key.substring(27), value);
            }
        }
        String method = r.integration().path("httpMethod").asText("GET");
        if (method.equals("ANY")) {
            method = r.httpMethod();
        }
        BackendClient.Answer response;
        try {
            URI target = URI.create(target(r, path, query));
            response = client.send(method, target, sent(header, mapped.contentType(), r.apiId()), mapped.bytes(),
                    r.integration().path("timeoutInMillis").asInt(29_000));
        } catch (BackendClient.TimedOut e) {
            throw GatewayFailures.timedOut();
        } catch (IOException | IllegalArgumentException e) {
            throw GatewayFailures.configurationError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayFailures.configurationError();
        }
        Headers backendHeaders = new Headers();
        response.headers().forEach(h -> backendHeaders.add(h.getKey(), h.getValue()));
        return IntegrationResponses.respond(templates, r, new IntegrationResponses.Backend(response.status(), backendHeaders,
                new String(response.body(), StandardCharsets.UTF_8), response.body()), headers);
    }

    /** The integration URI with its stage variables, its mapped path variables and the mapped query string. */
    private static String target(InvokeRequest r, Map<String, String> path, Map<String, String> query) {
        String uri = StageVariables.substitute(r.integration().path("uri").asText(""), r.stageVariables());
        for (Map.Entry<String, String> p : path.entrySet()) {
            uri = uri.replace("{" + p.getKey() + "}", URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        StringBuilder qs = new StringBuilder();
        query.forEach((k, v) -> qs.append(qs.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return qs.isEmpty() ? uri : uri + (uri.contains("?") ? "&" : "?") + qs;
    }

    /**
     * The mapped headers API Gateway lets through, after the template's {@code Content-Type}, and then
     * the API's {@code x-amzn-apigateway-api-id} and {@code User-Agent}, each unless one was mapped.
     */
    static List<Map.Entry<String, String>> sent(Map<String, String> mapped, String contentType, String apiId) {
        List<Map.Entry<String, String>> out = new ArrayList<>(mapped.size() + 3);
        if (contentType != null && !has(mapped, "Content-Type")) {
            out.add(Map.entry("Content-Type", contentType));
        }
        mapped.forEach((name, value) -> {
            if (!NotForwardedHeaders.contains(name)) {
                out.add(Map.entry(name, value));
            }
        });
        if (!has(mapped, "x-amzn-apigateway-api-id")) {
            out.add(Map.entry("x-amzn-apigateway-api-id", apiId));
        }
        if (!has(mapped, "User-Agent")) {
            out.add(Map.entry("User-Agent", "AmazonAPIGateway_" + apiId));
        }
        return out;
    }

    private static boolean has(Map<String, String> mapped, String name) {
        return mapped.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** The value of one mapping source for this request, or null when it has none. */
    static String source(String expression, InvokeRequest r) {
        if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
            return expression.substring(1, expression.length() - 1);
        }
        if (expression.startsWith("method.request.path.")) {
            return r.match().pathParameters().get(expression.substring(20));
        }
        if (expression.startsWith("method.request.querystring.")) {
            List<String> values = r.query().get(expression.substring(27));
            return values == null ? null : values.getLast();
        }
        if (expression.startsWith("method.request.multivaluequerystring.")) {
            List<String> values = r.query().get(expression.substring(37));
            return values == null ? null : String.join(",", values);
        }
        if (expression.startsWith("method.request.header.")) {
            return r.headers().first(expression.substring(22));
        }
        if (expression.startsWith("method.request.multivalueheader.")) {
            List<String> values = r.headers().all(expression.substring(32));
            return values.isEmpty() ? null : String.join(",", values);
        }
        if (expression.startsWith("stageVariables.")) {
            return r.stageVariables().get(expression.substring(15));
        }
        if (expression.startsWith("context.")) {
            Object value = TemplateContext.of(r).get(expression.substring(8));
            return value == null ? null : String.valueOf(value);
        }
        return null;
    }
}
