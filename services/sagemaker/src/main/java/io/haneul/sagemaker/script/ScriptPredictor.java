package io.haneul.sagemaker.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A script-mode model behind an endpoint variant: one long-lived Python worker ({@code inference_worker.py})
 * that has loaded the model with the user's {@code model_fn} and answers requests through
 * {@code input_fn}/{@code predict_fn}/{@code output_fn}, framed over its stdin and stdout (4-byte length +
 * JSON header, 4-byte length + body). Its stderr is the endpoint's log (the server's log here). Requests
 * are answered one at a time. A worker that dies while answering is started again and the request answers
 * a ModelError, as a container that crashed does on AWS; so does one that has not answered within the invocation
 * timeout (AWS's 60 seconds), which is ended and started again.
 */
final class ScriptPredictor implements Predictor {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptPredictor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAIL = 20;
    private static final String TIMED_OUT = "Your invocation timed out while waiting for a response from container primary.";

    private final List<String> command;
    private final Path dir;
    private final Map<String, String> env;
    private final String label;
    private final Duration timeout;
    private final Duration startup;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private Process process;
    private DataOutputStream toWorker;
    private DataInputStream fromWorker;

    private ScriptPredictor(List<String> command, Path dir, Map<String, String> env, String label, Duration timeout, Duration startup) {
        this.startup = startup;
        this.timeout = timeout;
        this.command = command;
        this.dir = dir;
        this.env = env;
        this.label = label;
    }

    /**
     * Starts the worker and waits until the model is loaded; a failing {@code model_fn} or import is the exception's message.
     * A worker that has not loaded the model within {@code startup} is ended: a hanging {@code model_fn} would otherwise
     * hold CreateEndpoint (and, on a relaunch, the predictor's lock) for ever.
     */
    static ScriptPredictor start(List<String> command, Path dir, Map<String, String> env, String label, Duration timeout,
                                 Duration startup) throws AlgorithmException {
        ScriptPredictor p = new ScriptPredictor(command, dir, env, label, timeout, startup);
        synchronized (p) {
            p.launch();
        }
        return p;
    }

    private void launch() throws AlgorithmException {
        try {
            process = ScriptProcess.start(command, dir, env, false);
        } catch (IOException e) {
            throw AlgorithmException.internal("Could not start the model's Python worker: " + e.getMessage());
        }
        Process mine = process;
        Thread.ofVirtual().start(() -> drain(mine));
        toWorker = new DataOutputStream(process.getOutputStream());
        fromWorker = new DataInputStream(process.getInputStream());
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = watchdog(mine, startup, timedOut);
        try {
            JsonNode ready = JSON.readTree(frame());
            fromWorker.readNBytes(fromWorker.readInt());
            if (ready.path("status").asInt() != 200) {
                ScriptProcess.kill(process);
                throw AlgorithmException.client(ready.path("message").asText("the model could not be loaded"));
            }
        } catch (IOException e) {
            ScriptProcess.kill(process);
            throw AlgorithmException.client(timedOut.get()
                    ? "The model's Python worker did not load the model within " + startup.toSeconds() + " seconds (model_fn)."
                    : "The model's Python worker exited while loading the model: " + lastLog());
        } finally {
            watchdog.interrupt();
        }
    }

    /** Kills {@code p} after {@code limit} unless interrupted first, setting {@code fired}. */
    private static Thread watchdog(Process p, Duration limit, AtomicBoolean fired) {
        return Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(limit);
                fired.set(true);
                ScriptProcess.kill(p);
            } catch (InterruptedException e) {
                // in time
            }
        });
    }

    private void drain(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = BoundedLines.readLine(in, BoundedLines.MAX_LINE)) != null) {
                LOG.info("[{}] {}", label, line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > TAIL) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the worker ended
        }
    }

    private String lastLog() {
        synchronized (stderrTail) {
            return ScriptTrainer.lastError(List.copyOf(stderrTail));
        }
    }

    private byte[] frame() throws IOException {
        int length = fromWorker.readInt();
        if (length < 0) {
            throw new EOFException("bad frame");
        }
        return fromWorker.readNBytes(length);
    }

    @Override
    public synchronized Prediction predict(byte[] body, String contentType, String accept) throws AlgorithmException {
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        String[] type = {null};
        exchange(body, contentType, accept, false, (bytes, ct) -> {
            whole.writeBytes(bytes);
            type[0] = ct;
        });
        return new Prediction(whole.toByteArray(), type[0]);
    }

    /**
     * Streams the answer: an {@code output_fn} (or {@code transform_fn}) that returns a generator has each piece it yields sent
     * as its own frame, given to {@code parts} as it comes; any other answer is one part. A failure in {@code parts} (the
     * client went away) ends the worker at once rather than reading the rest of a generator that may run for long; the next
     * request starts a fresh one.
     */
    @Override
    public synchronized void stream(byte[] body, String contentType, String accept, Parts parts) throws AlgorithmException {
        exchange(body, contentType, accept, true, parts);
    }

    /** One request to the worker; its answer frames (one, or a streamed answer's pieces then an end frame) go to {@code parts}. */
    private void exchange(byte[] body, String contentType, String accept, boolean stream, Parts parts) throws AlgorithmException {
        if (process == null || !process.isAlive()) {
            launch();
        }
        JsonNode header;
        byte[] answer;
        Process current = process;
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = watchdog(current, timeout, timedOut);
        try {
            byte[] request = JSON.createObjectNode().put("content_type", contentType).put("accept", accept).put("stream", stream).toString()
                    .getBytes(StandardCharsets.UTF_8);
            toWorker.writeInt(request.length);
            toWorker.write(request);
            toWorker.writeInt(body.length);
            toWorker.write(body);
            toWorker.flush();
            while (true) {
                header = JSON.readTree(frame());
                int length = fromWorker.readInt();
                answer = fromWorker.readNBytes(length);
                if (answer.length != length) {
                    throw new EOFException("short answer");
                }
                if (!header.path("more").asBoolean(false)) {
                    break;
                }
                try {
                    parts.part(answer, header.path("content_type").asText("application/json"));
                } catch (RuntimeException clientGone) {
                    ScriptProcess.kill(current);
                    waitQuietly();
                    throw clientGone;
                }
            }
        } catch (IOException e) {
            ScriptProcess.kill(process);
            waitQuietly();
            String reason = timedOut.get() ? TIMED_OUT
                    : "The model's Python worker exited (exit code " + (process.isAlive() ? "unknown" : process.exitValue())
                    + ") while answering: " + lastLog();
            try {
                launch(); // the next request finds a fresh worker
            } catch (AlgorithmException restart) {
                LOG.warn("[{}] the Python worker could not be started again: {}", label, restart.getMessage());
            }
            throw timedOut.get() ? AlgorithmException.timedOut(reason) : AlgorithmException.internal(reason);
        } finally {
            watchdog.interrupt();
        }
        int status = header.path("status").asInt(500);
        if (status == 200) {
            if (!stream || answer.length > 0) {
                parts.part(answer, header.path("content_type").asText("application/json"));
            }
            return;
        }
        String message = header.path("message").asText("the model failed");
        throw status < 500 ? AlgorithmException.client(message) : AlgorithmException.internal(message);
    }

    private void waitQuietly() {
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            ScriptProcess.kill(process);
        }
    }
}
