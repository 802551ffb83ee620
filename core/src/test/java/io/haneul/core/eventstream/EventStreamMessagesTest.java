package io.haneul.core.eventstream;

import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventStreamMessagesTest {

    static Message decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Message m = Message.decode(buffer);
        assertFalse(buffer.hasRemaining(), "one message, nothing after it");
        return m;
    }

    static String header(Message m, String name) {
        return m.getHeaders().get(name).getString();
    }

    @Test
    void anEventCarriesItsTypeContentTypeAndPayload() {
        byte[] payload = "records\n".getBytes(StandardCharsets.UTF_8);
        Message m = decode(EventStreamMessages.event("Records", "application/octet-stream", payload));
        assertEquals(List.of(":event-type", ":content-type", ":message-type"), List.copyOf(m.getHeaders().keySet()));
        assertEquals("Records", header(m, ":event-type"));
        assertEquals("application/octet-stream", header(m, ":content-type"));
        assertEquals("event", header(m, ":message-type"));
        assertArrayEquals(payload, m.getPayload());
    }

    @Test
    void anEventWithoutContentTypeLeavesTheHeaderOut() {
        Message m = decode(EventStreamMessages.event("End", null, new byte[0]));
        assertEquals(List.of(":event-type", ":message-type"), List.copyOf(m.getHeaders().keySet()));
        assertEquals(0, m.getPayload().length);
    }

    @Test
    void exceptionsAndErrorsAreTheirOwnMessageTypes() {
        Message exception = decode(EventStreamMessages.exception("ModelStreamError", "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("exception", header(exception, ":message-type"));
        assertEquals("ModelStreamError", header(exception, ":exception-type"));
        Message error = decode(EventStreamMessages.error("InvalidDataType", "bad value"));
        assertEquals("error", header(error, ":message-type"));
        assertEquals("InvalidDataType", header(error, ":error-code"));
        assertEquals("bad value", header(error, ":error-message"));
        assertEquals(0, error.getPayload().length);
    }

    @Test
    void aDamagedMessageFailsItsChecksum() {
        byte[] bytes = EventStreamMessages.event("PayloadChunk", "application/octet-stream", "abc".getBytes(StandardCharsets.UTF_8));
        bytes[bytes.length - 6] ^= 1; // a payload byte: the message CRC no longer matches
        assertThrows(IllegalArgumentException.class, () -> Message.decode(ByteBuffer.wrap(bytes)));
    }
}
