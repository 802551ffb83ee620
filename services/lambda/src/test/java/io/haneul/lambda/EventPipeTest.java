package io.haneul.lambda;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventPipeTest {

    @Test
    void piecesArriveInOrderThenTheEnd() throws IOException {
        EventPipe pipe = new EventPipe();
        pipe.put("ab".getBytes(StandardCharsets.UTF_8));
        pipe.put("cd".getBytes(StandardCharsets.UTF_8));
        pipe.end();
        assertArrayEquals("abcd".getBytes(StandardCharsets.UTF_8), pipe.readAllBytes());
        assertEquals(-1, pipe.read());
    }

    @Test
    void aFailedPipeGivesWhatWasPutThenBreaks() throws IOException {
        EventPipe pipe = new EventPipe();
        pipe.put("hello ".getBytes(StandardCharsets.UTF_8));
        pipe.fail();
        pipe.end();
        byte[] got = new byte[6];
        assertEquals(6, pipe.read(got, 0, 6));
        assertArrayEquals("hello ".getBytes(StandardCharsets.UTF_8), got);
        assertThrows(IOException.class, () -> pipe.read(new byte[8], 0, 8), "not a clean end");
    }
}
