package io.haneul.server;

import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The node's store and durable scheduler, which may come up after the listener: a node started
 * while PostgreSQL is down keeps answering (health says {@code storage: unavailable}, API calls
 * 503) and retries in the background with back-off until the database answers, then creates the
 * scheduler's table, starts its worker and runs {@code whenReady} (services that start eagerly).
 * Anything but an unreachable database (a bad password, an unknown database) stops the start when
 * it is found at start; found by the background retries (the server came up and refuses those
 * settings), it ends the retries: retrying cannot mend a configuration, so the node reports
 * {@link #failure()} in its health and keeps answering 503 until it is restarted with a good one.
 */
final class NodeStorage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeStorage.class);
    private static final long FIRST_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 5_000;

    private final CompletableFuture<Database> database;
    private final Clock clock;
    private final String description;
    private volatile DurableScheduler scheduler;
    private volatile boolean closed;
    private volatile String failure;
    private Thread retrier;

    /** @param description the storage as it may be printed (credentials redacted) */
    NodeStorage(CompletableFuture<Database> database, Clock clock, String description) {
        this.database = database;
        this.clock = clock;
        this.description = description;
    }

    /** The database; throws the opening failure (not an unreachable server: that opens in the unavailable state). */
    Database database() {
        try {
            return database.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * The started scheduler, creating it (and its table) on first success.
     *
     * @throws StorageUnavailableException while the database cannot be reached
     */
    DurableScheduler scheduler() {
        DurableScheduler s = scheduler;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (scheduler == null) {
                if (closed) {
                    throw new IllegalStateException("the node is stopping");
                }
                DurableScheduler created = new DurableScheduler(database(), clock);
                created.start();
                scheduler = created;
            }
            return scheduler;
        }
    }

    /** Why the background retries stopped (the database answered and refused this node), or null. */
    String failure() {
        return failure;
    }

    /** True when the store answers and the scheduler runs. */
    boolean ready() {
        return scheduler != null && database.isDone() && !database.isCompletedExceptionally() && database.join().available();
    }

    /**
     * Starts the scheduler now if the database answers, else keeps trying in the background and
     * runs {@code whenReady} once it does.
     *
     * @return true when ready at once
     */
    boolean start(Runnable whenReady) {
        try {
            scheduler();
            return true;
        } catch (RuntimeException e) {
            if (!StorageUnavailableException.isUnreachable(e)) {
                throw e;
            }
            LOG.warn("storage {} is unavailable ({}); retrying with back-off, API calls answer 503 meanwhile", description, e.getMessage());
        }
        retrier = Thread.ofPlatform().name("haneul-storage-retry").daemon(true).start(() -> retry(whenReady));
        return false;
    }

    private void retry(Runnable whenReady) {
        long wait = FIRST_RETRY_MS;
        while (!closed) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            try {
                scheduler();
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                String refused = database.isDone() && !database.isCompletedExceptionally() ? database.join().refusal() : null;
                if (!StorageUnavailableException.isUnreachable(e) || refused != null) {
                    failure = refused != null ? refused : String.valueOf(e.getMessage());
                    LOG.error("storage {} answers but refuses this node ({}); no more retries: correct --storage and restart",
                            description, failure, e);
                    return;
                }
                wait = Math.min(MAX_RETRY_MS, wait * 2);
                LOG.info("storage {} still unavailable; next try in {} ms", description, wait);
                continue;
            }
            LOG.info("storage {} is available; node ready", description);
            try {
                whenReady.run();
            } catch (RuntimeException e) {
                LOG.error("the node cannot serve: {}", e.getMessage(), e);
            }
            return;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (retrier != null) {
            retrier.interrupt();
        }
        synchronized (this) {
            if (scheduler != null) {
                scheduler.close();
            }
        }
        // one still opening (a start that failed meanwhile) is waited for, so that nothing stays open
        Database opened = database.handle((d, failed) -> d).join();
        if (opened != null) {
            opened.close();
        }
    }
}
