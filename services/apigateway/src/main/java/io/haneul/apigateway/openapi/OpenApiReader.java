package io.haneul.apigateway.openapi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.nio.charset.StandardCharsets;

/**
 * OpenAPI 3.0 and Swagger 2.0 documents as JSON trees, read from JSON or YAML (Jackson's YAML
 * format; JSON is YAML, so one parser reads both) and written back in either form for GetExport.
 */
public final class OpenApiReader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private final ObjectMapper json = new ObjectMapper();

    /** The document, or AWS's BadRequestException when it is neither OpenAPI 3 nor Swagger 2. */
    public ObjectNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiGatewayException.badRequest("Invalid OpenAPI input: the request body is empty.");
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        JsonNode doc;
        try {
            doc = text.startsWith("{") ? json.readTree(text) : yaml.readTree(text);
        } catch (JacksonException e) {
            throw ApiGatewayException.badRequest("Invalid OpenAPI input: " + e.getOriginalMessage());
        }
        if (!(doc instanceof ObjectNode o) || !(o.has("swagger") || o.has("openapi"))) {
            throw ApiGatewayException.badRequest("Invalid OpenAPI input: the document declares neither 'openapi' nor 'swagger'.");
        }
        String version = o.has("openapi") ? o.path("openapi").asText() : o.path("swagger").asText();
        if (!(version.startsWith("3.") || version.equals("2.0"))) {
            throw ApiGatewayException.badRequest("Invalid OpenAPI input: unsupported version " + version);
        }
        return o;
    }

    public byte[] json(JsonNode doc) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] yaml(JsonNode doc) {
        try {
            return yaml.writeValueAsBytes(doc);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
