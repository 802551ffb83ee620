package io.haneul.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * SQLite behind {@link Database}: one database file in WAL mode with {@code synchronous=NORMAL}
 * (a commit survives a kill -9 of the process, not a power cut). One writer thread owns the only
 * read-write connection and group-commits: it drains every queued {@link #write} into one
 * transaction, runs each closure inside its own savepoint (a failing closure rolls back only
 * itself), commits once, then releases all callers. Reads use a small pool of read-only
 * connections, each read in one snapshot, running alongside the writer. Every connection keeps its
 * prepared statements for reuse ({@link StatementCache}).
 */
final class SqliteDatabase implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final int MAX_BATCH = 1024;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Clock clock;
    private final Connection writer;
    private final TxStatements tx;
    private final StatementCache writerStatements;
    /** Moved after each migration, so that no connection keeps a statement prepared against the old schema. */
    private final java.util.concurrent.atomic.AtomicLong schemaGeneration = new java.util.concurrent.atomic.AtomicLong();
    private final List<Connection> readerConnections = new ArrayList<>();
    /** Each reader connection's kept statements (filled once, read-only afterwards). */
    private final java.util.IdentityHashMap<Connection, StatementCache> readerStatements = new java.util.IdentityHashMap<>();
    private final BlockingQueue<Connection> idleReaders;
    private final LinkedBlockingQueue<WriteRequest> queue = new LinkedBlockingQueue<>();
    private final WriteRequest stop = new WriteRequest(null, null);
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final LocalNotifier notifier = new LocalNotifier();
    private final Thread writerThread;
    private volatile boolean closed;

    private record WriteRequest(SqlFunction<Connection, ?> work, CompletableFuture<Object> result) {
    }

    /** The writer's transaction-control statements, prepared once. */
    private record TxStatements(PreparedStatement begin, PreparedStatement savepoint, PreparedStatement release,
                                PreparedStatement rollbackTo, PreparedStatement commit, PreparedStatement rollback) {
        static TxStatements prepare(Connection c) throws SQLException {
            return new TxStatements(c.prepareStatement("BEGIN IMMEDIATE"), c.prepareStatement("SAVEPOINT w"),
                    c.prepareStatement("RELEASE w"), c.prepareStatement("ROLLBACK TO w"),
                    c.prepareStatement("COMMIT"), c.prepareStatement("ROLLBACK"));
        }
    }

    SqliteDatabase(Path file, Clock clock, int readers) {
        this.clock = Objects.requireNonNull(clock, "clock");
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            SQLiteConfig writeConfig = new SQLiteConfig();
            writeConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
            writeConfig.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            writeConfig.setBusyTimeout(BUSY_TIMEOUT_MS);
            writeConfig.enforceForeignKeys(true);
            writer = writeConfig.createConnection(url);
            tx = TxStatements.prepare(writer);
            writerStatements = new StatementCache(writer, schemaGeneration);
            SQLiteConfig readConfig = new SQLiteConfig();
            readConfig.setReadOnly(true);
            readConfig.setBusyTimeout(BUSY_TIMEOUT_MS);
            readConfig.enforceForeignKeys(true);
            for (int i = 0; i < readers; i++) {
                Connection reader = readConfig.createConnection(url);
                readerConnections.add(reader);
                readerStatements.put(reader, new StatementCache(reader, schemaGeneration));
            }
        } catch (SQLException e) {
            closeQuietly();
            throw new StorageException("cannot open SQLite database " + file + ": " + e.getMessage(), e);
        }
        idleReaders = new ArrayBlockingQueue<>(readers, false, readerConnections);
        writerThread = Thread.ofPlatform().name("haneul-sqlite-writer").daemon(true).start(this::writerLoop);
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public <T> T read(SqlFunction<Connection, T> work) {
        Objects.requireNonNull(work, "work");
        // Holding the read side of the lifecycle lock lets close() wait for reads in flight.
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("database is closed");
            }
            Connection c = borrowReader();
            try {
                return readIn(c, readerStatements.get(c), work);
            } finally {
                idleReaders.add(c);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private static <T> T readIn(Connection c, StatementCache statements, SqlFunction<Connection, T> work) {
        try {
            exec(statements, "BEGIN");
        } catch (SQLException e) {
            throw new StorageException("SQLite read failed to begin: " + e.getMessage(), e);
        }
        Throwable failure = null;
        T result = null;
        try (GuardedConnection g = new GuardedConnection(c, statements)) {
            result = work.apply(g.connection());
        } catch (Throwable t) {
            failure = t;
        }
        try {
            exec(statements, failure == null ? "COMMIT" : "ROLLBACK");
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw Failures.propagate(failure);
        }
        return result;
    }

    private static void exec(StatementCache statements, String sql) throws SQLException {
        try (PreparedStatement statement = statements.prepare(sql)) {
            statement.executeUpdate();
        }
    }

    private Connection borrowReader() {
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a SQLite reader", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T write(SqlFunction<Connection, T> work) {
        Objects.requireNonNull(work, "work");
        if (Thread.currentThread() == writerThread) {
            throw new IllegalStateException("write() called inside a write closure: use the closure's Connection");
        }
        WriteRequest request = new WriteRequest(work, new CompletableFuture<>());
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("database is closed");
            }
            queue.add(request);
        } finally {
            lifecycle.readLock().unlock();
        }
        return (T) awaitUninterruptibly(request.result());
    }

    private static Object awaitUninterruptibly(CompletableFuture<Object> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw Failures.propagate(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writerLoop() {
        List<WriteRequest> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(stop);
            if (!batch.isEmpty()) {
                try {
                    runBatch(batch);
                } catch (Throwable t) {
                    // never leave callers blocked; futures already completed are unaffected
                    LOG.error("SQLite writer failed outside any closure", t);
                    rollbackQuietly();
                    batch.forEach(r -> r.result().completeExceptionally(t));
                }
            }
            batch.clear();
        }
    }

    private void runBatch(List<WriteRequest> batch) {
        int n = batch.size();
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        try {
            tx.begin().execute();
            for (int i = 0; i < n; i++) {
                tx.savepoint().execute();
                try (GuardedConnection g = new GuardedConnection(writer, writerStatements)) {
                    results[i] = batch.get(i).work().apply(g.connection());
                } catch (Throwable t) {
                    failures[i] = t;
                }
                if (failures[i] != null) {
                    tx.rollbackTo().execute();
                }
                tx.release().execute();
            }
            tx.commit().execute();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            LOG.warn("SQLite write batch of {} failed; none of it was committed", n, e);
            StorageException batchFailure = new StorageException("SQLite commit failed: " + e.getMessage(), e);
            for (int i = 0; i < n; i++) {
                if (failures[i] == null) {
                    failures[i] = batchFailure;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            CompletableFuture<Object> result = batch.get(i).result();
            if (failures[i] == null) {
                result.complete(results[i]);
            } else {
                result.completeExceptionally(failures[i]);
            }
        }
    }

    private void rollbackQuietly() {
        try {
            if (!writer.isClosed()) {
                tx.rollback().execute();
            }
        } catch (SQLException ignored) {
            // no transaction was open
        }
    }

    @Override
    public void migrate(String component, List<Migration> migrations) {
        try {
            Migrator.migrate(this, clock, component, migrations);
        } finally {
            schemaGeneration.incrementAndGet();
        }
    }

    @Override
    public Notifier notifier() {
        return notifier;
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(stop);
        } finally {
            lifecycle.writeLock().unlock();
        }
        boolean interrupted = false;
        while (writerThread.isAlive()) {
            try {
                writerThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        notifier.close();
        closeQuietly();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        readerStatements.values().forEach(StatementCache::close);
        if (writerStatements != null) {
            writerStatements.close();
        }
        for (Connection c : readerConnections) {
            closeQuietly(c);
        }
        closeQuietly(writer);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warn("closing a SQLite connection failed", e);
        }
    }
}
