package io.haneul.storage;

import java.sql.SQLException;

/**
 * A unit of JDBC work passed to {@link Database#read} or {@link Database#write}. It may throw
 * {@link SQLException} so that store code can use JDBC directly without wrapping every call.
 *
 * @param <T> what it is given (a {@link java.sql.Connection})
 * @param <R> what it returns
 */
@FunctionalInterface
public interface SqlFunction<T, R> {
    R apply(T input) throws SQLException;
}
