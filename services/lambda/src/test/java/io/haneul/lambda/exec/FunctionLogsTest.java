package io.haneul.lambda.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionLogsTest {

    @TempDir
    Path dir;

    @Test
    void everyAppendIsReadInOrderAsSoonAsItReturns() {
        try (FunctionLogs logs = new FunctionLogs(dir)) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                String line = "line " + i + "\n";
                logs.append("111", "us-east-1", "f", line);
                logs.append("111", "us-east-1", "g", "other " + i + "\n");
                expected.append(line);
                if (i % 97 == 0) {
                    assertEquals(expected.toString(), logs.read("111", "f", Long.MAX_VALUE));
                }
            }
            assertEquals(expected.toString(), logs.read(null, "f", Long.MAX_VALUE));
            assertTrue(logs.read("111", "f", 9).endsWith("line 499\n"));
        }
    }

    @Test
    void moreFunctionsThanOpenFilesAndADeleteLoseNothingElse() throws Exception {
        try (FunctionLogs logs = new FunctionLogs(dir)) {
            for (int round = 0; round < 2; round++) {
                for (int f = 0; f < FunctionLogs.OPEN_FILES + 10; f++) {
                    logs.append("111", "us-east-1", "fn" + f, "round " + round + "\n");
                }
            }
            assertEquals("round 0\nround 1\n", logs.read("111", "fn0", Long.MAX_VALUE));
            logs.delete("111", "us-east-1", "fn0");
            assertEquals("", logs.read("111", "fn0", Long.MAX_VALUE));
            logs.append("111", "us-east-1", "fn0", "again\n");
            assertEquals("again\n", logs.read("111", "fn0", Long.MAX_VALUE));
        }
        try (FunctionLogs reopened = new FunctionLogs(dir)) {
            assertEquals("round 0\nround 1\n", reopened.read("111", "fn3", Long.MAX_VALUE));
        }
        assertFalse(Files.readString(dir.resolve("111/us-east-1/fn1.log")).isEmpty(), "written through to the file on close");
    }
}
