package io.haneul.it.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Haneul node in a child JVM ({@code io.haneul.server.Main} on this test's class path), so that
 * a test can kill it with SIGKILL ({@link #kill()}) and start another on the same data dir or
 * database. It listens on a port the OS picks ({@code --port 0}); the endpoint comes from the
 * "ready on" line the node prints once it serves requests. Its stderr goes to a file in the data
 * dir's parent, shown when the start fails.
 */
public final class ChildServer implements AutoCloseable {

    private static final long START_TIMEOUT_S = 120;

    private final Process process;
    private final URI endpoint;
    private final Path stderr;

    private ChildServer(Process process, URI endpoint, Path stderr) {
        this.process = process;
        this.endpoint = endpoint;
        this.stderr = stderr;
    }

    /** Starts a node on {@code dataDir} with extra options (e.g. {@code --storage URL}) and waits until it is ready. */
    public static ChildServer start(Path dataDir, String... options) throws IOException, InterruptedException {
        return startWithHeap(dataDir, "1g", options);
    }

    /** As {@link #start(Path, String...)} with the child's largest heap ({@code -Xmx}), e.g. to show a body is never held whole. */
    public static ChildServer startWithHeap(Path dataDir, String maxHeap, String... options) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + maxHeap, "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.haneul.server.Main",
                "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString(), "--log-level", "warn"));
        command.addAll(List.of(options));
        Path stderr = Files.createTempFile(dataDir.toAbsolutePath().getParent(), "child-stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.startsWith("HANEUL_"));
        Process p = pb.start();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        StringBuilder stdout = new StringBuilder();
        Thread.ofPlatform().daemon(true).name("child-stdout-" + p.pid()).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (stdout) {
                        stdout.append(line).append('\n');
                    }
                    int at = line.indexOf(" ready on ");
                    if (at >= 0 && !ready.isDone()) {
                        String rest = line.substring(at + " ready on ".length()).strip();
                        int space = rest.indexOf(' ');
                        ready.complete(URI.create(space < 0 ? rest : rest.substring(0, space)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("child ended its output before it was ready"));
        });
        try {
            return new ChildServer(p, ready.get(START_TIMEOUT_S, TimeUnit.SECONDS), stderr);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            String out;
            synchronized (stdout) {
                out = stdout.toString();
            }
            throw new IllegalStateException("Haneul child did not become ready: " + e + "\nstdout:\n" + out
                    + "\nstderr:\n" + Files.readString(stderr, StandardCharsets.UTF_8), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The file the child's stderr (its log) goes to. */
    public Path stderr() {
        return stderr;
    }

    /** Whether the child still runs (false after an OutOfMemoryError ended it, for example). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. Returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
