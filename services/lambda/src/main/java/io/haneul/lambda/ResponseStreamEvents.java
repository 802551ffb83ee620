package io.haneul.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of an InvokeWithResponseStream answer: {@code application/vnd.amazon.eventstream}
 * messages written with AWS's event-stream codec, {@code PayloadChunk} events carrying the function's
 * response (in chunks of at most {@link #CHUNK} bytes) and a final {@code InvokeComplete} event with
 * the error, if any, and the log tail.
 *
 * <p>A function error is reported as on AWS, in {@code InvokeComplete}: {@code ErrorCode} is the
 * function error ({@code Unhandled}), {@code ErrorDetails} the error document the function (or the
 * runtime) produced, and no payload chunk is sent.
 */
final class ResponseStreamEvents {

    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
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
                chunk(Arrays.copyOfRange(payload, from, Math.min(payload.length, from + CHUNK))).encode(out);
            }
            complete(null, null, answer.logResult()).encode(out);
        } else {
            complete(answer.functionError(), new String(answer.payload(), java.nio.charset.StandardCharsets.UTF_8),
                    answer.logResult()).encode(out);
        }
        return out.toByteArray();
    }

    /** One {@code PayloadChunk} event. */
    static Message chunk(byte[] bytes) {
        return new Message(headers("PayloadChunk", "application/octet-stream"), bytes);
    }

    /** The {@code InvokeComplete} event; absent members are left out of its JSON. */
    Message complete(String errorCode, String errorDetails, String logResult) {
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
            return new Message(headers("InvokeComplete", "application/json"), json.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, HeaderValue> headers(String eventType, String contentType) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(":event-type", HeaderValue.fromString(eventType));
        h.put(":content-type", HeaderValue.fromString(contentType));
        h.put(":message-type", HeaderValue.fromString("event"));
        return h;
    }
}
