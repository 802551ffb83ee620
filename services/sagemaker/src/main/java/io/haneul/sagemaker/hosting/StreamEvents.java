package io.haneul.sagemaker.hosting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.eventstream.EventStreamMessages;

/**
 * The events of InvokeEndpointWithResponseStream's {@code ResponseStream}, in AWS's event-stream encoding
 * ({@link EventStreamMessages}): {@code PayloadPart} events carrying the model's bytes, and the two exceptions
 * a stream can end with, {@code ModelStreamError} ({@code Message}, {@code ErrorCode}) and
 * {@code InternalStreamFailure} ({@code Message}).
 */
final class StreamEvents {

    private final ObjectMapper json;

    StreamEvents(ObjectMapper json) {
        this.json = json;
    }

    byte[] part(byte[] bytes) {
        return EventStreamMessages.event("PayloadPart", "application/octet-stream", bytes);
    }

    byte[] modelStreamError(String errorCode, String message) {
        return exception("ModelStreamError", json.createObjectNode().put("Message", message).put("ErrorCode", errorCode));
    }

    byte[] internalFailure(String message) {
        return exception("InternalStreamFailure", json.createObjectNode().put("Message", message));
    }

    private byte[] exception(String type, ObjectNode members) {
        try {
            return EventStreamMessages.exception(type, "application/json", json.writeValueAsBytes(members));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
