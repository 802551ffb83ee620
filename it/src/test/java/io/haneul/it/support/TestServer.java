package io.haneul.it.support;

import io.haneul.server.HaneulServer;
import io.haneul.server.config.HaneulConfig;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Haneul node on a random port with its own temporary data dir, for integration tests.
 */
public final class TestServer implements AutoCloseable {

    private final HaneulServer server;
    private final Path dataDir;

    private TestServer(HaneulServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** Starts a server; {@code options} are command-line style, e.g. {@code "--auth", "strict"}. */
    public static TestServer start(String... options) {
        return start(Clock.systemUTC(), options);
    }

    /** Starts a server that reads time from {@code clock} (a test may move it), else as {@link #start(String...)}. */
    public static TestServer start(Clock clock, String... options) {
        try {
            Path dir = Files.createTempDirectory("haneul-it");
            // SES's SMTP listener on a free port too, so that servers in one JVM do not contend for 2525
            List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dir.toString(), "--smtp-port", "0"));
            args.addAll(List.of(options));
            HaneulConfig config = HaneulConfig.from(args.toArray(String[]::new), Map.of());
            return new TestServer(new HaneulServer(config, clock).start(), dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Haneul", e);
        }
    }

    /**
     * Starts a server on an existing {@code dataDir} (e.g. the one a closed server used, to test what
     * survives a restart), else as {@link #start(Clock, String...)}.
     */
    public static TestServer startIn(Path dataDir, Clock clock, String... options) {
        try {
            List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDir.toString(), "--smtp-port", "0"));
            args.addAll(List.of(options));
            HaneulConfig config = HaneulConfig.from(args.toArray(String[]::new), Map.of());
            return new TestServer(new HaneulServer(config, clock).start(), dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Haneul", e);
        }
    }

    public URI endpoint() {
        return URI.create(server.endpoint());
    }

    public int port() {
        return server.port();
    }

    /** The HTTPS listener's endpoint; the server must have been started with {@code --tls-port}. */
    public URI httpsEndpoint() {
        if (server.tlsPort() < 0) {
            throw new IllegalStateException("started without --tls-port");
        }
        return URI.create("https://127.0.0.1:" + server.tlsPort());
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
