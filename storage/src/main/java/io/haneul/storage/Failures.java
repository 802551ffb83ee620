package io.haneul.storage;

import java.sql.SQLException;

/** Turns what a store closure threw into what {@link Database} callers see. */
final class Failures {
    private Failures() {
    }

    /** Rethrows runtime exceptions and errors unchanged; wraps checked ones in {@link StorageException}. */
    static RuntimeException propagate(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error error) {
            throw error;
        }
        if (t instanceof SQLException se) {
            throw new StorageException(se.getMessage(), se);
        }
        throw new StorageException(String.valueOf(t), t);
    }
}
