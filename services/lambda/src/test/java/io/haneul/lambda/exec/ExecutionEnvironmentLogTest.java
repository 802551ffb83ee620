package io.haneul.lambda.exec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An invocation's log as the runtime marks its end: marks are removed, even when split across reads. */
class ExecutionEnvironmentLogTest {

    private static ExecutionEnvironment run(String script) throws IOException {
        return ExecutionEnvironment.start("0123456789abcdef", "key", "sh", new ProcessBuilder("sh", "-c", script), Clock.systemUTC());
    }

    @Test
    void marksAreRemovedAndEachInvocationGetsItsOwnOutput() throws Exception {
        ExecutionEnvironment env = run("printf 'first\\n\\036HANEUL-END r1\\036\\n'; sleep 0.3; "
                + "printf 'second\\n\\036HANEUL-'; sleep 0.2; printf 'END r2\\036'; sleep 0.2; "
                + "printf '\\nlater\\n\\036HANEUL-END r3\\036\\n'; sleep 5");
        try {
            Thread.sleep(150); // let the first chunk arrive
            assertEquals("first\n", env.takeLog("r1"));
            // the second mark arrives split in three reads; takeLog waits for it (at most 100 ms)
            String second = "";
            for (int i = 0; i < 20 && !second.contains("later"); i++) {
                second += env.takeLog("r2");
            }
            assertEquals("second\nlater\n", second);
        } finally {
            env.stop();
        }
    }

    /** Haneul writes the mark into the process's stdout pipe itself (Linux's /proc), invocation after invocation. */
    @Test
    void aRuntimeWithoutMarksGetsItsOutputThroughTheMarksHaneulWrites() throws Exception {
        ExecutionEnvironment env = run("printf 'plain output\\n'; sleep 0.3; printf 'second\\n'; sleep 5");
        try {
            String text = "";
            for (int i = 0; i < 50 && text.isEmpty(); i++) {
                text += env.takeLog("r1");
            }
            assertEquals("plain output\n", text);
            String second = "";
            for (int i = 0; i < 100 && second.isEmpty(); i++) {
                Thread.sleep(20); // each take answers at once (its mark comes back at once); poll until the line is printed
                second += env.takeLog("r2-" + i);
            }
            assertEquals("second\n", second, "Haneul's own marks never show in the log");
        } finally {
            env.stop();
        }
    }
}
