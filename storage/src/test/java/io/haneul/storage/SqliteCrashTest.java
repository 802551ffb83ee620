package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 durability of SQLite writes: a child JVM writes and acknowledges rows until it is killed
 * with SIGKILL mid-stream; every row it acknowledged must be in the database when it is reopened.
 */
class SqliteCrashTest {
    private static final Pattern ACK = Pattern.compile("ack (\\d+) \\.");

    @TempDir
    Path tempDir;

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
        Path dataDir = tempDir.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        CountDownLatch enough = new CountDownLatch(3_000);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = ACK.matcher(line); // a line cut short by the kill does not match
                    if (m.matches()) {
                        acknowledged.add(Long.parseLong(m.group(1)));
                        enough.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe closes when the child dies
            }
        });
        try {
            assertTrue(enough.await(60, TimeUnit.SECONDS), "child acknowledged only " + acknowledged.size() + " writes");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertTrue(Files.exists(dataDir.resolve("haneul.db-wal")), "the WAL was not checkpointed away by a clean close");

        try (Database db = Databases.open(StorageConfig.parse("sqlite"), dataDir)) {
            db.migrate("crash", CrashWriterMain.SCHEMA);
            Set<Long> stored = db.read(c -> {
                Set<Long> ids = new HashSet<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM acked")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            });
            Set<Long> missing = new HashSet<>(acknowledged);
            missing.removeAll(stored);
            assertEquals(Set.of(), missing, "acknowledged but lost");
            System.out.printf("crash test: %d acknowledged before SIGKILL, %d rows after restart%n",
                    acknowledged.size(), stored.size());
            assertTrue(stored.size() >= acknowledged.size());
        }
    }
}
