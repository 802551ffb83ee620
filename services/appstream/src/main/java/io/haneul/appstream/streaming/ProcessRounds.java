package io.haneul.appstream.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stops processes in rounds, looking again before each: a process forked while its parent was being
 * stopped (or a fork loop) shows up in the next round. A zombie has already exited and only waits to be
 * reaped, so it counts as gone. Shared by a session's close ({@link SessionDisplay}) and the pool's
 * clean-up of a user ({@link SessionUsers}).
 */
final class ProcessRounds {

    static final int ROUNDS = 5;

    private ProcessRounds() {
    }

    /**
     * @param find      the processes to stop, looked up anew each round
     * @param termFirst TERM in the first round (a chance to exit cleanly), KILL in the others; KILL throughout when false
     * @param wait      how long each round waits for each process to exit
     * @return true when none is left running
     */
    static boolean stop(Supplier<List<ProcessHandle>> find, boolean termFirst, Duration wait) {
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> alive = running(find);
            if (alive.isEmpty()) {
                return true;
            }
            boolean term = termFirst && round == 0;
            alive.forEach(h -> {
                if (term) {
                    h.destroy();
                } else {
                    h.destroyForcibly();
                }
            });
            for (ProcessHandle h : alive) {
                try {
                    h.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return running(find).isEmpty();
                } catch (Exception stillThere) {
                    // the next round looks again
                }
            }
        }
        return running(find).isEmpty();
    }

    private static List<ProcessHandle> running(Supplier<List<ProcessHandle>> find) {
        return find.get().stream().filter(h -> h.isAlive() && !zombie(h.pid())).toList();
    }

    /** True for a process that has exited and waits for its parent to reap it (state Z in /proc): nothing to stop. */
    static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
