package io.haneul.appstream.streaming;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ALWAYS_ON fleets' pre-warmed displays: all fleets together never keep more than the node's cap, and a
 * display whose Xvnc died is retired and made again rather than handed out. The displays here run no
 * process; one counts as alive while it holds a live process of the test's (a {@code sleep}).
 */
class WarmPoolsTest {

    @TempDir
    Path dir;
    final List<SessionDisplay> made = new ArrayList<>();
    final List<SessionDisplay> retired = new ArrayList<>();
    final List<Process> sleeps = new ArrayList<>();

    /** Runs the warmer's work at once, on the caller's thread. */
    static final class AtOnce extends AbstractExecutorService {
        private boolean shut;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shut = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            return shut;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    private WarmPools pools(int maxWarm) {
        return new WarmPools(settings -> {
            SessionDisplay d = new AliveDisplay(new SessionUsers.OsUser("u" + made.size(), null, null, dir), 100 + made.size(), dir, sleep());
            made.add(d);
            return d;
        }, retired::add, fleet -> 0, maxWarm, new AtOnce());
    }

    private Process sleep() {
        try {
            Process p = new ProcessBuilder("sleep", "600").start();
            sleeps.add(p);
            return p;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A display whose liveness is that of a process the test holds. */
    static final class AliveDisplay extends SessionDisplay {
        final Process process;

        AliveDisplay(SessionUsers.OsUser user, int display, Path runDir, Process process) {
            super(user, display, runDir);
            this.process = process;
        }

        @Override
        boolean alive() {
            return process.isAlive();
        }
    }

    @AfterEach
    void stop() {
        sleeps.forEach(Process::destroyForcibly);
    }

    @Test
    void fleetsTogetherNeverKeepMoreThanTheNodesCap() {
        WarmPools pools = pools(3);
        pools.keep("fleet-a", 2, Map.of());
        pools.keep("fleet-b", 2, Map.of());
        assertEquals(3, pools.ready("fleet-a") + pools.ready("fleet-b"));
        assertEquals(3, made.size(), "no display made past the cap");

        assertNotNull(pools.take("fleet-a", Map.of()));
        assertEquals(2, pools.ready("fleet-a") + pools.ready("fleet-b"));
        pools.keep("fleet-b", 2, Map.of()); // the next read of a fleet fills again
        assertEquals(3, pools.ready("fleet-a") + pools.ready("fleet-b"), "the taken display's place is used again");
        assertEquals(4, made.size());
    }

    @Test
    void aDisplayWhoseXvncDiedIsRetiredAndReplacedNotHandedOut() throws Exception {
        WarmPools pools = pools(10);
        pools.keep("fleet-a", 1, Map.of());
        AliveDisplay first = (AliveDisplay) made.getFirst();
        first.process.destroyForcibly().waitFor();

        SessionDisplay taken = pools.take("fleet-a", Map.of());
        assertTrue(retired.contains(first), "the dead display is retired, its user back in the pool");
        assertNull(taken, "none handed out: the session starts a display of its own");
        assertEquals(2, made.size(), "another display is made in its place");
    }
}
