package io.haneul.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL behind {@link Database}, for one or many Haneul nodes sharing a server. A HikariCP
 * pool hands out connections; every {@link #write} is its own transaction, retried with a short
 * randomized backoff when PostgreSQL reports a serialization failure or a deadlock.
 */
final class PostgresDatabase implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabase.class);
    private static final int MAX_WRITE_ATTEMPTS = 8;

    private final StorageConfig.Postgres config;
    private final Clock clock;
    private final HikariDataSource pool;
    private final Object notifierLock = new Object();
    private PostgresNotifier notifier;
    private volatile boolean closed;
    /** False while the database is known to be unreachable: calls then fail at once (see {@link #markUnavailable}). */
    private volatile boolean available = true;
    /** Set when a reconnect reached the server and it refused the node (see {@link #refusal}). */
    private volatile String refusal;

    PostgresDatabase(StorageConfig.Postgres config, Clock clock, int poolSize) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("haneul-pg");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setDataSourceProperties(credentials());
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(Math.min(2, poolSize));
        hikari.setAutoCommit(false);
        hikari.setConnectionTimeout(10_000);
        // The pool starts even when PostgreSQL is down (a node started before its database retries);
        // a bad password or a missing database still stops the start, from the probe below.
        hikari.setInitializationFailTimeout(-1);
        probeAtStart();
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to PostgreSQL at " + config + ": " + e.getMessage(), e);
        }
        // The LISTEN connection doubles as the liveness watch: it notices a stopped server at once
        // (its socket closes) and reconnects with back-off, which is also how recovery is noticed.
        notifier();
    }

    /**
     * One direct connection before the pool starts: an unreachable server only marks the store
     * unavailable (the notifier's reconnects find it again); any other failure (authentication,
     * unknown database) is a configuration error that stops the start with the cause.
     */
    private void probeAtStart() {
        try (Connection ignored = openDedicatedConnection()) {
            available = true;
        } catch (SQLException e) {
            if (!StorageUnavailableException.isUnreachable(e)) {
                throw new StorageException("cannot connect to PostgreSQL at " + config + ": " + e.getMessage(), e);
            }
            markUnavailable(e);
        }
    }

    /** Called when the LISTEN connection cannot be (re)opened: calls fail fast until {@link #markAvailable}. */
    void markUnavailable(Throwable cause) {
        if (available) {
            available = false;
            LOG.warn("PostgreSQL at {} is unreachable ({}); answering 503 until it is back", config,
                    cause == null ? "no connection" : cause.getMessage());
        }
    }

    /** Called when a reconnect reached the server and it refused the connection for a reason other than being down. */
    void markRefused(Throwable cause) {
        if (refusal == null) {
            LOG.error("PostgreSQL at {} answers but refuses this node: {}", config, cause.getMessage());
        }
        refusal = cause.getMessage();
    }

    @Override
    public String refusal() {
        return refusal;
    }

    /** Called when the LISTEN connection is open again. */
    void markAvailable() {
        refusal = null;
        if (!available) {
            available = true;
            LOG.info("PostgreSQL at {} is reachable again", config);
        }
    }

    @Override
    public boolean available() {
        return available && !closed;
    }

    /** A readable name of the server (no credentials), for messages. */
    String describe() {
        return config.toString();
    }

    private Properties credentials() {
        Properties props = new Properties();
        if (config.user() != null) {
            props.setProperty("user", config.user());
        }
        if (config.password() != null) {
            props.setProperty("password", config.password());
        }
        props.setProperty("ApplicationName", "haneul");
        return props;
    }

    /** A connection outside the pool, for a long-lived LISTEN. The caller closes it. */
    Connection openDedicatedConnection() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), credentials());
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    public <T> T read(SqlFunction<Connection, T> work) {
        Objects.requireNonNull(work, "work");
        return runInTransaction(work, false);
    }

    @Override
    public <T> T write(SqlFunction<Connection, T> work) {
        return write(work, false);
    }

    @Override
    public <T> T writeStatement(SqlFunction<Connection, T> work) {
        return write(work, true);
    }

    private <T> T write(SqlFunction<Connection, T> work, boolean autoCommit) {
        Objects.requireNonNull(work, "work");
        for (int attempt = 1; ; attempt++) {
            try {
                return runInTransaction(work, autoCommit);
            } catch (StorageException e) {
                if (attempt >= MAX_WRITE_ATTEMPTS || !isRetryable(e.getCause())) {
                    throw e;
                }
                LOG.debug("retrying a write after {} (attempt {})", e.getMessage(), attempt);
                backoff(attempt);
            }
        }
    }

    /**
     * Runs the work on a pooled connection and commits it; with {@code autoCommit} the work's one
     * statement commits by itself (the pool restores manual commit when the connection returns).
     */
    private <T> T runInTransaction(SqlFunction<Connection, T> work, boolean autoCommit) {
        if (closed) {
            throw new IllegalStateException("database is closed");
        }
        if (!available) {
            throw new StorageUnavailableException("PostgreSQL at " + config + " is unreachable");
        }
        try (Connection c = pool.getConnection()) {
            Throwable failure = null;
            T result = null;
            try (GuardedConnection g = new GuardedConnection(c)) {
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
                result = work.apply(g.connection());
            } catch (Throwable t) {
                failure = t;
            }
            if (failure == null && autoCommit) {
                return result;
            }
            if (failure == null) {
                try {
                    c.commit();
                    return result;
                } catch (SQLException e) {
                    failure = e;
                }
            }
            if (!autoCommit) {
                try {
                    c.rollback();
                } catch (SQLException e) {
                    failure.addSuppressed(e);
                }
            }
            if (!(failure instanceof RuntimeException) && StorageUnavailableException.isUnreachable(failure)) {
                throw new StorageUnavailableException("PostgreSQL at " + config + " is unreachable: " + failure.getMessage(), failure);
            }
            throw Failures.propagate(failure);
        } catch (SQLException e) {
            if (StorageUnavailableException.isUnreachable(e)) {
                throw new StorageUnavailableException("PostgreSQL at " + config + " is unreachable: " + e.getMessage(), e);
            }
            throw new StorageException("PostgreSQL connection failed: " + e.getMessage(), e);
        }
    }

    /** 40001 serialization_failure, 40P01 deadlock_detected. */
    private static boolean isRetryable(Throwable cause) {
        return cause instanceof SQLException se && ("40001".equals(se.getSQLState()) || "40P01".equals(se.getSQLState()));
    }

    private static void backoff(int attempt) {
        long maxMillis = Math.min(200, 5L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while retrying a write", e);
        }
    }

    @Override
    public void migrate(String component, List<Migration> migrations) {
        Migrator.migrate(this, clock, component, migrations);
    }

    @Override
    public Notifier notifier() {
        synchronized (notifierLock) {
            if (closed) {
                throw new IllegalStateException("database is closed");
            }
            if (notifier == null) {
                notifier = new PostgresNotifier(this);
            }
            return notifier;
        }
    }

    @Override
    public void close() {
        synchronized (notifierLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (notifier != null) {
                notifier.close();
            }
        }
        pool.close();
    }
}
