package io.haneul.sagemaker.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BoundedLinesTest {

    @Test
    void aLongLineIsCutAndTheNextOneStillRead() throws IOException {
        BufferedReader in = new BufferedReader(new StringReader("x".repeat(100) + "\nshort\r\nlast"));
        assertEquals("x".repeat(10), BoundedLines.readLine(in, 10));
        assertEquals("short", BoundedLines.readLine(in, 10));
        assertEquals("last", BoundedLines.readLine(in, 10));
        assertNull(BoundedLines.readLine(in, 10));
    }

    @Test
    void aHugeFailureFileGivesAtMostOneKilobyte(@TempDir Path output) throws IOException {
        Files.writeString(output.resolve("failure"), "boom ".repeat(1_000_000));
        String reason = ScriptTrainer.failureReason(output, new ScriptProcess.Result(1, false, List.of()), List.of("python", "x.py"));
        assertEquals(1024, reason.length());
    }
}
