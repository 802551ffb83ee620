package io.haneul.core.eventstream;

import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Messages of AWS's event-stream encoding ({@code application/vnd.amazon.eventstream}: prelude, headers,
 * payload, CRCs, written by AWS's own codec), in the three kinds a service's streamed answer is made of:
 * an {@code event} of a modelled type, a modelled {@code exception} that ends the stream, and an
 * unmodelled {@code error} ({@code :error-code}, {@code :error-message}). The type header comes first,
 * then {@code :content-type}, then {@code :message-type}, as AWS's documentation lists them.
 */
public final class EventStreamMessages {

    /** The content type of an event-stream body. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private EventStreamMessages() {
    }

    /**
     * An {@code event} message.
     *
     * @param contentType the payload's type, or null for an event without one (S3 Select's {@code End})
     */
    public static byte[] event(String eventType, String contentType, byte[] payload) {
        return message(":event-type", eventType, contentType, "event", payload);
    }

    /** An {@code exception} message: a modelled error, its members in the payload. */
    public static byte[] exception(String exceptionType, String contentType, byte[] payload) {
        return message(":exception-type", exceptionType, contentType, "exception", payload);
    }

    /** An {@code error} message: an unmodelled error with its code and message in headers and no payload. */
    public static byte[] error(String code, String message) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(":error-code", HeaderValue.fromString(code));
        h.put(":error-message", HeaderValue.fromString(message));
        h.put(":message-type", HeaderValue.fromString("error"));
        return encode(new Message(h, new byte[0]));
    }

    private static byte[] message(String typeHeader, String type, String contentType, String messageType, byte[] payload) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(typeHeader, HeaderValue.fromString(type));
        if (contentType != null) {
            h.put(":content-type", HeaderValue.fromString(contentType));
        }
        h.put(":message-type", HeaderValue.fromString(messageType));
        return encode(new Message(h, payload));
    }

    private static byte[] encode(Message message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.getPayload().length + 128);
        message.encode(out);
        return out.toByteArray();
    }
}
