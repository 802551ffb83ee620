package io.haneul.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.wire.WireResponse;

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

    /** A JSON answer with {@code extra}'s members merged in (see {@link io.haneul.core.engine.ExtendedResponse}). */
    WireResponse merged(WireResponse written, ObjectNode extra) {
        if (extra == null || extra.isEmpty()) {
            return written;
        }
        ObjectNode body = read(written.body());
        merge(body, extra);
        return new WireResponse(written.status(), written.headers(), write(body));
    }

    private static void merge(ObjectNode into, ObjectNode extra) {
        extra.properties().forEach(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode more) {
                merge(target, more);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }
}
