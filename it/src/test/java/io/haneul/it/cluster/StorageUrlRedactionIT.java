package io.haneul.it.cluster;

import io.haneul.it.support.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The password of a PostgreSQL storage URL never reaches the log: not when the database is
 * unreachable (the node waits for it), not when the start fails (an unknown database), not at
 * the most verbose log level.
 */
class StorageUrlRedactionIT {

    private static final String PASSWORD = "Sup3rSecretPw";

    @TempDir
    Path tmp;

    @Test
    void anUnreachableDatabaseIsLoggedWithoutItsPassword() throws Exception {
        int port = ClusterNodes.freePort();
        String log = runFor("postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + port + "/postgres", "unavailable", "a");
        assertTrue(log.contains("postgresql://postgres:***@127.0.0.1:" + port), log);
        assertFalse(log.contains(PASSWORD), "the log shows the password:\n" + log);
    }

    @Test
    void aFailedStartIsLoggedWithoutThePassword() throws Exception {
        String shared = SharedPostgres.newDatabase("redaction");
        String url = shared.replace("postgres@", "postgres:" + PASSWORD + "@").replaceAll("/redaction_\\d+$", "/no_such_database");
        String log = runFor(url, "cannot open storage", "b");
        assertTrue(log.contains("cannot open storage postgresql://postgres:***@"), log);
        assertFalse(log.contains(PASSWORD), "the log shows the password:\n" + log);
    }

    /** Runs a node until its output contains {@code until} (or it exits), then stops it; returns stdout and stderr. */
    private String runFor(String storage, String until, String name) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), "io.haneul.server.Main",
                "--port", "0", "--host", "127.0.0.1", "--data-dir", ClusterNodes.dir(tmp, name).toString(), "--log-level", "trace",
                "--smtp-port", "-1", "--storage", storage)).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive() && !out.toString(StandardCharsets.UTF_8).contains(until) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500); // what follows the line (its stack trace)
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
        return out.toString(StandardCharsets.UTF_8);
    }
}
