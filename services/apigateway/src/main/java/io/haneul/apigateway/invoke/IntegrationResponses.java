package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The integration response stage of non-proxy integrations (MOCK, HTTP): the integration response
 * whose {@code selectionPattern} matches the backend's status wins, else the one without a pattern
 * (the default); its response parameters set headers (static {@code 'value'}s, backend headers,
 * the backend body, stage variables) and its template for the content type the client accepts
 * renders the body ({@code $input} is the backend's body), which may override the status and
 * headers through {@code $context.responseOverride}.
 */
final class IntegrationResponses {

    private IntegrationResponses() {
    }

    /**
     * What the backend answered.
     *
     * @param raw the body's bytes where they may not be text (an S3 object), else null
     */
    record Backend(int status, Headers headers, String body, byte[] raw) {
        Backend(int status, Headers headers, String body) {
            this(status, headers, body, null);
        }
    }

    static WireResponse respond(Templates templates, InvokeRequest r, Backend backend, Headers out) {
        return respond(templates, r, backend, String.valueOf(backend.status()), out);
    }

    /**
     * @param selector what the {@code selectionPattern}s are matched against: the backend's status, a
     *                 Lambda function's {@code errorMessage}, or null when only the default applies
     *                 (a Lambda function that succeeded)
     */
    static WireResponse respond(Templates templates, InvokeRequest r, Backend backend, String selector, Headers out) {
        JsonNode responses = r.integration().path("integrationResponses");
        Optional<JsonNode> chosen = select(responses, selector);
        if (chosen.isEmpty()) {
            throw GatewayFailures.configurationError();
        }
        JsonNode response = chosen.get();
        int status = Integer.parseInt(response.path("statusCode").asText("200"));
        Map<String, Object> context = TemplateContext.of(r);
        Iterator<Map.Entry<String, JsonNode>> params = response.path("responseParameters").fields();
        while (params.hasNext()) {
            Map.Entry<String, JsonNode> p = params.next();
            if (p.getKey().startsWith("method.response.header.")) {
                String value = source(p.getValue().asText(), backend, r);
                if (value != null) {
                    out.set(p.getKey().substring("method.response.header.".length()), value);
                }
            }
        }
        JsonNode templatesByType = response.path("responseTemplates");
        String contentType = contentType(templatesByType, r.headers().first("Accept"));
        String body = backend.body();
        String template = templatesByType.path(contentType).asText("");
        if (!template.isEmpty()) {
            try {
                TemplateInput input = new TemplateInput(backend.body(), r.match().pathParameters(), last(r.query()), last(r.multiHeaders()));
                body = templates.render(template, new Templates.Variables(input, context, r.stageVariables()));
            } catch (Templates.TemplateException e) {
                throw GatewayFailures.configurationError();
            }
        }
        byte[] bytes = template.isEmpty() ? ContentHandling.responseBody(r, response, backend) : ContentHandling.templateOutput(response, body);
        if (!out.has("Content-Type")) {
            out.set("Content-Type", contentType);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> override = (Map<String, Object>) context.get("responseOverride");
        Object overrideStatus = override.get("status");
        if (overrideStatus != null && String.valueOf(overrideStatus).matches("[1-5]\\d\\d")) {
            status = Integer.parseInt(String.valueOf(overrideStatus));
        }
        if (override.get("header") instanceof Map<?, ?> headers) {
            headers.forEach((k, v) -> out.set(String.valueOf(k), String.valueOf(v)));
        }
        return new WireResponse(status, out, bytes != null ? bytes : body.getBytes(StandardCharsets.UTF_8));
    }

    /** The response whose pattern matches the whole status, else the default (no or empty pattern). */
    static Optional<JsonNode> select(JsonNode responses, String status) {
        JsonNode fallback = null;
        for (JsonNode response : responses) {
            String pattern = response.path("selectionPattern").asText("");
            if (pattern.isEmpty()) {
                fallback = fallback == null ? response : fallback;
                continue;
            }
            if (status == null) {
                continue;
            }
            try {
                if (Pattern.compile(pattern, Pattern.DOTALL).matcher(status).matches()) {
                    return Optional.of(response);
                }
            } catch (PatternSyntaxException e) {
                // an invalid pattern never matches, as on AWS
            }
        }
        return Optional.ofNullable(fallback);
    }

    /** The first Accept type when a template has it, else application/json when one has it, else the first template's type. */
    static String contentType(JsonNode templates, String accept) {
        if (accept != null) {
            String first = accept.split(",", 2)[0].split(";", 2)[0].trim();
            if (templates.has(first)) {
                return first;
            }
        }
        if (templates.has("application/json") || templates.isEmpty()) {
            return "application/json";
        }
        return templates.fieldNames().next();
    }

    private static String source(String expression, Backend backend, InvokeRequest r) {
        if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
            return expression.substring(1, expression.length() - 1);
        }
        if (expression.startsWith("integration.response.header.")) {
            return backend.headers().first(expression.substring("integration.response.header.".length()));
        }
        if (expression.equals("integration.response.body")) {
            return backend.body();
        }
        if (expression.startsWith("integration.response.body.")) {
            Object value = new TemplateInput(backend.body(), Map.of(), Map.of(), Map.of()).path("$." + expression.substring(26));
            return String.valueOf(value);
        }
        if (expression.startsWith("stageVariables.")) {
            return r.stageVariables().get(expression.substring("stageVariables.".length()));
        }
        return null;
    }

    static Map<String, String> last(Map<String, List<String>> values) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.getLast()));
        return out;
    }
}
