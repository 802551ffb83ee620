package io.haneul.lambda.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds each function process tree to its MemorySize the way Lambda's cgroup does: by resident
 * memory. Every few milliseconds it sums {@code VmRSS} over the process and its descendants; an
 * environment over its limit is killed (SIGKILL, the whole tree) and marked, and the invocation
 * answers AWS's {@code Runtime.OutOfMemory} / {@code Runtime exited with error: signal: killed}.
 *
 * <p>Why not an rlimit: {@code RLIMIT_AS} bounds address space, not memory; a JVM or V8 reserves
 * far more than it uses (node hangs at start under a 128 MB limit, a JVM with a 100 MB heap does not
 * start under 256 MB), so a limit equal to the MemorySize breaks ordinary functions while one loose
 * enough for them bounds nothing. A cgroup would be exact but needs a delegated hierarchy that most
 * machines do not give a user process.
 */
public final class MemoryWatch implements AutoCloseable {

    private final Map<ExecutionEnvironment, Long> limits = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler;

    /** @param everyMillis how often the trees are measured (a process allocating faster than this overshoots by that much) */
    public MemoryWatch(long everyMillis) {
        sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lambda-memory-watch").factory());
        sampler.scheduleWithFixedDelay(this::sample, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** Watches {@code env} until its process ends, killing it past {@code limitMb} of resident memory. */
    public void watch(ExecutionEnvironment env, int limitMb) {
        limits.put(env, limitMb * 1024L * 1024L);
    }

    private void sample() {
        limits.forEach((env, limit) -> {
            if (!env.alive()) {
                limits.remove(env);
                return;
            }
            long rss = treeRss(env.processHandle());
            env.sawResident(rss);
            if (rss > limit) {
                limits.remove(env);
                env.killForMemory();
            }
        });
    }

    /** Resident bytes of the process and all its descendants, from /proc (0 where /proc does not tell). */
    static long treeRss(ProcessHandle root) {
        long total = rss(root.pid());
        for (ProcessHandle child : root.descendants().toList()) {
            total += rss(child.pid());
        }
        return total;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between listing and reading, or this is not Linux
        }
        return 0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
