package io.haneul.lambda.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 *
 * <p>The process's own {@code /proc/<pid>/status} is read at every sample; its descendants are
 * listed only every {@value #LIST_CHILDREN_EVERY} samples (their memory is read at every sample),
 * because listing them walks every process of the machine: at every sample that took about half a
 * core of a small machine busy with other work, and slowed every invocation. A child a function
 * forks is thus counted from the next listing on.
 */
public final class MemoryWatch implements AutoCloseable {

    /** How many samples apart the descendants of each process are listed again. */
    static final int LIST_CHILDREN_EVERY = 10;

    /** An environment's limit and its descendants as last listed. */
    private record Watched(long limit, List<ProcessHandle> children, long listedAtSample) {
    }

    private final Map<ExecutionEnvironment, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler;
    /** Samples taken so far; only the sampler's thread writes it. */
    private long samples;

    /** @param everyMillis how often the trees are measured (a process allocating faster than this overshoots by that much) */
    public MemoryWatch(long everyMillis) {
        sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lambda-memory-watch").factory());
        sampler.scheduleWithFixedDelay(this::sample, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** Watches {@code env} until its process ends, killing it past {@code limitMb} of resident memory. */
    public void watch(ExecutionEnvironment env, int limitMb) {
        // listed "long ago", so that the next sample lists its descendants
        watched.put(env, new Watched(limitMb * 1024L * 1024L, List.of(), -LIST_CHILDREN_EVERY));
    }

    private void sample() {
        long sample = samples++;
        watched.forEach((env, w) -> {
            if (!env.alive()) {
                watched.remove(env);
                return;
            }
            if (sample - w.listedAtSample() >= LIST_CHILDREN_EVERY) {
                w = new Watched(w.limit(), env.processHandle().descendants().toList(), sample);
                watched.put(env, w);
            }
            long[] root = kib(env.pid(), "VmRSS:", "VmHWM:");
            long rss = root[0];
            for (ProcessHandle child : w.children()) {
                if (child.isAlive()) { // an ended child's pid may since be another process's
                    rss += kib(child.pid(), "VmRSS:")[0];
                }
            }
            // the root's own high-water mark catches a peak that came and went between two samples
            env.sawResident(Math.max(rss, root[1]));
            if (rss > w.limit()) {
                watched.remove(env);
                env.killForMemory();
            }
        });
    }

    /**
     * {@code kB} fields of {@code /proc/<pid>/status} (VmRSS, VmHWM) from one read, in bytes, in the
     * order asked; 0 for each where /proc does not tell.
     */
    static long[] kib(long pid, String... fields) {
        long[] values = new long[fields.length];
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                for (int i = 0; i < fields.length; i++) {
                    if (line.startsWith(fields[i])) {
                        values[i] = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between listing and reading, or this is not Linux
        }
        return values;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
