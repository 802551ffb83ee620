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
 */
final class BackendPool implements AutoCloseable {

    /** One destination's idle connections and the calls that hold or wait for a lease on it. */
    private static final class Slot {
        final Deque<BackendConnection> idle = new ConcurrentLinkedDeque<>();
        final AtomicInteger idleCount = new AtomicInteger();
        final Semaphore leases;
        /** Calls holding or waiting for a lease; changed only inside the map's compute for this destination. */
        int claims;

        Slot(int maxInUse) {
            this.leases = new Semaphore(maxInUse, true);
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

        /** An idle connection still open, or null when there is none. */
        BackendConnection take() {
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

        /** Keeps a connection whose last answer left it reusable (or closes it when enough are kept). */
        void give(BackendConnection c) {
            long now = nanoTime.getAsLong();
            if (slot.idleCount.incrementAndGet() > maxIdlePerDestination) {
                slot.idleCount.decrementAndGet();
                c.close();
            } else {
                c.idleFrom(now);
                slot.idle.offerFirst(c);
            }
            sweepIfDue(now);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                slot.leases.release();
                release(destination);
            }
        }
    }

    private final Map<BackendDestination, Slot> slots = new ConcurrentHashMap<>();
    private final int maxIdlePerDestination;
    private final int maxInUsePerDestination;
    private final long maxIdleNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong lastSweep;

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
        Slot slot = slots.compute(destination, (d, s) -> {
            Slot claimed = s == null ? new Slot(maxInUsePerDestination) : s;
            claimed.claims++;
            return claimed;
        });
        boolean held = false;
        try {
            held = slot.leases.tryAcquire(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } finally {
            if (!held) {
                release(destination);
            }
        }
        return held ? new Lease(destination, slot) : null;
    }

    /** Ends one claim; a destination with no claim and no idle connection is forgotten. */
    private void release(BackendDestination destination) {
        slots.computeIfPresent(destination, (d, s) -> --s.claims == 0 && s.idle.isEmpty() ? null : s);
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
            slots.computeIfPresent(e.getKey(), (d, s) -> s.claims == 0 && s.idle.isEmpty() ? null : s);
        }
    }

    @Override
    public void close() {
        for (Slot slot : slots.values()) {
            BackendConnection c;
            while ((c = slot.idle.pollFirst()) != null) {
                slot.idleCount.decrementAndGet();
                c.close();
            }
        }
    }
}
