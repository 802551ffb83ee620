package io.haneul.core.engine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared budget of buffered bodies: what it admits, what waits, and what is given back. */
class BodyBudgetTest {

    static final Duration NO_WAIT = Duration.ZERO;

    @Test
    void largeBodiesLeaveAnEighthForSmallCalls() throws Exception {
        BodyBudget budget = new BodyBudget(8L << 20);
        assertEquals(7L << 20, budget.largestBody());
        assertTrue(budget.tryReserve(7L << 20, NO_WAIT));
        assertFalse(budget.tryReserve(BodyBudget.SMALL + 1, NO_WAIT), "a large body may not take the headroom");
        assertTrue(budget.tryReserve(BodyBudget.SMALL, NO_WAIT), "an ordinary call still fits");
        budget.release(7L << 20);
        budget.release(BodyBudget.SMALL);
        assertEquals(0, budget.reserved());
    }

    @Test
    void aWaiterGetsInWhenBytesAreReleasedAndGivesUpAtItsDeadline() throws Exception {
        BodyBudget budget = new BodyBudget(1L << 20);
        assertTrue(budget.tryReserve(800_000, NO_WAIT));
        long start = System.nanoTime();
        assertFalse(budget.tryReserve(200_000, Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= 90_000_000L, "it waited");
        Thread.ofVirtual().start(() -> {
            sleep(50);
            budget.release(800_000);
        });
        assertTrue(budget.tryReserve(200_000, Duration.ofSeconds(5)));
        assertFalse(budget.tryReserve(2L << 20, Duration.ofSeconds(5)), "never fits: refused at once");
    }

    @Test
    void largeReservationsAreServedInTheOrderAsked() throws Exception {
        BodyBudget budget = new BodyBudget(8L << 20); // 7 MiB for large bodies
        assertTrue(budget.tryReserve(6L << 20, NO_WAIT));
        java.util.concurrent.CompletableFuture<Boolean> first = java.util.concurrent.CompletableFuture.supplyAsync(() -> reserve(budget, 4L << 20));
        Thread.sleep(100); // the 4 MiB body is waiting first
        assertFalse(budget.tryReserve(512 * 1024, Duration.ofMillis(50)), "a later step may not overtake it, though it would fit");
        budget.release(6L << 20);
        assertTrue(first.get());
        assertTrue(budget.tryReserve(512 * 1024, NO_WAIT));
    }

    private static boolean reserve(BodyBudget budget, long bytes) {
        try {
            return budget.tryReserve(bytes, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBodyReservesWhatItHoldsUntilClosed() throws Exception {
        BodyBudget budget = new BodyBudget(16L << 20);
        byte[] data = new byte[700_000];
        data[699_999] = 7;
        try (BufferedBody declared = BufferedBody.read(new ByteArrayInputStream(data), data.length, 1L << 20, budget, NO_WAIT)) {
            assertEquals(BufferedBody.Outcome.READ, declared.outcome());
            assertEquals(700_000, budget.reserved());
            try (BufferedBody chunked = BufferedBody.read(new ByteArrayInputStream(data), -1, 1L << 20, budget, NO_WAIT)) {
                assertArrayEquals(data, chunked.bytes());
                assertEquals(1_400_000, budget.reserved(), "the joined copy only");
            }
        }
        assertEquals(0, budget.reserved());
        try (BufferedBody tooLarge = BufferedBody.read(new ByteArrayInputStream(data), -1, 500_000, budget, NO_WAIT)) {
            assertEquals(BufferedBody.Outcome.TOO_LARGE, tooLarge.outcome());
        }
        assertEquals(0, budget.reserved());
    }

    @Test
    void aBodyIsReadToItsEndWhateverItDeclared() throws Exception {
        BodyBudget budget = new BodyBudget(16L << 20);
        try (BufferedBody longer = BufferedBody.read(new ByteArrayInputStream(new byte[1001]), 1000, 1L << 20, budget, NO_WAIT)) {
            assertEquals(BufferedBody.Outcome.TOO_LARGE, longer.outcome());
        }
        try (BufferedBody shorter = BufferedBody.read(new ByteArrayInputStream(new byte[999]), 1000, 1L << 20, budget, NO_WAIT)) {
            assertEquals(999, shorter.bytes().length);
        }
        assertEquals(0, budget.reserved());
        BodyBudget small = new BodyBudget(1L << 20);
        try (BufferedBody never = BufferedBody.read(new ByteArrayInputStream(new byte[0]), 1L << 20, 10L << 20, small, NO_WAIT)) {
            assertEquals(BufferedBody.Outcome.TOO_LARGE, never.outcome(), "more than the budget can ever hold");
        }
    }

    @Test
    void aBodyThatFindsNoRoomIsBusyAndReadsNothing() throws Exception {
        BodyBudget budget = new BodyBudget(1L << 20);
        assertTrue(budget.tryReserve(900_000, NO_WAIT));
        InputStream untouched = new ByteArrayInputStream(new byte[300_000]);
        try (BufferedBody busy = BufferedBody.read(untouched, 300_000, 1L << 20, budget, Duration.ofMillis(20))) {
            assertEquals(BufferedBody.Outcome.BUSY, busy.outcome());
        }
        assertEquals(300_000, untouched.available(), "not a byte was read");
        assertEquals(900_000, budget.reserved());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
