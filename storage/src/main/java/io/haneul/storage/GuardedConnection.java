package io.haneul.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@link Connection} view handed to store closures: transaction control belongs to the
 * {@link Database}, so commit, rollback, savepoints and auto-commit changes are refused, close is
 * ignored, and every statement the closure creates is closed afterwards (an open statement would
 * make SQLite's RELEASE/COMMIT fail). With a {@link StatementCache}, {@code prepareStatement(sql)}
 * hands out a kept statement of the connection instead of compiling the SQL again; a closure that
 * used {@code createStatement} (raw SQL, such as a migration's DDL) leaves no kept statement behind.
 */
final class GuardedConnection implements InvocationHandler, AutoCloseable {
    private static final Set<String> REFUSED = Set.of("commit", "rollback", "setAutoCommit", "setSavepoint",
            "releaseSavepoint", "setTransactionIsolation", "setReadOnly", "abort", "setNetworkTimeout");
    private static final Set<String> CREATES_STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall");

    private final Connection delegate;
    private final StatementCache cache;
    private final List<Statement> statements = new ArrayList<>();
    private final Connection proxy;
    private boolean done;
    private boolean rawSql;

    GuardedConnection(Connection delegate) {
        this(delegate, null);
    }

    /** @param cache the connection's kept statements, or null to prepare every statement anew */
    GuardedConnection(Connection delegate, StatementCache cache) {
        this.delegate = delegate;
        this.cache = cache;
        this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this);
    }

    Connection connection() {
        return proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(self, method, args, "Guarded(" + delegate + ")");
        }
        if (done) {
            throw new SQLException("connection used after its read/write closure returned");
        }
        if (name.equals("close")) {
            return null;
        }
        if (REFUSED.contains(name)) {
            throw new SQLException(name + "() is not allowed: the Database manages transactions");
        }
        if (cache != null && name.equals("prepareStatement") && args.length == 1) {
            Statement kept = cache.prepare((String) args[0]);
            statements.add(kept);
            return kept;
        }
        try {
            Object result = method.invoke(delegate, args);
            if (result instanceof Statement statement && CREATES_STATEMENTS.contains(name)) {
                statements.add(statement);
                rawSql |= name.equals("createStatement");
            }
            return result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** equals, hashCode and toString of a JDBC proxy: identity, and {@code label} for toString. */
    static Object objectMethod(Object self, Method method, Object[] args, String label) {
        return switch (method.getName()) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            default -> label;
        };
    }

    /** Closes what the closure left open and disables the proxy. */
    @Override
    public void close() {
        done = true;
        for (Statement statement : statements) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing is best effort; the transaction outcome decides what happened
            }
        }
        statements.clear();
        if (rawSql && cache != null) {
            cache.close();
        }
    }
}
