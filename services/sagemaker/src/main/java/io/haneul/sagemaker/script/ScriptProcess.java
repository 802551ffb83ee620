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
import java.util.HashMap;
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
    /** How long a stopped script may take to end after SIGTERM before SIGKILL (SageMaker waits 120 s; shorter here). */
    private static final long STOP_GRACE_SECONDS = 30;
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TZ");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ScriptProcess() {
    }

    /**
     * The variables that point a script's AWS SDK (boto3, the SageMaker SDK) at this server rather than at AWS; the
     * credentials are placeholders that this server accepts, never the host's.
     *
     * @param region the job's region, or null where it is not known (a model behind an endpoint)
     */
    public static Map<String, String> awsVariables(String endpoint, String region, String account) {
        Map<String, String> out = new HashMap<>();
        out.put("AWS_ENDPOINT_URL", endpoint);
        out.put("AWS_ACCESS_KEY_ID", account);
        out.put("AWS_SECRET_ACCESS_KEY", "haneul-sagemaker-" + account);
        if (region != null) {
            out.put("AWS_REGION", region);
            out.put("AWS_DEFAULT_REGION", region);
        }
        return out;
    }

    /** Starts {@code command} in its own process group (when setsid exists), output merged. */
    public static Process start(List<String> command, Path dir, Map<String, String> env, boolean mergeErrors) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(mergeErrors);
        Map<String, String> processEnv = pb.environment();
        Map<String, String> inherited = environment(processEnv, env);
        processEnv.clear();
        processEnv.putAll(inherited);
        return pb.start();
    }

    /**
     * The script's environment: of the server's own, only {@link #INHERITED} (never AWS_*, HANEUL_*, JAVA_TOOL_OPTIONS:
     * boto3 in a script would otherwise reach real AWS with the host's credentials), then the job's variables (SM_*, the
     * user's Environment, AWS_ENDPOINT_URL pointing at this server).
     */
    static Map<String, String> environment(Map<String, String> host, Map<String, String> job) {
        Map<String, String> out = new HashMap<>();
        for (String name : INHERITED) {
            if (host.get(name) != null) {
                out.put(name, host.get(name));
            }
        }
        out.putAll(job);
        return out;
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
                while ((line = BoundedLines.readLine(in, BoundedLines.MAX_LINE)) != null) {
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
                    // as SageMaker: SIGTERM first, so that the script can save its model, then SIGKILL after the grace period
                    signal(process, "-TERM");
                    process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
                    kill(process);
                    process.waitFor(10, TimeUnit.SECONDS);
                    break;
                }
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        // children the script left running in the background (they hold its output open) end with it, as in a container
        kill(process);
        reader.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (tail) {
            return new Result(process.isAlive() ? -1 : process.exitValue(), stopped, List.copyOf(tail));
        }
    }

    /**
     * Kills the process's group (it leads one when started through setsid) and, in any case, its descendants and itself.
     * The group is killed even when its leader has exited: background children outlive it and are no longer its
     * descendants, but stay in its group.
     */
    public static void kill(Process process) {
        signal(process, "-KILL");
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Sends a signal to the process's group (when started through setsid), or else to the process alone. */
    private static void signal(Process process, String signal) {
        if (!Files.isExecutable(SETSID)) {
            if (signal.equals("-TERM")) {
                process.destroy();
            }
            return;
        }
        try {
            new ProcessBuilder("kill", signal, "--", "-" + process.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: kill() ends the descendants one by one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
