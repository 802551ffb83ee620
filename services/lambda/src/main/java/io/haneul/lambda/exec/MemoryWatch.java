package io.haneul.lambda.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
 * <p>The process's own {@code /proc/<pid>/status} is read at every sample; the descendants of all
 * watched processes are listed together every {@value #LIST_CHILDREN_EVERY} samples (their memory
 * is read at every sample), because a listing walks every process of the machine: on a small busy
 * machine one took some 40 ms, and one per environment at every sample kept a core busy and slowed
 * every invocation. A child a function forks is thus counted from the next listing on (within a
 * second at the server's 20 ms period).
 */
public final class MemoryWatch implements AutoCloseable {

    /** How many samples apart the descendants of the watched processes are listed again. */
    static final int LIST_CHILDREN_EVERY = 50;

    private final Map<ExecutionEnvironment, Long> limits = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler;
    /** Samples taken so far, and each watched process's descendants as last listed; only the sampler's thread uses them. */
    private long samples;
    private Map<Long, List<ProcessHandle>> children = Map.of();

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
        if (samples++ % LIST_CHILDREN_EVERY == 0) {
            children = descendantsOf(limits.keySet().stream().map(ExecutionEnvironment::pid).collect(Collectors.toSet()));
        }
        limits.forEach((env, limit) -> {
            if (!env.alive()) {
                limits.remove(env);
                return;
            }
            long[] root = kib(env.pid(), "VmRSS:", "VmHWM:");
            long rss = root[0];
            for (ProcessHandle child : children.getOrDefault(env.pid(), List.of())) {
                if (child.isAlive()) { // an ended child's pid may since be another process's
                    rss += kib(child.pid(), "VmRSS:")[0];
                }
            }
            // the root's own high-water mark catches a peak that came and went between two samples
            env.sawResident(Math.max(rss, root[1]));
            if (rss > limit) {
                limits.remove(env);
                env.killForMemory();
            }
        });
    }

    /**
     * The descendants of each of {@code roots} (processes this server started), from one listing of
     * the server's own descendants; the parent of each that is not a root itself is looked up.
     */
    private static Map<Long, List<ProcessHandle>> descendantsOf(Set<Long> roots) {
        Map<Long, List<ProcessHandle>> found = new HashMap<>();
        if (roots.isEmpty()) {
            return found;
        }
        for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
            if (roots.contains(p.pid())) {
                continue;
            }
            Optional<ProcessHandle> up = p.parent();
            for (int depth = 0; up.isPresent() && depth < 64; depth++) {
                long parent = up.get().pid();
                if (roots.contains(parent)) {
                    found.computeIfAbsent(parent, k -> new ArrayList<>()).add(p);
                    break;
                }
                up = up.get().parent();
            }
        }
        return found;
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
