package io.haneul.ses.smtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.RejectException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSpoolTest {

    @TempDir
    Path dir;

    @Test
    void smallMessagesStayInMemoryLargeOnesGoToAFileDeletedOnClose() throws Exception {
        DataSpool spool = new DataSpool(dir, 1_000_000);
        try (DataSpool.Received small = spool.receive(new ByteArrayInputStream("hello".getBytes()))) {
            assertInstanceOf(DataSpool.Small.class, small);
            assertArrayEquals("hello".getBytes(), small.bytes());
        }
        byte[] big = new byte[DataSpool.IN_MEMORY_BYTES * 3 + 7];
        big[big.length - 1] = 42;
        Path file;
        try (DataSpool.Received large = spool.receive(new ByteArrayInputStream(big))) {
            file = assertInstanceOf(DataSpool.Spooled.class, large).file();
            assertTrue(Files.exists(file));
            assertEquals(big.length, large.size());
            assertArrayEquals(big, large.bytes());
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void oversizedDataIsReadToTheEndThenRefusedWith552() throws Exception {
        DataSpool spool = new DataSpool(dir, 100_000);
        InputStream data = new ByteArrayInputStream(new byte[300_000]);
        RejectException e = assertThrows(RejectException.class, () -> spool.receive(data));
        assertTrue(e.getErrorResponse().startsWith("552 "), e.getErrorResponse());
        assertEquals(-1, data.read(), "the rest of the DATA was consumed");
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no spool file is left");
        }
    }

    @Test
    void leftoversOfAnEarlierRunAreCleared() throws Exception {
        Files.writeString(dir.resolve("data-1.eml"), "x");
        new DataSpool(dir, 10).clearLeftovers();
        assertFalse(Files.exists(dir.resolve("data-1.eml")));
    }
}
