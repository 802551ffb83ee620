package io.haneul.apigateway.v2.invoke;

import io.haneul.apigateway.invoke.BackendClient;
import io.haneul.apigateway.invoke.FunctionArns;
import io.haneul.apigateway.invoke.NotForwardedHeaders;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an HTTP API's routes call: {@code AWS_PROXY} (a Lambda function through {@link FunctionInvoker},
 * with the 2.0 or 1.0 event; a function error or an unusable answer is {@code 500 Internal Server Error})
 * and {@code HTTP_PROXY} (the request forwarded to the integration URI, {@code {name}} filled from the
 * path variables; a backend slower than the integration's timeout is {@code 504}).
 */
final class HttpApiIntegrations {

    private static final Pattern INVOCATION_URI = Pattern.compile(":lambda:path/[^/]+/functions/(.+)/invocations$");
    private static final Set<String> DROPPED = NotForwardedHeaders.caseInsensitive("transfer-encoding", "keep-alive", "connection",
            "content-length");

    private final Supplier<Optional<FunctionInvoker>> lambda;
    private final ObjectMapper json;
    private final LambdaEvents events;
    private final SqsIntegration sqs;
    /** The REST APIs' blocking client with pooled keep-alive connections (the JDK's serialised concurrent calls). */
    private final BackendClient backend;

    HttpApiIntegrations(Supplier<Optional<FunctionInvoker>> lambda, Supplier<Optional<io.haneul.core.spi.QueueDelivery>> queues,
                        Supplier<Optional<io.haneul.core.spi.QueueConsumer>> consumers, ObjectMapper json, BackendClient backend) {
        this.backend = backend;
        this.lambda = lambda;
        this.sqs = new SqsIntegration(queues, consumers, json);
        this.json = json;
        this.events = new LambdaEvents(json);
    }

    WireResponse invoke(HttpApiRequest r, Headers headers) {
        return switch (r.integration().path("integrationType").asText()) {
            case "AWS_PROXY" -> switch (r.integration().path("integrationSubtype").asText("")) {
                case "" -> lambda(r, headers);
                case "SQS-SendMessage" -> sqs.sendMessage(r, headers);
                case "SQS-ReceiveMessage" -> sqs.receiveMessage(r, headers);
                case "SQS-DeleteMessage" -> sqs.deleteMessage(r, headers);
                case "SQS-PurgeQueue" -> sqs.purgeQueue(r, headers);
                default -> HttpApiPlane.message(500, "Internal Server Error", headers);
            };
            case "HTTP_PROXY" -> http(r, headers);
            default -> HttpApiPlane.message(500, "Internal Server Error", headers);
        };
    }

    private WireResponse lambda(HttpApiRequest r, Headers headers) {
        String uri = r.integration().path("integrationUri").asText("");
        Matcher m = INVOCATION_URI.matcher(uri);
        String function = m.find() ? m.group(1) : uri;
        Optional<FunctionInvoker> invoker = lambda.get();
        if (invoker.isEmpty() || function.isEmpty()) {
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        }
        String version = r.integration().path("payloadFormatVersion").asText("1.0");
        HttpApiRequest original = r;
        r = mapped(r);
        FunctionInvoker.Result result;
        try {
            byte[] event = json.writeValueAsBytes(version.equals("2.0") ? events.v2(r) : events.v1(r));
            String arn = "arn:aws:execute-api:" + r.region() + ":" + r.account() + ":" + r.apiId() + "/" + r.stage() + "/"
                    + r.routeKey().replace(' ', '/').replace("//", "/");
            result = invoker.get().invoke(new FunctionInvoker.Invocation(FunctionArns.accountOf(function, r.account()), r.region(), function, null,
                    FunctionInvoker.InvocationType.REQUEST_RESPONSE, event, null, "apigateway.amazonaws.com", arn));
        } catch (FunctionInvoker.FunctionInvocationException | IOException e) {
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        }
        if (result.functionError() != null) {
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        }
        return LambdaResponses.parse(json, result.payload(), version, headers)
                .map(answer -> new WireResponse(ParameterMapping.response(original, answer.status(), answer.headers()), answer.headers(), answer.body()))
                .orElseGet(() -> HttpApiPlane.message(500, "Internal Server Error", headers));
    }

    /**
     * The request as the function sees it after the integration's request parameter mapping
     * ({@code header.X}, {@code querystring.X}, {@code overwrite:path}), which HTTP APIs apply to
     * Lambda proxy integrations as to HTTP ones: the event carries the mapped headers, query string
     * and path.
     */
    private HttpApiRequest mapped(HttpApiRequest r) {
        if (r.integration().path("requestParameters").isEmpty()) {
            return r;
        }
        ParameterMapping.Outgoing out = ParameterMapping.request(r, null, json);
        return r.withMapped(out.headers(), ParameterMapping.queryString(out.query()), out.path() == null ? r.path() : out.path());
    }

    private WireResponse http(HttpApiRequest r, Headers headers) {
        String uri = r.integration().path("integrationUri").asText("");
        for (Map.Entry<String, String> p : r.pathParameters().entrySet()) {
            uri = uri.replace("{" + p.getKey() + "}", encodePath(p.getValue()));
        }
        for (Map.Entry<String, String> v : r.stageVariables().entrySet()) {
            uri = uri.replace("${stageVariables." + v.getKey() + "}", v.getValue());
        }
        ParameterMapping.Outgoing out = ParameterMapping.request(r, null, json);
        if (out.path() != null) {
            URI base = URI.create(uri);
            uri = base.getScheme() + "://" + base.getRawAuthority() + (out.path().startsWith("/") ? "" : "/") + out.path();
        }
        String query = ParameterMapping.queryString(out.query());
        if (!query.isEmpty()) {
            uri = uri + (uri.contains("?") ? "&" : "?") + query;
        }
        String method = r.integration().path("integrationMethod").asText("ANY");
        if (method.equals("ANY")) {
            method = r.method();
        }
        BackendClient.Answer response;
        try {
            java.util.List<Map.Entry<String, String>> sent = new java.util.ArrayList<>();
            out.headers().forEach((name, value) -> {
                if (!NotForwardedHeaders.contains(name)) {
                    sent.add(Map.entry(name, value));
                }
            });
            response = backend.send(method, URI.create(uri), sent, r.body(), r.integration().path("timeoutInMillis").asInt(30_000));
        } catch (BackendClient.TimedOut e) {
            return HttpApiPlane.message(504, "Gateway Timeout", headers);
        } catch (IOException | IllegalArgumentException e) {
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        }
        for (Map.Entry<String, String> h : response.headers()) {
            if (!DROPPED.contains(h.getKey()) && !h.getKey().startsWith(":")) {
                headers.add(h.getKey(), h.getValue());
            }
        }
        int status = ParameterMapping.response(r, response.status(), headers);
        return new WireResponse(status, headers, response.body());
    }


    private static String encodePath(String value) {
        StringBuilder out = new StringBuilder();
        String[] segments = value.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
