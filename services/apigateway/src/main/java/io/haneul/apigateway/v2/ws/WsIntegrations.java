package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.apigateway.invoke.FunctionArns;
import io.haneul.apigateway.invoke.TemplateInput;
import io.haneul.apigateway.invoke.Templates;
import io.haneul.core.spi.FunctionInvoker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a WebSocket route's integration: {@code AWS_PROXY} (the Lambda function gets
 * {@link WsEvents#proxyEvent}; its {@code statusCode} and {@code body} are the answer, a bare value is
 * the body), {@code MOCK} (the request template's output, whose {@code statusCode} is the status),
 * and {@code HTTP}/{@code HTTP_PROXY} (the message, or the request template's output, POSTed to
 * the URI). Non-proxy answers pass through the integration response whose key matches the status
 * ({@code $default} or {@code /regex/}) and its response template.
 */
final class WsIntegrations {

    /** An integration's answer: its status, the body for the client of a two-way route, and whether it failed. */
    record Outcome(int status, String body, boolean failed) {
        static Outcome failure() {
            return new Outcome(500, null, true);
        }
    }

    private static final Pattern INVOCATION_URI = Pattern.compile(":lambda:path/[^/]+/functions/(.+)/invocations$");

    private final Supplier<Optional<FunctionInvoker>> lambda;
    private final ObjectMapper json;
    private final WsEvents events;
    private final Templates templates;
    private final RouteSelection selection;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    WsIntegrations(Supplier<Optional<FunctionInvoker>> lambda, ObjectMapper json, WsEvents events, Templates templates) {
        this.lambda = lambda;
        this.json = json;
        this.events = events;
        this.templates = templates;
        this.selection = new RouteSelection(json);
    }

    Outcome invoke(WsRequest r, JsonNode integration) {
        String type = integration.path("integrationType").asText("");
        try {
            return switch (type) {
                case "AWS_PROXY" -> proxy(r, integration);
                case "MOCK" -> responded(r, integration, mock(r, integration));
                case "HTTP", "HTTP_PROXY" -> {
                    Outcome out = http(r, integration, type.equals("HTTP_PROXY"));
                    yield type.equals("HTTP") ? responded(r, integration, out) : out;
                }
                default -> Outcome.failure();
            };
        } catch (Templates.TemplateException | IOException | IllegalArgumentException | IllegalStateException e) {
            // a bad integration URI or template, an unreadable answer: the client gets "Internal server error"
            return Outcome.failure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failure();
        }
    }

    private Outcome proxy(WsRequest r, JsonNode integration) throws IOException {
        Optional<FunctionInvoker> invoker = lambda.get();
        if (invoker.isEmpty()) {
            return Outcome.failure();
        }
        String uri = integration.path("integrationUri").asText("");
        Matcher m = INVOCATION_URI.matcher(uri);
        String function = m.find() ? m.group(1) : uri;
        WsConfig c = r.config();
        String sourceArn = "arn:aws:execute-api:" + c.region() + ":" + c.account() + ":" + c.apiId() + "/" + c.stageName() + "/" + r.routeKey();
        FunctionInvoker.Result result;
        try {
            result = invoker.get().invoke(new FunctionInvoker.Invocation(FunctionArns.accountOf(function, c.account()), c.region(), function, null,
                    FunctionInvoker.InvocationType.REQUEST_RESPONSE, json.writeValueAsBytes(events.proxyEvent(r)), null,
                    "apigateway.amazonaws.com", sourceArn));
        } catch (FunctionInvoker.FunctionInvocationException e) {
            return Outcome.failure();
        }
        if (result.functionError() != null) {
            return Outcome.failure();
        }
        String payload = new String(result.payload(), StandardCharsets.UTF_8);
        JsonNode answer;
        try {
            answer = json.readTree(payload);
        } catch (IOException notJson) {
            return new Outcome(200, payload, false);
        }
        if (answer != null && answer.isObject() && (answer.has("statusCode") || answer.has("body"))) {
            JsonNode body = answer.get("body");
            String text = body == null || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString();
            return new Outcome(answer.path("statusCode").asInt(200), text, false);
        }
        return new Outcome(200, answer == null || answer.isNull() ? null : answer.isTextual() ? answer.asText() : answer.toString(), false);
    }

    private Outcome mock(WsRequest r, JsonNode integration) throws IOException {
        String rendered = requestBody(r, integration);
        int status = 200;
        try {
            JsonNode doc = json.readTree(rendered);
            if (doc != null && doc.path("statusCode").canConvertToInt()) {
                status = doc.get("statusCode").asInt();
            }
        } catch (IOException notJson) {
            // a mock template need not be JSON; the status stays 200
        }
        return new Outcome(status, rendered, false);
    }

    private Outcome http(WsRequest r, JsonNode integration, boolean proxy) throws IOException, InterruptedException {
        String body = proxy ? (r.body() == null ? "" : r.body()) : requestBody(r, integration);
        String method = integration.path("integrationMethod").asText("POST");
        HttpRequest request = HttpRequest.newBuilder(URI.create(integration.path("integrationUri").asText()))
                .timeout(Duration.ofMillis(integration.path("timeoutInMillis").asLong(29_000)))
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() && method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException | java.net.ConnectException e) {
            return Outcome.failure();
        }
        return new Outcome(response.statusCode(), response.body(), false);
    }

    /** The request template the integration's template selection expression picks, rendered; the message itself when none applies. */
    private String requestBody(WsRequest r, JsonNode integration) {
        JsonNode requestTemplates = integration.path("requestTemplates");
        String template = pick(requestTemplates, integration.path("templateSelectionExpression").asText(""), r.body());
        if (template == null) {
            return r.body() == null ? "" : r.body();
        }
        return render(template, r, r.body());
    }

    /** Applies the integration response that matches the status, and its template; the integration's body when none matches. */
    private Outcome responded(WsRequest r, JsonNode integration, Outcome out) {
        if (out.failed()) {
            return out;
        }
        List<JsonNode> responses = r.config().integrationResponses().getOrDefault(integration.path("integrationId").asText(), List.of());
        JsonNode chosen = null;
        for (JsonNode response : responses) {
            String key = response.path("integrationResponseKey").asText("");
            if (key.length() > 2 && key.startsWith("/") && key.endsWith("/") && Pattern.compile(key.substring(1, key.length() - 1))
                    .matcher(String.valueOf(out.status())).matches()) {
                chosen = response;
                break;
            }
            if (key.equals("$default") && chosen == null) {
                chosen = response;
            }
        }
        if (chosen == null) {
            return out;
        }
        String template = pick(chosen.path("responseTemplates"), chosen.path("templateSelectionExpression").asText(""), out.body());
        return template == null ? out : new Outcome(out.status(), render(template, r, out.body()), false);
    }

    /** The template keyed by the selection expression's value on the body, else {@code $default}, else the only one. */
    private String pick(JsonNode templates, String expression, String body) {
        if (!templates.isObject() || templates.isEmpty()) {
            return null;
        }
        String key = expression.isEmpty() ? null : selection.evaluate(expression.replace("\\$", "$"), body == null ? "" : body);
        if (key != null && templates.has(key)) {
            return templates.get(key).asText();
        }
        if (templates.has("$default")) {
            return templates.get("$default").asText();
        }
        return templates.size() == 1 ? templates.elements().next().asText() : null;
    }

    /** A template without references or directives renders as itself: no Velocity run (and no {@code $context} built) for it. */
    private String render(String template, WsRequest r, String body) {
        if (template.indexOf('$') < 0 && template.indexOf('#') < 0) {
            return template;
        }
        TemplateInput input = new TemplateInput(body, Map.of(), Map.of(), Map.of());
        return templates.render(template, new Templates.Variables(input, events.templateContext(r), r.config().stageVariables()));
    }
}
