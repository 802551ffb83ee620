package io.haneul.storage;

/**
 * Unchecked wrapper for a {@link java.sql.SQLException} (or other checked failure) raised while
 * running a {@link Database} operation. Runtime exceptions thrown by the caller's own closure are
 * rethrown as they are, never wrapped, so domain errors keep their type.
 */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
