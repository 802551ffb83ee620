package io.haneul.appstream.streaming;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping processes in rounds: TERM first when asked, KILL for what ignores it, and true once none runs. */
class ProcessRoundsTest {

    @Test
    void aProcessIgnoringTermIsKilledInALaterRound() throws Exception {
        Process stubborn = new ProcessBuilder("/bin/sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done").start();
        try {
            stubborn.getInputStream().read(); // the trap is set before any signal is sent
            assertTrue(ProcessRounds.stop(() -> List.of(stubborn.toHandle()), true, Duration.ofMillis(300)));
            stubborn.waitFor();
            assertFalse(stubborn.isAlive());
            assertEquals(128 + 9, stubborn.exitValue(), "ended by KILL (Java reports 128 + the signal)");
        } finally {
            stubborn.destroyForcibly();
        }
    }

    @Test
    void termAloneEndsAProcessThatHonoursIt() throws Exception {
        Process polite = new ProcessBuilder("/bin/sleep", "60").start();
        try {
            assertTrue(ProcessRounds.stop(() -> List.of(polite.toHandle()), true, Duration.ofSeconds(5)));
            polite.waitFor();
            assertEquals(128 + 15, polite.exitValue(), "ended by TERM");
        } finally {
            polite.destroyForcibly();
        }
    }

    @Test
    void nothingToStopIsDoneAtOnce() {
        assertTrue(ProcessRounds.stop(List::of, false, Duration.ofSeconds(1)));
    }
}
