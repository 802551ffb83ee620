package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;

/**
 * {@code MOCK}: no backend. The request template chosen for the request's content type (or the
 * body itself, as passthrough allows) is the integration request, whose {@code statusCode} (200 by
 * default) selects the integration response that answers.
 */
public final class MockIntegration implements InvokeEndpoint.Integration {

    private final Templates templates;
    private final ObjectMapper json;

    public MockIntegration(Templates templates, ObjectMapper json) {
        this.templates = templates;
        this.json = json;
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
        int status = 200;
        try {
            JsonNode request = json.readTree(mapped.body());
            if (request != null && request.path("statusCode").canConvertToInt()) {
                status = request.path("statusCode").asInt();
            }
        } catch (Exception e) {
            // not JSON: the default status
        }
        return IntegrationResponses.respond(templates, r, new IntegrationResponses.Backend(status, new Headers(), ""), headers);
    }

    static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
