package io.haneul.storage;

/**
 * The database cannot be reached (PostgreSQL stopped, restarting or not yet up). Raised at once
 * while the store knows it is unreachable, so callers answer a retryable error quickly instead of
 * waiting out the connection pool's timeout; the server maps it to 503 ServiceUnavailable.
 */
public class StorageUnavailableException extends StorageException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageUnavailableException(String message) {
        super(message);
    }

    /**
     * True when {@code t} or one of its causes says the database is unreachable: a connection
     * failure (SQLState class 08), the server shutting down or starting (57P01-57P03), a pool
     * timeout, or this exception.
     */
    public static boolean isUnreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StorageUnavailableException || c instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (c instanceof java.sql.SQLException se && se.getSQLState() != null) {
                String state = se.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
