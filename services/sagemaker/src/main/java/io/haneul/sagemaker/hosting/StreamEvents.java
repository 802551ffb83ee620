package io.haneul.sagemaker.hosting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of InvokeEndpointWithResponseStream's {@code ResponseStream}, in AWS's event-stream encoding (the
 * SDK's own codec): {@code PayloadPart} events carrying the model's bytes, and the two exceptions a stream can end
 * with, {@code ModelStreamError} ({@code Message}, {@code ErrorCode}) and {@code InternalStreamFailure} ({@code Message}).
 */
final class StreamEvents {

    private final ObjectMapper json;

    StreamEvents(ObjectMapper json) {
        this.json = json;
    }

    byte[] part(byte[] bytes) {
        return encode(new Message(headers("event", ":event-type", "PayloadPart", "application/octet-stream"), bytes));
    }

    byte[] modelStreamError(String errorCode, String message) {
        return exception("ModelStreamError", json.createObjectNode().put("Message", message).put("ErrorCode", errorCode));
    }

    byte[] internalFailure(String message) {
        return exception("InternalStreamFailure", json.createObjectNode().put("Message", message));
    }

    private byte[] exception(String type, ObjectNode members) {
        try {
            return encode(new Message(headers("exception", ":exception-type", type, "application/json"), json.writeValueAsBytes(members)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, HeaderValue> headers(String messageType, String typeHeader, String type, String contentType) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(typeHeader, HeaderValue.fromString(type));
        h.put(":content-type", HeaderValue.fromString(contentType));
        h.put(":message-type", HeaderValue.fromString(messageType));
        return h;
    }

    private static byte[] encode(Message message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.encode(out);
        return out.toByteArray();
    }
}
