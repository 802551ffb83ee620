package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * The integration request body of non-proxy integrations: the request template for the request's
 * Content-Type (application/json when none is sent), or the body passed through as
 * {@code passthroughBehavior} allows: WHEN_NO_MATCH passes it when no template matches,
 * WHEN_NO_TEMPLATES only when the integration has no templates at all, NEVER never (415).
 */
final class RequestMapping {

    private RequestMapping() {
    }

    record Mapped(String body, String contentType) {
    }

    /** The mapped body, or null when passthrough refuses the request (API Gateway's 415). */
    static Mapped map(Templates templates, InvokeRequest r) {
        JsonNode integration = r.integration();
        JsonNode byType = integration.path("requestTemplates");
        String contentType = r.headers().first("Content-Type");
        String type = contentType == null ? "application/json" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        JsonNode template = byType.get(type);
        if (template == null || template.isNull()) {
            String behavior = integration.path("passthroughBehavior").asText("WHEN_NO_MATCH");
            boolean pass = behavior.equals("WHEN_NO_MATCH") || behavior.equals("WHEN_NO_TEMPLATES") && byType.isEmpty();
            return pass ? new Mapped(body, contentType) : null;
        }
        TemplateInput input = new TemplateInput(body, r.match().pathParameters(), IntegrationResponses.last(r.query()),
                IntegrationResponses.last(r.multiHeaders()));
        return new Mapped(templates.render(template.asText(), new Templates.Variables(input, TemplateContext.of(r), r.stageVariables())), type);
    }
}
