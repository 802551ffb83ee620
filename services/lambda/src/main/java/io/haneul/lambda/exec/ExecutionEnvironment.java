package io.haneul.lambda.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One function process and its side of the Runtime API. The invoker offers an event; the runtime's
 * {@code next} call takes it (that moment starts the deadline); its {@code response} or {@code error}
 * completes it. The process's stdout and stderr are read into a log buffer that the invoker takes
 * per invocation (what was printed during init goes with the first invocation).
 *
 * <p>Stopping kills the whole process tree (children the function forked included), so that no
 * process outlives its environment.
 */
public final class ExecutionEnvironment implements PooledEnvironment {

    /** What Haneul's bootstraps print after an invocation's output: the mark, the request id, {@link #END_MARK_CLOSE}. */
    static final String END_MARK = "\u001eHANEUL-END ";
    static final String END_MARK_CLOSE = "\u001e\n";

    private final String id;
    private final String key;
    private final String runtimeVersion;
    private final Process process;
    private final Clock clock;
    private final long startedNanos = System.nanoTime();
    private final LinkedBlockingQueue<PendingInvocation> handoff = new LinkedBlockingQueue<>(1);
    private final CompletableFuture<byte[]> initError = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit;
    private final StringBuilder log = new StringBuilder();
    /** Request ids whose end-of-output mark the reader has seen and not yet taken; guarded by {@link #log}. */
    private final java.util.Set<String> ended = new java.util.HashSet<>();
    /** Whether this runtime marks the end of an invocation's output (Haneul's bootstraps do); guarded by {@link #log}. */
    private boolean marksEnd;
    /** Whether Haneul writes the end marks itself because the runtime does not (see {@link #takeLog}). */
    private volatile boolean selfMarks;
    /** Set once the process's output has ended; guarded by {@link #log}. */
    private boolean outputEnded;
    private volatile PendingInvocation current;
    private volatile boolean stopped;
    private volatile long initDoneNanos;
    private volatile long lastOutputNanos;
    private volatile long peakTreeResident;
    private volatile boolean killedForMemory;
    private boolean usedOnce;

