package io.haneul.sagemaker.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a user's script as a SageMaker container runs its entry point: in its own process group (through
 * {@code setsid} where the machine has it), stdout and stderr merged line by line into the job's log,
 * and ended with its whole group (children the script started included) when a stop is requested
 * (StopTrainingJob, StopProcessingJob, MaxRuntimeInSeconds, a server shutting down).
 */
public final class ScriptProcess {

    /** How the process ended: its exit code, whether it was stopped, and its last lines (for a FailureReason). */
    public record Result(int exitCode, boolean stopped, List<String> tail) {
    }

    private static final int TAIL = 40;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ScriptProcess() {
    }

    /** Starts {@code command} in its own process group (when setsid exists), output merged. */
    public static Process start(List<String> command, Path dir, Map<String, String> env, boolean mergeErrors) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(mergeErrors);
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * Runs to the end, or until {@code stop} answers true (checked about every 200 ms), when the process group is killed.
     * Each output line goes to {@code lines}.
     */
    public static Result run(List<String> command, Path dir, Map<String, String> env, Consumer<String> lines, BooleanSupplier stop)
            throws IOException, InterruptedException {
        Process process = start(command, dir, env, true);
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.accept(line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            }
        });
        boolean stopped = false;
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (stop.getAsBoolean()) {
                    stopped = true;
                    kill(process);
                    process.waitFor(10, TimeUnit.SECONDS);
                    break;
                }
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (tail) {
            return new Result(process.isAlive() ? -1 : process.exitValue(), stopped, List.copyOf(tail));
        }
    }

    /** Kills the process's group (it leads one when started through setsid) and, in any case, its descendants and itself. */
    public static void kill(Process process) {
        if (Files.isExecutable(SETSID) && process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no kill command: the descendants below are ended one by one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
