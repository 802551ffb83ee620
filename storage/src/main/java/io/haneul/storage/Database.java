package io.haneul.storage;

import java.sql.Connection;
import java.util.List;

/**
 * The store SPI every service builds on: short JDBC closures run as reads or as transactional
 * writes, per-component schema migrations, and a {@link Notifier} for wake-ups. Two
 * implementations exist, SQLite (embedded default) and PostgreSQL (shared by several nodes); open
 * one with {@link Databases#open}. Store code gets a {@link Connection} it must not commit, roll
 * back or close; statements it leaves open are closed when the closure returns.
 */
public interface Database extends AutoCloseable {

    Dialect dialect();

    /**
     * Runs read-only work and returns its result. On SQLite it runs on a read-only connection in
     * one snapshot, concurrently with the writer; it must not write.
     *
     * @throws StorageException wrapping an {@link java.sql.SQLException} thrown by the work;
     *                          runtime exceptions from the work are rethrown unchanged
     */
    <T> T read(SqlFunction<Connection, T> work);

    /**
     * Runs work in a transaction and returns its result once the transaction is committed (and
     * durable against a process kill). If the work throws, its changes are rolled back and the
     * exception reaches the caller; no other caller's work is affected. On PostgreSQL the work may
     * be run again after a serialization failure or deadlock, so it must have no side effects
     * outside the database. Do not call {@code write} from inside a write.
     *
     * @throws StorageException wrapping an {@link java.sql.SQLException}; runtime exceptions from
     *                          the work are rethrown unchanged
     */
    <T> T write(SqlFunction<Connection, T> work);

    /**
     * As {@link #write}, for work that runs exactly one statement: on PostgreSQL it runs in
     * auto-commit mode, so the server commits as the statement ends and answers once (one round
     * trip instead of two, and no BEGIN or COMMIT to process), with the same durability as
     * {@link #write} (the answer comes after the commit is flushed). Work that runs more than one
     * statement must use {@link #write}: here each would commit on its own.
     */
    default <T> T writeStatement(SqlFunction<Connection, T> work) {
        return write(work);
    }

    /**
     * Applies the component's pending migrations in version order, in one transaction, recording
     * each in {@code schema_migrations(component, version, description, applied_at)}. Idempotent;
     * safe when several nodes start at once.
     */
    void migrate(String component, List<Migration> migrations);

    /**
     * The notifier bound to this database (the same instance on every call): in-process on
     * SQLite, LISTEN/NOTIFY between nodes on PostgreSQL. Closed with the database.
     */
    Notifier notifier();

    /**
     * False while the database is known to be unreachable (PostgreSQL stopped or not yet up);
     * {@link #read} and {@link #write} then throw {@link StorageUnavailableException} at once.
     * Always true for the embedded SQLite file.
     */
    default boolean available() {
        return true;
    }

    /**
     * Why a database server that answers refuses this node (a bad password, no such database), found
     * while waiting for it to come back; null while it is reachable or simply down. Calls still fail
     * as unavailable: the node cannot mend its configuration by retrying.
     */
    default String refusal() {
        return null;
    }

    /** Finishes pending writes, then releases connections and threads. */
    @Override
    void close();
}