    private ExecutionEnvironment(String id, String key, String runtimeVersion, Process process, Clock clock) {
        this.id = id;
        this.key = key;
        this.runtimeVersion = runtimeVersion;
        this.process = process;
        this.clock = clock;
        this.exit = process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Starts the process and the thread that reads its output.
     *
     * @param runtimeVersion the interpreter's real version, reported in the first invocation's log
     */
    public static ExecutionEnvironment start(String id, String key, String runtimeVersion, ProcessBuilder builder, Clock clock)
            throws IOException {
        Process process = builder.redirectErrorStream(true).start();
        ExecutionEnvironment env = new ExecutionEnvironment(id, key, runtimeVersion, process, clock);
        Thread.ofVirtual().name("lambda-log-" + id.substring(0, 8)).start(env::readOutput);
        return env;
    }

    private void readOutput() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                lastOutputNanos = System.nanoTime();
                synchronized (log) {
                    int before = log.length();
                    log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    takeMarks(Math.max(0, before - END_MARK.length() - 64));
                    if (log.length() > 1_048_576) { // a function printing megabytes keeps the last MiB per invocation
                        log.delete(0, log.length() - 1_048_576);
                    }
                    log.notifyAll();
                }
            }
        } catch (IOException ended) {
            // the process is gone; whatever it printed has been kept
        } finally {
            synchronized (log) {
                outputEnded = true;
                log.notifyAll();
            }
        }
    }

    /** Removes complete end-of-output marks from the log (a mark split across reads is found after the next read). */
    private void takeMarks(int from) {
        int at;
        while ((at = log.indexOf(END_MARK, from)) >= 0) {
            int end = log.indexOf(END_MARK_CLOSE, at + END_MARK.length());
            if (end < 0) {
                return;
            }
            ended.add(log.substring(at + END_MARK.length(), end));
            log.delete(at, end + END_MARK_CLOSE.length());
            marksEnd = true;
            from = at;
        }
    }

    /**
     * Takes what the process printed for one invocation. Haneul's bootstraps flush the function's
     * output and then print an end mark with the request id before they post the answer. For other
     * runtimes (a function's own {@code bootstrap}, AWS's Java client) Haneul writes the mark into the
     * process's output pipe itself once the answer has come, through {@code /proc/<pid>/fd/1}: a pipe
     * keeps its order, so everything the process wrote before answering is ahead of the mark. Either
     * way the log is complete once the reader has seen the mark (waited for at most 100 ms). Where
     * neither works (no {@code /proc}, standard output not a pipe) the reader is given until the
     * output has been quiet for 3 ms. The pipe is never asked for what it holds ({@code available()}
     * would wait for the reader's lock while it blocks in {@code read}).
     */
    public String takeLog(String requestId) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        try {
            boolean marked;
            synchronized (log) {
                // marks the reader has seen prove the runtime marks only when Haneul did not write them
                marked = (marksEnd && !selfMarks) || ended.contains(requestId);
            }
            if (!marked && markOutputEnd(requestId)) {
                selfMarks = true;
                marked = true;
            }
            if (marked) {
                synchronized (log) {
                    long left;
                    while (!ended.contains(requestId) && !outputEnded && (left = until - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(log, left);
                    }
                    return drainLog();
                }
            }
            Thread.sleep(2);
            while (System.nanoTime() < until && System.nanoTime() - lastOutputNanos < TimeUnit.MILLISECONDS.toNanos(3)) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (log) {
            return drainLog();
        }
    }

    /**
     * Writes the end mark into the process's own standard output when that is a pipe (Linux's
     * {@code /proc/<pid>/fd/1}, opened for this one write); false when it cannot.
     */
    private boolean markOutputEnd(String requestId) {
        Path stdout = Path.of("/proc", String.valueOf(process.pid()), "fd", "1");
        try {
            if (!Files.readSymbolicLink(stdout).toString().startsWith("pipe:")) {
                return false;
            }
            try (java.io.OutputStream out = Files.newOutputStream(stdout, java.nio.file.StandardOpenOption.WRITE)) {
                out.write((END_MARK + requestId + END_MARK_CLOSE).getBytes(StandardCharsets.UTF_8));
            }
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Everything printed so far, but a mark still being written stays for the next read to complete. */
    private String drainLog() {
        int keep = incompleteMark();
        String text = log.substring(0, keep);
        log.delete(0, keep);
        ended.clear();
        return text;
    }

    /** Where a mark whose end has not been read yet begins, or the log's length. */
    private int incompleteMark() {
        int at = log.lastIndexOf(END_MARK);
        if (at >= 0 && log.indexOf(END_MARK_CLOSE, at + END_MARK.length()) < 0 && log.length() - at <= END_MARK.length() + 64) {
            return at;
        }
        for (int k = Math.min(log.length(), END_MARK.length() - 1); k > 0; k--) {
            if (log.indexOf(END_MARK.substring(0, k), log.length() - k) >= 0) {
                return log.length() - k;
            }
        }
        return log.length();
    }

    /** True for the first invocation only (a cold start, which reports its Init Duration). */
    public boolean firstUse() {
        boolean first = !usedOnce;
        usedOnce = true;
        return first;
    }

    /** Init duration in milliseconds: from process start to the runtime's first {@code next} call. */
    public double initMillis() {
        long done = initDoneNanos == 0 ? System.nanoTime() : initDoneNanos;
        return (done - startedNanos) / 1_000_000.0;
    }

    /** When the runtime first asked for an event ({@link System#nanoTime()}), or 0 before. */
    public long initDoneNanos() {
        return initDoneNanos;
    }

    /** Queues an invocation for the runtime's {@code next} call (one at a time: the pool lends an environment to one caller). */
    public void offer(PendingInvocation invocation) {
        current = invocation;
        handoff.clear();
        handoff.add(invocation);
    }

    /** The runtime's {@code next}: the next event, or empty when none came within {@code poll}. */
    public Optional<PendingInvocation> next(Duration poll) throws InterruptedException {
        if (initDoneNanos == 0) {
            initDoneNanos = System.nanoTime();
        }
        PendingInvocation next = handoff.poll(poll.toMillis(), TimeUnit.MILLISECONDS);
        if (next != null) {
            next.pickedUpAt().complete(clock.millis());
        }
        return Optional.ofNullable(next);
    }

    /** The invocation the runtime is working on, if {@code requestId} names it. */
    public Optional<PendingInvocation> current(String requestId) {
        PendingInvocation c = current;
        return c != null && c.requestId().equals(requestId) ? Optional.of(c) : Optional.empty();
    }

    public void reportInitError(byte[] body) {
        initError.complete(body);
    }

    public CompletableFuture<byte[]> initError() {
        return initError;
    }

    /** Completes when the process exits, with its exit status. */
    public CompletableFuture<Integer> exited() {
        return exit;
    }

    /**
     * Peak resident memory in MB as {@link MemoryWatch} last measured it (the largest total of the
     * process tree, or the process's own {@code VmHWM} when that is more), so that an invocation
     * does not read {@code /proc} itself; before the watch's first sample (a cold start that
     * answers within its period) the process's {@code VmHWM} is read once. 0 where /proc does not
     * tell. A peak reached and released within one sampling period of the watch shows in the next
     * invocation's report.
     */
    public long maxMemoryUsedMb() {
        long peak = peakTreeResident;
        if (peak == 0) {
            sawResident(MemoryWatch.kib(process.pid(), "VmHWM:")[0]);
            peak = peakTreeResident;
        }
        return peak == 0 ? 0 : Math.max(1, peak / (1024 * 1024));
    }

    /** A measure of the whole tree's resident bytes, kept when it is the largest yet. */
    void sawResident(long bytes) {
        if (bytes > peakTreeResident) {
            peakTreeResident = bytes;
        }
    }

    /** Kills the process tree for going over its MemorySize; the invocation then answers {@code Runtime.OutOfMemory}. */
    void killForMemory() {
        killedForMemory = true;
        stop();
    }

    /** Whether {@link MemoryWatch} killed this environment for its memory. */
    public boolean killedForMemory() {
        return killedForMemory;
    }

    ProcessHandle processHandle() {
        return process.toHandle();
    }

    public String runtimeVersion() {
        return runtimeVersion;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean alive() {
        return !stopped && process.isAlive();
    }

    @Override
    public void stop() {
        stopped = true;
        // the tree is listed before the parent dies: its orphans would no longer be its descendants
        java.util.List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle child : tree) {
                child.onExit().get(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // killed with SIGKILL; an orphan's exit is reported only once its new parent reaps it
        }
        PendingInvocation c = current;
        if (c != null) {
            c.answer().completeExceptionally(new IllegalStateException("environment stopped"));
        }
    }
}
