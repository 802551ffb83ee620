package io.haneul.it.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server for benchmarks (not a test): the embedded binaries from Maven Central with
 * their default, durable settings (fsync on). Prints the --storage URL, then runs until killed.
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        System.out.println("STORAGE postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres");
        Thread.currentThread().join();
    }
}
