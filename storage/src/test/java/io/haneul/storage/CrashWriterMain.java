package io.haneul.storage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link SqliteCrashTest}: opens the SQLite database in {@code args[0]} and has
 * 8 virtual threads insert rows forever, printing {@code ack <id> .} for each write only after
 * {@link Database#write} returned, until it is killed.
 */
public final class CrashWriterMain {
    static final List<Migration> SCHEMA = List.of(
            Migration.of(1, "acked rows", "CREATE TABLE acked (id BIGINT PRIMARY KEY, body TEXT NOT NULL)"));

    private CrashWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Database db = Databases.open(StorageConfig.parse("sqlite"), Path.of(args[0]));
        db.migrate("crash", SCHEMA);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        AtomicLong next = new AtomicLong();
        Thread[] writers = new Thread[8];
        for (int t = 0; t < writers.length; t++) {
            writers[t] = Thread.ofVirtual().start(() -> {
                while (true) {
                    long id = next.incrementAndGet();
                    db.write(c -> {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO acked (id, body) VALUES (?, ?)")) {
                            ps.setLong(1, id);
                            ps.setString(2, "row " + id + " ".repeat(200));
                            return ps.executeUpdate();
                        }
                    });
                    synchronized (out) {
                        out.println("ack " + id + " .");
                        out.flush();
                    }
                }
            });
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }
}
