package io.haneul.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.eventstream.EventStreamMessages;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The body of an InvokeWithResponseStream answer: {@code application/vnd.amazon.eventstream}
 * messages ({@link EventStreamMessages}), {@code PayloadChunk} events carrying the function's
 * response (in chunks of at most {@link #CHUNK} bytes) and a final {@code InvokeComplete} event with
 * the error, if any, and the log tail.
 *
 * <p>A function error is reported as on AWS, in {@code InvokeComplete}: {@code ErrorCode} is the
 * function error ({@code Unhandled}), {@code ErrorDetails} the error document the function (or the
 * runtime) produced, and no payload chunk is sent.
 */
final class ResponseStreamEvents {

    static final String CONTENT_TYPE = EventStreamMessages.CONTENT_TYPE;
    static final int CHUNK = 32 * 1024;

    private final ObjectMapper json;

    ResponseStreamEvents(ObjectMapper json) {
        this.json = json;
    }

    /** The whole stream for one buffered invocation's answer. */
    byte[] of(InvokeService.Answer answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(answer.payload().length + 256);
        if (answer.functionError() == null) {
            byte[] payload = answer.payload();
            for (int from = 0; from < payload.length; from += CHUNK) {
                out.writeBytes(chunk(Arrays.copyOfRange(payload, from, Math.min(payload.length, from + CHUNK))));
            }
            out.writeBytes(complete(null, null, answer.logResult()));
        } else {
            out.writeBytes(complete(answer.functionError(), new String(answer.payload(), java.nio.charset.StandardCharsets.UTF_8),
                    answer.logResult()));
        }
        return out.toByteArray();
    }

    /** One {@code PayloadChunk} event. */
    static byte[] chunk(byte[] bytes) {
        return EventStreamMessages.event("PayloadChunk", "application/octet-stream", bytes);
    }

    /** The {@code InvokeComplete} event; absent members are left out of its JSON. */
    byte[] complete(String errorCode, String errorDetails, String logResult) {
        ObjectNode body = json.createObjectNode();
        if (errorCode != null) {
            body.put("ErrorCode", errorCode);
        }
        if (errorDetails != null) {
            body.put("ErrorDetails", errorDetails);
        }
        if (logResult != null) {
            body.put("LogResult", logResult);
        }
        try {
            return EventStreamMessages.event("InvokeComplete", "application/json", json.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
