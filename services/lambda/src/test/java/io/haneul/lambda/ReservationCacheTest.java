package io.haneul.lambda;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReservationCacheTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private final HandClock clock = new HandClock();
    private final ReservationCache cache = new ReservationCache(clock);
    private final AtomicInteger reads = new AtomicInteger();
    private OptionalInt stored = OptionalInt.of(5);

    private OptionalInt get(String name) {
        return cache.get("a", "r", name, () -> {
            reads.incrementAndGet();
            return stored;
        });
    }

    @Test
    void aValueIsReadOnceWhileFresh() {
        assertEquals(OptionalInt.of(5), get("f"));
        assertEquals(OptionalInt.of(5), get("f"));
        clock.millis += ReservationCache.FRESH_FOR.toMillis() - 1;
        assertEquals(OptionalInt.of(5), get("f"));
        assertEquals(1, reads.get());
        get("g");
        assertEquals(2, reads.get(), "each function has its own");
    }

    @Test
    void aChangeOnAnotherNodeIsSeenOnceTheHeldValueIsTooOld() {
        get("f");
        stored = OptionalInt.of(0);
        assertEquals(OptionalInt.of(5), get("f"), "within the bound the held value answers");
        clock.millis += ReservationCache.FRESH_FOR.toMillis();
        assertEquals(OptionalInt.of(0), get("f"));
        clock.millis -= 10 * ReservationCache.FRESH_FOR.toMillis();
        stored = OptionalInt.empty();
        assertEquals(OptionalInt.empty(), get("f"), "a clock set back does not keep a value longer");
    }

    @Test
    void aChangeHereIsSeenAtOnce() {
        get("f");
        stored = OptionalInt.empty();
        cache.forget("a", "r", "f");
        assertEquals(OptionalInt.empty(), get("f"));
        assertEquals(2, reads.get());
    }

    @Test
    void aReadThatRacedWithAChangeIsNotKept() {
        assertEquals(OptionalInt.of(5), cache.get("a", "r", "f", () -> {
            cache.forget("a", "r", "f"); // PutFunctionConcurrency between the read and keeping its value
            return OptionalInt.of(5);
        }));
        stored = OptionalInt.of(7);
        assertEquals(OptionalInt.of(7), get("f"));
    }
}
