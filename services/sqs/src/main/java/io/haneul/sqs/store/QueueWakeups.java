package io.haneul.sqs.store;

import io.haneul.storage.Notifier;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long polls when a message arrives: one condition per queue that waiters park on (virtual
 * threads, so thousands of waiters cost little), signalled by sends on this node directly and by
 * other nodes through the database's {@link Notifier}. A version counter closes the race between a
 * waiter's empty read and its wait.
 */
public final class QueueWakeups implements AutoCloseable {

    static final String CHANNEL = "sqs_message";

    private static final class Gate {
        final ReentrantLock lock = new ReentrantLock();
        final Condition arrived = lock.newCondition();
        volatile long version;
        int waiters;
    }

    private final ConcurrentHashMap<Long, Gate> gates = new ConcurrentHashMap<>();
    private final Notifier notifier;
    private final boolean shared;
    private final Notifier.Subscription subscription;

    /** @param shared true when other nodes share the database (PostgreSQL): signals go through it */
    public QueueWakeups(Notifier notifier, boolean shared) {
        this.notifier = notifier;
        this.shared = shared;
        this.subscription = shared ? notifier.subscribe(CHANNEL, payload -> signalLocal(Long.parseLong(payload))) : null;
    }

    /** The queue's current version; pass it to {@link #await} after an empty read. */
    public long version(long queueId) {
        return gate(queueId).version;
    }

    /**
     * Announces new receivable messages on the queue (call after the send committed). This node's
     * waiters wake at once; other nodes' through a coalesced notification ({@link
     * Notifier#publishCoalesced}), so that the caller does not wait for it and a burst of sends to
     * one queue wakes each node once per round, not once per message.
     */
    public void messageArrived(long queueId) {
        if (shared) {
            notifier.publishCoalesced(CHANNEL, Long.toString(queueId));
        } else {
            signalLocal(queueId);
        }
    }

    private void signalLocal(long queueId) {
        Gate g = gates.get(queueId);
        if (g == null) {
            return;
        }
        g.lock.lock();
        try {
            g.version++;
            if (g.waiters > 0) {
                g.arrived.signalAll();
            }
        } finally {
            g.lock.unlock();
        }
    }

    /**
     * Waits until the queue's version moves past {@code seenVersion} or {@code maxWaitMs} pass.
     *
     * @return true when woken by an arrival
     */
    public boolean await(long queueId, long seenVersion, long maxWaitMs) throws InterruptedException {
        Gate g = gate(queueId);
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

    private Gate gate(long queueId) {
        return gates.computeIfAbsent(queueId, id -> new Gate());
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
