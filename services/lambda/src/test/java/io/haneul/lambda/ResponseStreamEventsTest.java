package io.haneul.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ResponseStreamEventsTest {

    final ObjectMapper json = new ObjectMapper();
    final ResponseStreamEvents events = new ResponseStreamEvents(json);

    static List<Message> decode(byte[] stream) {
        ByteBuffer buffer = ByteBuffer.wrap(stream);
        List<Message> out = new ArrayList<>();
        while (buffer.hasRemaining()) {
            out.add(Message.decode(buffer));
        }
        return out;
    }

    static String header(Message m, String name) {
        return m.getHeaders().get(name).getString();
    }

    @Test
    void aResultIsCutIntoPayloadChunksFollowedByInvokeComplete() throws Exception {
        byte[] payload = "y".repeat(ResponseStreamEvents.CHUNK * 2 + 10).getBytes(StandardCharsets.UTF_8);
        List<Message> messages = decode(events.of(new InvokeService.Answer(200, payload, null, "bG9n", "3")));
        assertEquals(4, messages.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Message m : messages.subList(0, 3)) {
            assertEquals("PayloadChunk", header(m, ":event-type"));
            assertEquals("event", header(m, ":message-type"));
            assertEquals("application/octet-stream", header(m, ":content-type"));
            joined.writeBytes(m.getPayload());
        }
        assertArrayEquals(payload, joined.toByteArray());
        Message complete = messages.get(3);
        assertEquals("InvokeComplete", header(complete, ":event-type"));
        JsonNode body = json.readTree(complete.getPayload());
        assertEquals("bG9n", body.get("LogResult").asText());
        assertFalse(body.has("ErrorCode"));
    }

    @Test
    void aFunctionErrorIsOnlyAnInvokeCompleteWithTheErrorDocument() throws Exception {
        byte[] error = "{\"errorMessage\":\"boom\",\"errorType\":\"Error\"}".getBytes(StandardCharsets.UTF_8);
        List<Message> messages = decode(events.of(new InvokeService.Answer(200, error, "Unhandled", null, "$LATEST")));
        assertEquals(1, messages.size());
        JsonNode body = json.readTree(messages.getFirst().getPayload());
        assertEquals("Unhandled", body.get("ErrorCode").asText());
        assertEquals("boom", json.readTree(body.get("ErrorDetails").asText()).get("errorMessage").asText());
        assertFalse(body.has("LogResult"));
    }

    @Test
    void anEmptyResultIsJustInvokeComplete() {
        List<Message> messages = decode(events.of(new InvokeService.Answer(200, new byte[0], null, null, "$LATEST")));
        assertEquals(1, messages.size());
        assertEquals("InvokeComplete", header(messages.getFirst(), ":event-type"));
    }

    @Test
    void thePipeGivesPiecesInOrderThenEnds() throws Exception {
        EventPipe pipe = new EventPipe();
        pipe.put("ab".getBytes(StandardCharsets.UTF_8));
        pipe.put(new byte[0]);
        pipe.put("c".getBytes(StandardCharsets.UTF_8));
        pipe.end();
        assertEquals("abc", new String(pipe.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(-1, pipe.read());
    }
}
