package io.haneul.apigateway.invoke;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Connections by destination. A call first takes a {@link Lease}, one of at most
 * {@code maxInUsePerDestination} per destination (waiting, within its deadline, for one to come
 * free), and through it an idle keep-alive connection, the most recently used first (so that a quiet
 * period lets the others age out). A connection idle for longer than {@code maxIdleNanos} is closed
 * rather than reused, and one the backend closed meanwhile is noticed before use
 * ({@link BackendConnection#stillOpen}). At most {@code maxIdlePerDestination} are kept per
 * destination. Every take and give also sweeps, at most once per idle period, every destination's
 * connections idle for too long, and forgets destinations left with no connection and no call.
 * Once the pool is closed it keeps nothing: a connection given back is closed, and none is taken.
 */
final class BackendPool implements AutoCloseable {

    /**
     * One destination's idle connections and the calls that hold or wait for a lease on it. A call
     * claims the slot with a compare-and-set on {@code claims}, without locking the map (64 calls at once
     * to one backend contended for the map's lock on its entry); a slot left with no claim and no idle
     * connection is retired ({@code claims} -1, never claimed again) and removed, and a call that finds
     * it retired makes a new one.
     */
    private static final class Slot {
        final Deque<BackendConnection> idle = new ConcurrentLinkedDeque<>();
        final AtomicInteger idleCount = new AtomicInteger();
        final Semaphore leases;
        /** Calls holding or waiting for a lease; -1 once retired. */
        final AtomicInteger claims = new AtomicInteger();

        Slot(int maxInUse) {
            this.leases = new Semaphore(maxInUse, true);
        }

        /** One more claim, unless the slot is retired. */
        boolean claim() {
            int c;
            do {
                c = claims.get();
                if (c < 0) {
                    return false;
                }
            } while (!claims.compareAndSet(c, c + 1));
            return true;
        }

        /** Ends one claim; true when it was the last and no connection is idle (the slot may be retired). */
        boolean unclaim() {
            return claims.decrementAndGet() == 0 && idle.isEmpty();
        }

        /**
         * Retires the slot when nobody claims it and it keeps no connection; one given back between the
         * check and the retirement is closed (nobody could take it from a retired slot).
         */
        boolean retireIfUnused() {
            if (!idle.isEmpty() || !claims.compareAndSet(0, -1)) {
                return false;
            }
            closeIdle();
            return true;
        }

        void closeIdle() {
            BackendConnection c;
            while ((c = idle.pollFirst()) != null) {
                idleCount.decrementAndGet();
                c.close();
            }
        }
    }

    /** A call's right to use one connection to a destination; closing it gives the right back. */
    final class Lease implements AutoCloseable {
        private final BackendDestination destination;
        private final Slot slot;
        private boolean closed;

        private Lease(BackendDestination destination, Slot slot) {
            this.destination = destination;
            this.slot = slot;
        }

        /** An idle connection still open, or null when there is none (always, once the pool is closed). */
        BackendConnection take() {
            if (poolClosed) {
                slot.closeIdle();
                return null;
            }
            long now = nanoTime.getAsLong();
            sweepIfDue(now);
            BackendConnection c;
            while ((c = slot.idle.pollFirst()) != null) {
                slot.idleCount.decrementAndGet();
                if (now - c.idleSince() < maxIdleNanos && c.stillOpen()) {
                    return c;
                }
                c.close();
            }
            return null;
        }

        /** Keeps a connection whose last answer left it reusable (or closes it when enough are kept, or the pool is closed). */
        void give(BackendConnection c) {
            if (poolClosed) {
                c.close();
                return;
            }
            long now = nanoTime.getAsLong();
            if (slot.idleCount.incrementAndGet() > maxIdlePerDestination) {
                slot.idleCount.decrementAndGet();
                c.close();
            } else {
                c.idleFrom(now);
                slot.idle.offerFirst(c);
                if (poolClosed) {
                    slot.closeIdle(); // the pool closed meanwhile and may have missed this one
                }
            }
            sweepIfDue(now);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                slot.leases.release();
                release(destination, slot);
            }
        }
    }

    private final Map<BackendDestination, Slot> slots = new ConcurrentHashMap<>();
    private final int maxIdlePerDestination;
    private final int maxInUsePerDestination;
    private final long maxIdleNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong lastSweep;
    /** Set once by {@link #close}; checked after a connection is kept, so that none outlives the pool. */
    private volatile boolean poolClosed;

    /** @param nanoTime the monotonic clock idle times are measured with */
    BackendPool(int maxIdlePerDestination, int maxInUsePerDestination, long maxIdleMillis, LongSupplier nanoTime) {
        this.maxIdlePerDestination = maxIdlePerDestination;
        this.maxInUsePerDestination = maxInUsePerDestination;
        this.maxIdleNanos = TimeUnit.MILLISECONDS.toNanos(maxIdleMillis);
        this.nanoTime = nanoTime;
        this.lastSweep = new AtomicLong(nanoTime.getAsLong());
    }

    /** A lease on the destination, or null when none came free within {@code waitNanos}. */
    Lease lease(BackendDestination destination, long waitNanos) throws InterruptedException {
        Slot slot = claimed(destination);
        boolean held = false;
        try {
            held = slot.leases.tryAcquire(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } finally {
            if (!held) {
                release(destination, slot);
            }
        }
        return held ? new Lease(destination, slot) : null;
    }

    /** The destination's slot with one more claim: the live one, or a new one in place of a retired one. */
    private Slot claimed(BackendDestination destination) {
        while (true) {
            Slot slot = slots.get(destination);
            if (slot == null || slot.claims.get() < 0) {
                slot = slots.compute(destination, (d, s) -> s == null || s.claims.get() < 0 ? new Slot(maxInUsePerDestination) : s);
            }
            if (slot.claim()) {
                return slot;
            }
        }
    }

    /** Ends one claim; a destination with no claim and no idle connection is forgotten. */
    private void release(BackendDestination destination, Slot slot) {
        if (slot.unclaim()) {
            slots.computeIfPresent(destination, (d, s) -> s == slot && s.retireIfUnused() ? null : s);
        }
    }

    /** How many destinations are remembered. */
    int destinations() {
        return slots.size();
    }

    private void sweepIfDue(long now) {
        long swept = lastSweep.get();
        if (now - swept > maxIdleNanos && lastSweep.compareAndSet(swept, now)) {
            sweep(now);
        }
    }

    /** Closes every connection idle for too long, at the quiet end of each destination's queue. */
    private void sweep(long now) {
        for (Map.Entry<BackendDestination, Slot> e : slots.entrySet()) {
            Slot slot = e.getValue();
            BackendConnection oldest;
            while ((oldest = slot.idle.peekLast()) != null && now - oldest.idleSince() >= maxIdleNanos) {
                if (slot.idle.removeLastOccurrence(oldest)) {
                    slot.idleCount.decrementAndGet();
                    oldest.close();
                }
            }
            slots.computeIfPresent(e.getKey(), (d, s) -> s.retireIfUnused() ? null : s);
        }
    }

    /** Closes every idle connection, and from now on every connection given back. */
    @Override
    public void close() {
        poolClosed = true;
        for (Slot slot : slots.values()) {
            slot.closeIdle();
        }
    }
}
