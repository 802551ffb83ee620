package io.haneul.swf.store;

import io.haneul.storage.Notifier;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The matching layer's wake-ups: long polls park on one condition per task list (keyed
 * account/region/domain/kind/list; virtual threads, so thousands of waiting pollers cost no platform
 * thread) and are signalled when a task is scheduled there, on this node directly and by
 * other nodes through the database's {@link Notifier}. A version counter closes the race between a
 * waiter's empty read and its wait.
 *
 * <p>On one node (SQLite) the gate also counts the tasks waiting on its list once that is known: a
 * claim that found nothing at version v means no task waited there then (nothing was scheduled
 * since), and from there every task announced counts one up and every task a poll takes counts one
 * down (every task is put on a list by this process, and announced after its commit). A poll of a
 * list known to be empty parks at once instead of running an empty claim through the database's one
 * writer: pollers woken for a task and pollers arriving afresh would otherwise race for it, and
 * each loser's claim was a write that found nothing. The count errs only upwards (a task taken
 * before its announcement, or removed by a timeout or a close, is counted until a claim finds the
 * list empty), so it may cost an empty claim but never hides a task for longer than its
 * announcement takes. A claim that found the list empty starts the count only when no other claim
 * is in flight: another claim may have taken an announced task and not yet counted it down, and
 * counting it down after the reset would hide the next task. Nodes sharing PostgreSQL always claim:
 * another node's announcement could be lost.
 *
 * <p>Every claim is bracketed: {@link #claimStarted} before it, then exactly one of
 * {@link #tookTask}, {@link #foundEmpty} or {@link #claimFailed}.
 */
public final class TaskListWakeups implements AutoCloseable {

    private static final String CHANNEL = "swf_task";

    private static final class Gate {
        final ReentrantLock lock = new ReentrantLock();
        final Condition arrived = lock.newCondition();
        volatile long version;
        /** True once a claim found the list empty: from then on {@link #waiting} counts its tasks. */
        boolean counted;
        /** Tasks waiting on the list, when {@link #counted} (never fewer than there are). */
        long waiting;
        /** Claims begun and not yet ended ({@link #tookTask}, {@link #foundEmpty} or {@link #claimFailed}). */
        int claiming;
        int waiters;
    }

    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();
    private final Notifier notifier;
    private final boolean shared;
    private final Notifier.Subscription subscription;

    /** @param shared true when other nodes share the database (PostgreSQL): signals go through it */
    public TaskListWakeups(Notifier notifier, boolean shared) {
        this.notifier = notifier;
        this.shared = shared;
        this.subscription = shared ? notifier.subscribe(CHANNEL, this::received) : null;
    }

    /** The task list's current version; pass it to {@link #await} after an empty read. */
    public long version(String taskList) {
        return gate(taskList).version;
    }

    /**
     * True when the list is known to hold no waiting task: a claim found it empty, and every task
     * scheduled there since was taken (never on a shared database).
     */
    public boolean knownEmpty(String taskList) {
        if (shared) {
            return false;
        }
        Gate g = gate(taskList);
        g.lock.lock();
        try {
            return g.counted && g.waiting == 0;
        } finally {
            g.lock.unlock();
        }
    }

    /** Records that a claim on the list begins (call before it reads the list). */
    public void claimStarted(String taskList) {
        onLocalGate(taskList, g -> {
            g.claiming++;
        });
    }

    /**
     * Ends a claim begun at {@code version} that found no task waiting on the list. The count
     * starts at zero only when nothing was scheduled since (the version did not move: a task
     * scheduled since may have been missed) and no other claim is in flight (one may have taken a
     * counted task it has not yet counted down).
     */
    public void foundEmpty(String taskList, long version) {
        onLocalGate(taskList, g -> {
            endClaim(g);
            if (g.version == version && g.claiming == 0) {
                g.counted = true;
                g.waiting = 0;
            }
        });
    }

    /** Ends a claim that took a task off the list (handed out, or dropped as stale). */
    public void tookTask(String taskList) {
        onLocalGate(taskList, g -> {
            endClaim(g);
            if (g.waiting > 0) {
                g.waiting--;
            }
        });
    }

    /** Ends a claim that failed (its transaction rolled back: the list is as it was). */
    public void claimFailed(String taskList) {
        onLocalGate(taskList, g -> {
            endClaim(g);
        });
    }

    /** Runs {@code change} on the list's gate under its lock; nothing on a shared database (no counts there). */
    private void onLocalGate(String taskList, java.util.function.Consumer<Gate> change) {
        if (shared) {
            return;
        }
        Gate g = gate(taskList);
        g.lock.lock();
        try {
            change.accept(g);
        } finally {
            g.lock.unlock();
        }
    }

    private static void endClaim(Gate g) {
        if (g.claiming > 0) {
            g.claiming--;
        }
    }

    /**
     * Announces {@code count} tasks scheduled on the list (call after the write committed). Wakes one
     * waiting poller per task rather than all of them, so a busy list is no thundering herd of claims.
     */
    public void taskScheduled(String taskList, int count) {
        if (shared) {
            notifier.publish(CHANNEL, count + ":" + taskList);
        } else {
            signalLocal(taskList, count);
        }
    }

    private void received(String payload) {
        int colon = payload.indexOf(':');
        signalLocal(payload.substring(colon + 1), Integer.parseInt(payload.substring(0, colon)));
    }

    private void signalLocal(String taskList, int count) {
        Gate g = gates.get(taskList);
        if (g == null) {
            return;
        }
        g.lock.lock();
        try {
            g.version++;
            g.waiting += count;
            for (int i = 0; i < Math.min(count, g.waiters); i++) {
                g.arrived.signal();
            }
        } finally {
            g.lock.unlock();
        }
    }

    /**
     * Waits until the list's version moves past {@code seenVersion} or {@code maxWaitMs} pass.
     *
     * @return true when woken by an arrival
     */
    public boolean await(String taskList, long seenVersion, long maxWaitMs) throws InterruptedException {
        Gate g = gate(taskList);
        long remaining = TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        g.lock.lock();
        try {
            g.waiters++;
            while (g.version == seenVersion && remaining > 0) {
                remaining = g.arrived.awaitNanos(remaining);
            }
            return g.version != seenVersion;
        } finally {
            g.waiters--;
            g.lock.unlock();
        }
    }

    /** Pollers waiting on the list now (for the limit of pollers per task list). */
    public int waiters(String taskList) {
        Gate g = gates.get(taskList);
        return g == null ? 0 : g.waiters;
    }

    private Gate gate(String taskList) {
        return gates.computeIfAbsent(taskList, id -> new Gate());
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
