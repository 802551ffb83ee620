package io.haneul.lambda;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Functions' reserved concurrency held in memory, because the runner needs it at every invocation
 * and a store read there costs more than the rest of a warm invoke's bookkeeping. A change made
 * through this server (PutFunctionConcurrency, DeleteFunctionConcurrency) is forgotten here at once;
 * a change made by another server on the same PostgreSQL database is seen here at most
 * {@link #FRESH_FOR} later, when the held value is read again.
 */
final class ReservationCache {

    /** How long a value read from the store is trusted: the bound on what another node's change takes to apply here. */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private record Held(OptionalInt reserved, long readAtMillis) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    /** Counts {@link #forget} calls, so that a read that raced with one does not keep the value it replaced. */
    private final AtomicLong changes = new AtomicLong();
    private final Clock clock;

    ReservationCache(Clock clock) {
        this.clock = clock;
    }

    /** The held reservation of the function, or {@code read}'s answer when none is held or it is older than {@link #FRESH_FOR}. */
    OptionalInt get(String account, String region, String name, Supplier<OptionalInt> read) {
        String key = key(account, region, name);
        long now = clock.millis();
        Held h = held.get(key);
        if (h != null && Math.abs(now - h.readAtMillis()) < FRESH_FOR.toMillis()) {
            return h.reserved();
        }
        long before = changes.get();
        OptionalInt reserved = read.get();
        if (changes.get() == before) {
            held.put(key, new Held(reserved, now));
        }
        return reserved;
    }

    /** Drops what is held for the function (its reservation was just changed here). */
    void forget(String account, String region, String name) {
        changes.incrementAndGet();
        held.remove(key(account, region, name));
    }

    private static String key(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }
}
