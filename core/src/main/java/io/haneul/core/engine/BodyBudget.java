package io.haneul.core.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes of request bodies this server may hold in memory at once, across all requests in
 * flight ({@code --max-buffered-bytes}). Whoever buffers a body (the listener, or
 * {@link RequestBody#readAll} for a streamed body an operation parses) reserves what it is about to
 * hold before reading it and gives it back once the request is answered, so that many concurrent
 * large bodies (signed or not: a body is read before its signature can be checked) wait or are
 * refused with 503 instead of exhausting the heap. Streamed bodies (S3 objects) are never reserved:
 * they are not held.
 *
 * <p>Bodies over {@link #SMALL} bytes may not take the last eighth of the budget: ordinary API
 * calls (a few KiB) still get through while large bodies fill the rest. Those larger reservations
 * are granted in the order they were asked for, so that bodies growing step by step (chunked) do
 * not keep taking what is released while a body of declared length waits for all of its bytes;
 * a growing body waits only briefly for its next step, then gives up and releases what it held.
 *
 * <p>One per server instance; thread-safe. A waiter is woken whenever bytes are released.
 */
public final class BodyBudget {

    /** How long a body waits for room before it is answered 503 (AWS's SDKs then retry with back-off). */
    public static final Duration WAIT = Duration.ofSeconds(2);

    /** Reservations up to this size may use the whole budget; larger ones leave {@code capacity / 8} free. */
    public static final long SMALL = 64 * 1024;

    private final long capacity;
    private final long headroom;
    private final ReentrantLock lock = new ReentrantLock();
    /** Large reservations waiting, served in arrival order (so many small steps cannot starve one large body). */
    private final java.util.ArrayDeque<Object> queue = new java.util.ArrayDeque<>();
    private final Condition released = lock.newCondition();
    private long reserved;

    /** @param capacity the most bytes reserved at once; at least 1 */
    public BodyBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a body budget needs at least one byte, not " + capacity);
        }
        this.capacity = capacity;
        this.headroom = capacity / 8;
    }

    /** The largest body that can ever be buffered: one larger is too large for this server. */
    public long largestBody() {
        return Math.max(SMALL, capacity - headroom);
    }

    /** Bytes reserved now (for metrics and tests). */
    public long reserved() {
        lock.lock();
        try {
            return reserved;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reserves {@code bytes}, waiting at most {@code wait} for others to release enough.
     *
     * @return false when the bytes could not be had in time (or never can: more than {@link #largestBody})
     */
    public boolean tryReserve(long bytes, Duration wait) throws InterruptedException {
        if (bytes <= 0) {
            return true;
        }
        long usable = bytes <= SMALL ? capacity : capacity - headroom;
        if (bytes > usable) {
            return false;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        boolean small = bytes <= SMALL;
        Object ticket = new Object();
        lock.lock();
        try {
            if (!small) {
                queue.addLast(ticket);
            }
            while ((!small && queue.peekFirst() != ticket) || usable - reserved < bytes) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                released.await(left, TimeUnit.NANOSECONDS);
            }
            reserved += bytes;
            return true;
        } finally {
            if (!small) {
                queue.remove(ticket);
                released.signalAll(); // the next in line may go now
            }
            lock.unlock();
        }
    }

    /** Gives back bytes an earlier {@link #tryReserve} took. */
    public void release(long bytes) {
        if (bytes <= 0) {
            return;
        }
        lock.lock();
        try {
            reserved = Math.max(0, reserved - bytes);
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
