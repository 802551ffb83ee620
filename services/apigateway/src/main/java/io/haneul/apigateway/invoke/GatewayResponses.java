package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a {@link GatewayFailure} as the API's gateway response of its type, as deployed: the
 * type's own customisation, else DEFAULT_4XX / DEFAULT_5XX for its status family, else AWS's
 * default. A customisation sets the status, headers ({@code gatewayresponse.header.X} from
 * {@code 'literal'}, {@code method.request.*}, {@code stageVariables.*}, {@code context.*}) and
 * renders a template (chosen by the first Accept type, else application/json) with
 * {@code $context.error.message}, {@code messageString} (the message as a JSON string),
 * {@code responseType} and {@code validationErrorString}. The default is AWS's template
 * {@code {"message":$context.error.messageString}}, or the body AWS spells its own way for
 * integration errors.
 */
public final class GatewayResponses {

    /** AWS's template for every type it has not been told otherwise. */
    public static final String DEFAULT_TEMPLATE = "{\"message\":$context.error.messageString}";
    private static final String HEADER = "gatewayresponse.header.";

    private final Templates templates;

    public GatewayResponses(Templates templates) {
        this.templates = templates;
    }

    /**
     * @param customised the deployment's gateway responses by type (empty when none or no deployment)
     * @param out        headers already set for the answer (request ids)
     */
    WireResponse render(ObjectNode customised, GatewayFailure f, FailureScene scene, Headers out) {
        JsonNode applied = customised.get(f.type().name());
        if (applied == null && f.type() != GatewayResponseType.DEFAULT_4XX && f.type() != GatewayResponseType.DEFAULT_5XX) {
            applied = customised.get(f.status() >= 500 ? GatewayResponseType.DEFAULT_5XX.name() : GatewayResponseType.DEFAULT_4XX.name());
        }
        if (f.errorType() != null) {
            out.set("x-amzn-ErrorType", f.errorType());
        }
        if (applied == null) {
            out.set("Content-Type", "application/json");
            String body = f.defaultBody() != null ? f.defaultBody() : "{\"message\":" + quote(f.getMessage()) + "}";
            return new WireResponse(f.status(), out, body.getBytes(StandardCharsets.UTF_8));
        }
        int status = applied.path("statusCode").asText("").matches("[1-5]\\d\\d") ? Integer.parseInt(applied.get("statusCode").asText())
                : f.status();
        Iterator<Map.Entry<String, JsonNode>> params = applied.path("responseParameters").fields();
        while (params.hasNext()) {
            Map.Entry<String, JsonNode> p = params.next();
            if (p.getKey().startsWith(HEADER)) {
                String value = source(p.getValue().asText(), scene);
                if (value != null) {
                    out.set(p.getKey().substring(HEADER.length()), value);
                }
            }
        }
        JsonNode byType = applied.path("responseTemplates");
        String contentType = byType.isEmpty() ? "application/json" : IntegrationResponses.contentType(byType, scene.headers().first("Accept"));
        String template = byType.isEmpty() ? DEFAULT_TEMPLATE : byType.path(contentType).asText(DEFAULT_TEMPLATE);
        String body;
        try {
            body = templates.render(template, variables(f, scene));
        } catch (Templates.TemplateException e) {
            body = "{\"message\":" + quote(f.getMessage()) + "}";
        }
        if (!out.has("Content-Type")) {
            out.set("Content-Type", contentType);
        }
        return new WireResponse(status, out, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Templates.Variables variables(GatewayFailure f, FailureScene scene) {
        Map<String, Object> context = new HashMap<>(scene.context());
        Map<String, Object> error = new HashMap<>();
        error.put("message", f.getMessage());
        error.put("messageString", quote(f.getMessage()));
        error.put("responseType", f.type().name());
        error.put("validationErrorString", f.validationErrors() == null ? "" : f.validationErrors());
        context.put("error", error);
        TemplateInput input = new TemplateInput(scene.body(), scene.pathParameters(), IntegrationResponses.last(scene.query()),
                IntegrationResponses.last(multi(scene.headers())));
        return new Templates.Variables(input, context, scene.stageVariables());
    }

    /** The value of a response parameter's source, or null when the request has none. */
    static String source(String expression, FailureScene scene) {
        if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
            return expression.substring(1, expression.length() - 1);
        }
        if (expression.startsWith("method.request.header.")) {
            return scene.headers().first(expression.substring(22));
        }
        if (expression.startsWith("method.request.multivalueheader.")) {
            List<String> values = scene.headers().all(expression.substring(32));
            return values.isEmpty() ? null : String.join(",", values);
        }
        if (expression.startsWith("method.request.querystring.")) {
            List<String> values = scene.query().get(expression.substring(27));
            return values == null ? null : values.getLast();
        }
        if (expression.startsWith("method.request.multivaluequerystring.")) {
            List<String> values = scene.query().get(expression.substring(37));
            return values == null ? null : String.join(",", values);
        }
        if (expression.startsWith("method.request.path.")) {
            return scene.pathParameters().get(expression.substring(20));
        }
        if (expression.startsWith("stageVariables.")) {
            return scene.stageVariables().get(expression.substring(15));
        }
        if (expression.startsWith("context.")) {
            Object value = scene.context().get(expression.substring(8));
            return value == null ? null : String.valueOf(value);
        }
        return null;
    }

    private static Map<String, List<String>> multi(Headers headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        return out;
    }

    /**
     * A JSON string literal, as {@code $context.error.messageString} is; {@code null} for no message
     * (an authorizer configuration error answers {@code {"message":null}}).
     */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
