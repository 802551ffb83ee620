package io.haneul.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.error.AwsErrorException;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON bodies of operations answered on documents (see {@link io.haneul.core.engine.DocumentOperations}). */
final class JsonDocuments {

    private final ObjectMapper json = new ObjectMapper();

    /** The body as an object; an empty body is {@code {}}; anything else is AWS's SerializationException. */
    ObjectNode read(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                return json.createObjectNode();
            }
            if (!node.isObject()) {
                throw new AwsErrorException("SerializationException", "Expected a JSON object", 400);
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new AwsErrorException("SerializationException", "Malformed JSON: " + e.getOriginalMessage(), 400);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] write(JsonNode document) {
        try {
            return json.writeValueAsBytes(document == null ? json.createObjectNode() : document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
