package io.haneul.it.sqs;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL for the SQS suites that rerun on PostgreSQL (the *PostgresIT classes),
 * started on first use and stopped when the JVM exits; each caller gets a fresh database.
 */
final class PostgresForTests {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private PostgresForTests() {
    }

    /** A new empty database, as the {@code --storage} URL that reaches it. */
    static synchronized String newDatabase() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off").setServerConfig("max_connections", "300").start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            String name = "haneul_sqs_api_" + DATABASES.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/" + name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }
}
