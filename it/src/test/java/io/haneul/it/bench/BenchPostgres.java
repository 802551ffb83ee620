package io.haneul.it.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for benchmarks (not a test): the embedded binaries from Maven Central with
 * their default, durable settings (fsync on, synchronous commit on), and pg_stat_statements loaded
 * (planning tracked too) so that a benchmark can count the statements, and the plannings, each
 * operation costs. Prints the --storage URL,
 * then runs until killed.
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("pg_stat_statements.track_planning", "on").start();
        System.out.println("STORAGE postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres");
        Thread.currentThread().join();
    }
}
