package io.haneul.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared implementation of {@link Database#migrate}: one write transaction that (on PostgreSQL)
 * first takes a transaction-scoped advisory lock, so nodes starting together apply each migration
 * once, then creates {@code schema_migrations} if needed and applies the pending versions in order.
 */
final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    /** Arbitrary advisory-lock key reserved for schema migrations ("HANEUL" in ASCII). */
    static final long ADVISORY_LOCK_KEY = 0x48414E45554CL;
    private static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
              component VARCHAR(200) NOT NULL,
              version INTEGER NOT NULL,
              description VARCHAR(1000) NOT NULL,
              applied_at BIGINT NOT NULL,
              PRIMARY KEY (component, version))""";

    private Migrator() {
    }

    static void migrate(Database db, Clock clock, String component, List<Migration> migrations) {
        Objects.requireNonNull(component, "component");
        List<Migration> ordered = new ArrayList<>(migrations);
        ordered.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).version() == ordered.get(i - 1).version()) {
                throw new IllegalArgumentException(component + ": duplicate migration version " + ordered.get(i).version());
            }
        }
        Dialect dialect = db.dialect();
        int applied = db.write(c -> {
            if (dialect == Dialect.POSTGRES) {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, ADVISORY_LOCK_KEY);
                    lock.execute();
                }
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate(CREATE_TABLE);
            }
            Set<Integer> done = appliedVersions(c, component);
            int count = 0;
            for (Migration m : ordered) {
                if (done.contains(m.version())) {
                    continue;
                }
                runScript(c, dialect, m.sql(dialect));
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO schema_migrations (component, version, description, applied_at) VALUES (?, ?, ?, ?)")) {
                    ins.setString(1, component);
                    ins.setInt(2, m.version());
                    ins.setString(3, m.description());
                    ins.setLong(4, clock.millis());
                    ins.executeUpdate();
                }
                count++;
            }
            return count;
        });
        if (applied > 0) {
            LOG.info("{}: applied {} migration(s)", component, applied);
        }
    }

    private static Set<Integer> appliedVersions(Connection c, String component) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement("SELECT version FROM schema_migrations WHERE component = ?")) {
            q.setString(1, component);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
        }
        return versions;
    }

    /**
     * Runs a script of one or more statements: sqlite-jdbc's executeUpdate and pgjdbc's execute
     * both run every statement of the string.
     */
    private static void runScript(Connection c, Dialect dialect, String sql) throws SQLException {
        if (sql == null || sql.isBlank()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.SQLITE) {
                s.executeUpdate(sql);
            } else {
                s.execute(sql);
            }
        }
    }
}
