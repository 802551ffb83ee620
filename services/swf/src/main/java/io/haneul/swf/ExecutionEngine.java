package io.haneul.swf;

import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.store.ExecutionRecord;
import io.haneul.swf.store.SqlExecutionStore;
import io.haneul.swf.store.TaskListWakeups;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Supplier;

/**
 * Changes executions one transaction at a time: loads runs (locked), lets the caller append events
 * and change state through {@link ExecutionTx}s, writes them back with their tasks and durable
 * timers, and wakes the pollers of the task lists that got tasks (after the commit, or on SQLite as
 * the work ends: see {@link #announceBeforeCommit}) and, after the commit, the scheduler. Every
 * change of an execution goes through here.
 */
final class ExecutionEngine {

    static final String TIMEOUT_JOB = "swf.timeout";
    /**
     * The scheduler finds jobs due later than this on its own next poll; only sooner ones need a
     * wake-up (which costs the worker a query).
     */
    private static final java.time.Duration SCHEDULER_POLL = io.haneul.storage.SchedulerOptions.defaults().maxIdle();

    private final Database db;
    private final SqlExecutionStore store;
    private final DurableScheduler scheduler;
    private final TaskListWakeups wakeups;
    private final Clock clock;
    private final long maxHistoryEvents;
    /**
     * Whether pollers hear of new tasks as the write's work ends rather than after its commit: on
     * SQLite, where every write runs on the one writer connection in turn, a poller's claim runs
     * after this write (in the same group commit or a later one) and commits only with or after it,
     * so it can be queued while this write commits; that takes the commit and the caller's return
     * out of the dispatch latency. On PostgreSQL a claim on another connection would not see the
     * task before the commit.
     */
    private final boolean announceBeforeCommit;

    ExecutionEngine(Database db, SqlExecutionStore store, DurableScheduler scheduler, TaskListWakeups wakeups, Clock clock,
                    long maxHistoryEvents) {
        this.maxHistoryEvents = maxHistoryEvents;
        this.db = db;
        this.store = store;
        this.scheduler = scheduler;
        this.wakeups = wakeups;
        this.clock = clock;
        this.announceBeforeCommit = db.dialect() == io.haneul.storage.Dialect.SQLITE;
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Session s) throws SQLException;
    }

    /** Work on one run. */
    @FunctionalInterface
    interface RunWork<T> {
        T apply(ExecutionTx tx) throws SQLException;
    }

    /** What one transaction touches; its runs are written back when the work returns. */
    final class Session {
        final Connection c;
        final Instant now;
        private final List<ExecutionTx> runs = new ArrayList<>();
        final Map<String, Integer> wake = new LinkedHashMap<>();
        /** The earliest durable job armed in this transaction (null: none). */
        Instant earliestJob;

        Session(Connection c, Instant now) {
            this.c = c;
            this.now = now;
        }

        void jobArmed(Instant at) {
            if (earliestJob == null || at.isBefore(earliestJob)) {
                earliestJob = at;
            }
        }

        ExecutionTx load(String runId, Supplier<? extends RuntimeException> missing) throws SQLException {
            for (ExecutionTx tx : runs) {
                if (tx.record().runId.equals(runId)) {
                    return tx;
                }
            }
            ExecutionRecord e = store.lock(c, runId).orElseThrow(missing);
            ExecutionTx tx = new ExecutionTx(this, e, store, scheduler, false);
            runs.add(tx);
            return tx;
        }

        ExecutionTx create(ExecutionRecord fresh) throws SQLException {
            store.insert(c, fresh);
            ExecutionTx tx = new ExecutionTx(this, fresh, store, scheduler, true);
            runs.add(tx);
            return tx;
        }

        /** Wakes the pollers of the task lists this transaction put tasks on (once). */
        private void announce() {
            wake.forEach(wakeups::taskScheduled);
            wake.clear();
        }

        private void flush() throws SQLException {
            for (int i = 0; i < runs.size(); i++) {
                runs.get(i).enforceHistoryLimit(maxHistoryEvents);
            }
            for (ExecutionTx tx : runs) {
                tx.flush();
            }
            for (ExecutionTx tx : runs) {
                tx.written();
            }
        }
    }

    <T> T transact(Work<T> work) {
        Session[] last = new Session[1];
        T result;
        try {
            result = db.write(c -> {
                Session s = new Session(c, clock.instant());
                last[0] = s;
                T r = work.apply(s);
                s.flush();
                if (announceBeforeCommit) {
                    s.announce();
                }
                return r;
            });
        } catch (io.haneul.storage.StorageException failed) {
            // the commit itself may have failed after the work handed its runs to the store's cache
            store.forgetCached();
            throw failed;
        }
        Session s = last[0];
        s.announce();
        if (s.earliestJob != null && s.earliestJob.isBefore(clock.instant().plus(SCHEDULER_POLL))) {
            scheduler.wake();
        }
        return result;
    }

    <T> T update(String runId, Supplier<SwfException> missing, RunWork<T> work) {
        return transact(s -> work.apply(s.load(runId, missing)));
    }

    SqlExecutionStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }
}
