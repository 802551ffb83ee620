package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * responses (selected by its status code).
 */
public final class HttpIntegration implements InvokeEndpoint.Integration {

    private final Templates templates;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    public HttpIntegration(Templates templates) {
        this.templates = templates;
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
        String uri = StageVariables.substitute(r.integration().path("uri").asText(""), r.stageVariables());
        for (Map.Entry<String, String> p : path.entrySet()) {
            uri = uri.replace("{" + p.getKey() + "}", URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        StringBuilder qs = new StringBuilder();
        query.forEach((k, v) -> qs.append(qs.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        if (!qs.isEmpty()) {
            uri = uri + (uri.contains("?") ? "&" : "?") + qs;
        }
        String method = r.integration().path("httpMethod").asText("GET");
        if (method.equals("ANY")) {
            method = r.httpMethod();
        }
        HttpResponse<byte[]> response;
        try {
            byte[] body = mapped.bytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri))
                    .timeout(Duration.ofMillis(r.integration().path("timeoutInMillis").asInt(29_000)))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (mapped.contentType() != null && !header.containsKey("Content-Type")) {
                b.header("Content-Type", mapped.contentType());
            }
            header.forEach(b::header);
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw GatewayFailures.timedOut();
        } catch (IOException | IllegalArgumentException e) {
            throw GatewayFailures.configurationError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayFailures.configurationError();
        }
        Headers backendHeaders = new Headers();
        response.headers().map().forEach((k, vs) -> vs.forEach(v -> backendHeaders.add(k, v)));
        return IntegrationResponses.respond(templates, r, new IntegrationResponses.Backend(response.statusCode(), backendHeaders,
                new String(response.body(), StandardCharsets.UTF_8), response.body()), headers);
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
