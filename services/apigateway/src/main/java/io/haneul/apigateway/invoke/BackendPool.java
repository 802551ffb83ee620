package io.haneul.apigateway.invoke;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Idle keep-alive connections by destination, the most recently used taken first (so that a quiet
 * period lets the others age out). A connection idle for longer than {@code maxIdleNanos} is closed
 * rather than reused, and one the backend closed meanwhile is noticed before use
 * ({@link BackendConnection#stillOpen}). At most {@code maxIdlePerDestination} are kept per
 * destination; the number of connections in use is not limited (each call holds its own).
 */
final class BackendPool implements AutoCloseable {

    private record Idle(Deque<BackendConnection> connections, AtomicInteger count) {
    }

    private final Map<BackendDestination, Idle> idle = new ConcurrentHashMap<>();
    private final int maxIdlePerDestination;
    private final long maxIdleNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong lastSweep;

    /** @param nanoTime the monotonic clock idle times are measured with */
    BackendPool(int maxIdlePerDestination, long maxIdleMillis, LongSupplier nanoTime) {
        this.maxIdlePerDestination = maxIdlePerDestination;
        this.maxIdleNanos = TimeUnit.MILLISECONDS.toNanos(maxIdleMillis);
        this.nanoTime = nanoTime;
        this.lastSweep = new AtomicLong(nanoTime.getAsLong());
    }

    /** An idle connection still open, or null when there is none. */
    BackendConnection take(BackendDestination destination) {
        Idle slot = idle.get(destination);
        if (slot == null) {
            return null;
        }
        long now = nanoTime.getAsLong();
        BackendConnection c;
        while ((c = slot.connections().pollFirst()) != null) {
            slot.count().decrementAndGet();
            if (now - c.idleSince() < maxIdleNanos && c.stillOpen()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    /** Keeps a connection whose last answer left it reusable (or closes it when enough are kept). */
    void give(BackendDestination destination, BackendConnection c) {
        Idle slot = idle.computeIfAbsent(destination, d -> new Idle(new ConcurrentLinkedDeque<>(), new AtomicInteger()));
        long now = nanoTime.getAsLong();
        if (slot.count().incrementAndGet() > maxIdlePerDestination) {
            slot.count().decrementAndGet();
            c.close();
        } else {
            c.idleFrom(now);
            slot.connections().offerFirst(c);
        }
        long swept = lastSweep.get();
        if (now - swept > maxIdleNanos && lastSweep.compareAndSet(swept, now)) {
            sweep(now);
        }
    }

    /** Closes every connection idle for too long, at the quiet end of each destination's queue. */
    private void sweep(long now) {
        for (Idle slot : idle.values()) {
            BackendConnection oldest;
            while ((oldest = slot.connections().peekLast()) != null && now - oldest.idleSince() >= maxIdleNanos) {
                if (slot.connections().removeLastOccurrence(oldest)) {
                    slot.count().decrementAndGet();
                    oldest.close();
                }
            }
        }
    }

    @Override
    public void close() {
        for (Idle slot : idle.values()) {
            BackendConnection c;
            while ((c = slot.connections().pollFirst()) != null) {
                slot.count().decrementAndGet();
                c.close();
            }
        }
    }
}
