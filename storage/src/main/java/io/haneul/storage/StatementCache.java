package io.haneul.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The prepared statements of one SQLite connection, kept for reuse by their SQL text. SQLite's JDBC
 * driver compiles a statement's SQL anew on every {@code prepareStatement} and frees it on
 * {@code close} (pgjdbc, by contrast, keeps server-side statements itself), and a store prepares the
 * same few statements for every call: compiling them was several percent of a write-heavy
 * service's CPU. A store still prepares and closes as JDBC says; what it gets is a view of a kept
 * statement, whose {@code close} resets it and hands it back here instead of freeing it.
 *
 * <p>The driver reads a statement's column names when it prepares it, so a statement kept across a
 * schema change could name columns that are gone or miss new ones: every kept statement is dropped
 * when the database's schema generation moves (a migration ran) and when a closure ran raw SQL
 * through {@code createStatement} (how DDL is run), see {@link GuardedConnection}.
 *
 * <p>Not thread-safe: a connection and its cache are used by one thread at a time (the SQLite
 * writer thread, or the reader that borrowed the connection). Bounded by {@link #CAPACITY} idle
 * statements, the least recently used SQL freed first, so SQL built with a varying number of
 * placeholders cannot grow it without limit.
 */
final class StatementCache implements AutoCloseable {

    static final int CAPACITY = 128;

    private final Connection connection;
    private final AtomicLong schemaGeneration;
    private long seenGeneration;
    /** Idle statements by SQL, in access order (least recently used first). */
    private final LinkedHashMap<String, ArrayDeque<PreparedStatement>> idle = new LinkedHashMap<>(64, 0.75f, true);
    private int idleCount;
    private long prepared;

    /** @param schemaGeneration moved by the database after each migration: kept statements are then dropped */
    StatementCache(Connection connection, AtomicLong schemaGeneration) {
        this.connection = connection;
        this.schemaGeneration = schemaGeneration;
        this.seenGeneration = schemaGeneration.get();
    }

    /** A statement for {@code sql}, kept or newly prepared; closing the view hands it back. */
    PreparedStatement prepare(String sql) throws SQLException {
        long generation = schemaGeneration.get();
        if (generation != seenGeneration) {
            close();
            seenGeneration = generation;
        }
        ArrayDeque<PreparedStatement> kept = idle.get(sql);
        PreparedStatement ps = kept == null ? null : kept.poll();
        if (ps != null) {
            idleCount--;
        } else {
            ps = connection.prepareStatement(sql);
            prepared++;
        }
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, new Lease(sql, ps, generation));
    }

    /** Statements compiled so far (for tests: a reused statement is not compiled again). */
    long prepared() {
        return prepared;
    }

    /**
     * @param generation the schema generation when the statement was leased: if a migration moved it since, the
     *                   statement may name columns that changed, so it is freed rather than kept
     */
    private void giveBack(String sql, PreparedStatement ps, ResultSet open, boolean reusable, long generation) {
        try {
            if (open != null) {
                open.close(); // resets the statement, so it holds no read of the transaction
            }
            if (!reusable || ps.isClosed() || generation != schemaGeneration.get()) {
                ps.close();
                return;
            }
            ps.clearParameters();
            ps.clearBatch();
        } catch (SQLException e) {
            closeQuietly(ps);
            return;
        }
        idle.computeIfAbsent(sql, s -> new ArrayDeque<>(2)).push(ps);
        idleCount++;
        Iterator<Map.Entry<String, ArrayDeque<PreparedStatement>>> eldest = idle.entrySet().iterator();
        while (idleCount > CAPACITY && eldest.hasNext()) {
            ArrayDeque<PreparedStatement> statements = eldest.next().getValue();
            idleCount -= statements.size();
            statements.forEach(StatementCache::closeQuietly);
            eldest.remove();
        }
    }

    /** Frees every idle statement (after DDL, or before the connection closes); the cache stays usable. */
    @Override
    public void close() {
        idle.values().forEach(statements -> statements.forEach(StatementCache::closeQuietly));
        idle.clear();
        idleCount = 0;
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // freeing a statement of a closing connection: nothing to do about it
        }
    }

    /** One use of a kept statement: its close hands the statement back; after it, the view refuses calls. */
    private final class Lease implements InvocationHandler {
        private final String sql;
        private final PreparedStatement statement;
        /** The schema generation it was leased in. */
        private final long generation;
        private ResultSet open;
        /** False once the statement ran as {@code execute()}, which may leave a query unread: freed, not kept. */
        private boolean reusable = true;
        private boolean closed;

        Lease(String sql, PreparedStatement statement, long generation) {
            this.sql = sql;
            this.statement = statement;
            this.generation = generation;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (method.getDeclaringClass() == Object.class) {
                return GuardedConnection.objectMethod(self, method, args, "Kept(" + sql + ")");
            }
            switch (name) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        giveBack(sql, statement, open, reusable, generation);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed;
                }
                case "execute" -> reusable = false;
                default -> {
                    // every other call goes to the statement while the view is open
                }
            }
            if (closed) {
                throw new SQLException("statement is closed");
            }
            try {
                Object result = method.invoke(statement, args);
                if (result instanceof ResultSet rs) {
                    open = rs;
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
