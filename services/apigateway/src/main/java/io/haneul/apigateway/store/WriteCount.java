package io.haneul.apigateway.store;

import io.haneul.storage.Database;
import io.haneul.storage.Dialect;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many writes a store has finished on this node: a value read before a read and unchanged since
 * means nothing read may have changed, which is what the invoke path's caches are keyed on. With
 * PostgreSQL other nodes write the same tables unseen here, so the value also changes every second:
 * a cache keyed on it is at most a second behind another node's change.
 */
public final class WriteCount {

    private final AtomicLong writes = new AtomicLong();
    private final boolean sharedDatabase;

    public WriteCount(Database db) {
        this.sharedDatabase = db.dialect() == Dialect.POSTGRES;
    }

    /** Called after every write (successful or not: a failed one may still have changed something). */
    public void written() {
        writes.incrementAndGet();
    }

    public long value() {
        long local = writes.get();
        return sharedDatabase ? (local << 32) | ((System.nanoTime() / 1_000_000_000L) & 0xFFFFFFFFL) : local;
    }
}
