package io.haneul.lambda.exec;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentPoolTest {

    static final class Fake implements PooledEnvironment {
        final String id;
        final String key;
        boolean alive = true;
        int stops;

        Fake(String id, String key) {
            this.id = id;
            this.key = key;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public boolean alive() {
            return alive;
        }

        @Override
        public void stop() {
            alive = false;
            stops++;
        }
    }

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final EnvironmentPool<Fake> pool = new EnvironmentPool<>(clock, Duration.ofSeconds(60));
    final AtomicInteger started = new AtomicInteger();

    Fake start(String key) {
        return new Fake("env-" + started.incrementAndGet(), key);
    }

    @Test
    void busyEnvironmentsAreNotSharedAndIdleOnesAreReused() {
        Fake a = pool.acquire("f@1", () -> start("f@1"));
        Fake b = pool.acquire("f@1", () -> start("f@1"));
        assertNotSame(a, b, "one invocation at a time per environment");
        pool.release(a);
        assertSame(a, pool.acquire("f@1", () -> start("f@1")));
        assertEquals(2, started.get());
        assertSame(b, pool.byId(b.id()).orElseThrow(), "busy environments are found by id");
    }

    @Test
    void anotherRevisionNeverGetsAnOldEnvironment() {
        Fake old = pool.acquire("f@1", () -> start("f@1"));
        pool.release(old);
        Fake fresh = pool.acquire("f@2", () -> start("f@2"));
        assertNotSame(old, fresh);
        assertEquals(1, pool.stopIdleOf(k -> k.startsWith("f@")));
        assertEquals(1, old.stops);
        assertTrue(fresh.alive());
    }

    @Test
    void deadEnvironmentsAreSkipped() {
        Fake a = pool.acquire("f@1", () -> start("f@1"));
        pool.release(a);
        a.alive = false;
        Fake b = pool.acquire("f@1", () -> start("f@1"));
        assertNotSame(a, b);
        assertTrue(pool.byId(a.id()).isEmpty());
    }

    @Test
    void idleEnvironmentsStopAfterTheIdleTime() {
        Fake a = pool.acquire("f@1", () -> start("f@1"));
        Fake busy = pool.acquire("f@1", () -> start("f@1"));
        pool.release(a);
        clock.now = clock.now.plusSeconds(59);
        assertEquals(0, pool.stopIdle());
        clock.now = clock.now.plusSeconds(2);
        assertEquals(1, pool.stopIdle());
        assertEquals(1, a.stops);
        assertEquals(0, busy.stops, "a busy environment is never stopped as idle");
        assertEquals(1, pool.size());
    }

    @Test
    void discardStopsAndForgets() {
        Fake a = pool.acquire("f@1", () -> start("f@1"));
        pool.discard(a);
        assertEquals(1, a.stops);
        assertEquals(0, pool.size());
    }

    @Test
    void anAccountsLimitEvictsIdleEnvironmentsThenThrottles() {
        Fake idleOfOther = pool.acquire("a/other@1", "a/", 2, () -> start("a/other@1"));
        pool.release(idleOfOther);
        Fake busy = pool.acquire("a/f@1", "a/", 2, () -> start("a/f@1"));
        Fake second = pool.acquire("a/f@1", "a/", 2, () -> start("a/f@1"));
        assertEquals(1, idleOfOther.stops, "an idle environment of the account made room");
        assertThrows(EnvironmentPool.LimitExceeded.class, () -> pool.acquire("a/f@1", "a/", 2, () -> start("a/f@1")));
        assertNotSame(busy, pool.acquire("b/f@1", "b/", 2, () -> start("b/f@1")), "other accounts are not limited by it");
        pool.release(second);
        assertSame(second, pool.acquire("a/f@1", "a/", 2, () -> start("a/f@1")), "a warm one is reused at the limit");
    }

    @Test
    void closeStopsBusyAndIdleAndRefusesMore() {
        Fake idle = pool.acquire("f@1", () -> start("f@1"));
        Fake busy = pool.acquire("f@1", () -> start("f@1"));
        pool.release(idle);
        pool.close();
        assertEquals(1, idle.stops);
        assertEquals(1, busy.stops);
        assertThrows(IllegalStateException.class, () -> pool.acquire("f@1", () -> start("f@1")));
        pool.release(busy);
        assertEquals(0, pool.size());
    }

    @Test
    void aFunctionsReservedLimitThrottlesItAloneWhileTheAccountHasRoom() {
        Fake first = pool.acquire("a/f@1", "a/", 10, "a/f@", 2, () -> start("a/f@1"));
        Fake second = pool.acquire("a/f@1", "a/", 10, "a/f@", 2, () -> start("a/f@1"));
        EnvironmentPool.LimitExceeded refused = assertThrows(EnvironmentPool.LimitExceeded.class,
                () -> pool.acquire("a/f@1", "a/", 10, "a/f@", 2, () -> start("a/f@1")));
        assertTrue(refused.reserved(), "the function's own limit, not the account's");
        assertEquals(2, started.get());
        Fake other = pool.acquire("a/g@1", "a/", 10, "a/g@", Integer.MAX_VALUE, () -> start("a/g@1"));
        assertNotSame(first, other);
        pool.release(first);
        assertSame(first, pool.acquire("a/f@1", "a/", 10, "a/f@", 2, () -> start("a/f@1")), "a warm one is reused at the limit");
        pool.release(second);
        pool.release(first);
    }

    @Test
    void atTheReservedLimitAnIdleEnvironmentOfAnOlderRevisionMakesRoom() {
        Fake old = pool.acquire("a/f@1", "a/", 10, "a/f@", 1, () -> start("a/f@1"));
        pool.release(old);
        Fake fresh = pool.acquire("a/f@2", "a/", 10, "a/f@", 1, () -> start("a/f@2"));
        assertEquals(1, old.stops, "the old revision's idle environment was stopped");
        assertEquals("a/f@2", fresh.key());
        assertEquals(1, pool.size());
    }

    @Test
    void aReservedLimitOfZeroRefusesEveryInvocation() {
        EnvironmentPool.LimitExceeded refused = assertThrows(EnvironmentPool.LimitExceeded.class,
                () -> pool.acquire("a/f@1", "a/", 10, "a/f@", 0, () -> start("a/f@1")));
        assertTrue(refused.reserved());
        assertEquals(0, started.get());
    }

    @Test
    void aReservedLimitOfZeroRefusesAWarmEnvironmentToo() {
        Fake warm = pool.acquire("a/f@1", "a/", 10, "a/f@", 5, () -> start("a/f@1"));
        pool.release(warm);
        EnvironmentPool.LimitExceeded refused = assertThrows(EnvironmentPool.LimitExceeded.class,
                () -> pool.acquire("a/f@1", "a/", 10, "a/f@", 0, () -> start("a/f@1")));
        assertTrue(refused.reserved());
        assertSame(warm, pool.acquire("a/f@1", "a/", 10, "a/f@", 5, () -> start("a/f@1")), "still warm once the reservation allows it");
    }

    @Test
    void theAccountLimitStillAppliesToAFunctionBelowItsReservation() {
        pool.acquire("a/g@1", "a/", 1, "a/g@", Integer.MAX_VALUE, () -> start("a/g@1"));
        EnvironmentPool.LimitExceeded refused = assertThrows(EnvironmentPool.LimitExceeded.class,
                () -> pool.acquire("a/f@1", "a/", 1, "a/f@", 5, () -> start("a/f@1")));
        assertFalse(refused.reserved(), "the account's limit");
    }
}
