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

    /** @param bytes the integration request's body: a template's output, or the method request's body as {@link ContentHandling} passes it */
    record Mapped(byte[] bytes, String contentType) {
        Mapped(String body, String contentType) {
            this(body.getBytes(StandardCharsets.UTF_8), contentType);
        }

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The mapped body, or null when passthrough refuses the request (API Gateway's 415). */
    static Mapped map(Templates templates, InvokeRequest r) {
        JsonNode integration = r.integration();
        JsonNode byType = integration.path("requestTemplates");
        String contentType = r.headers().first("Content-Type");
        String type = contentType == null ? "application/json" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        JsonNode template = byType.get(type);
        if (template == null || template.isNull()) {
            String behavior = integration.path("passthroughBehavior").asText("WHEN_NO_MATCH");
            boolean pass = behavior.equals("WHEN_NO_MATCH") || behavior.equals("WHEN_NO_TEMPLATES") && byType.isEmpty();
            return pass ? new Mapped(ContentHandling.requestBody(r), contentType) : null;
        }
        TemplateInput input = new TemplateInput(ContentHandling.templateBody(r), r.match().pathParameters(), IntegrationResponses.last(r.query()),
                IntegrationResponses.last(r.multiHeaders()));
        String rendered = templates.render(template.asText(), new Templates.Variables(input, TemplateContext.of(r), r.stageVariables()));
        return new Mapped(ContentHandling.templateOutput(integration, rendered), type);
    }
}
