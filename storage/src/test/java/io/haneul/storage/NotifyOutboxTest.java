package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The outbox sends what gathered while a round was out as one round, each distinct message once. */
class NotifyOutboxTest {

    @Test
    void messagesQueuedDuringARoundGoOutTogetherOnceEach() throws Exception {
        List<List<String>> rounds = new CopyOnWriteArrayList<>();
        CountDownLatch firstRoundStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstRound = new CountDownLatch(1);
        CountDownLatch secondRoundSent = new CountDownLatch(1);
        NotifyOutbox outbox = new NotifyOutbox(round -> {
            rounds.add(round);
            if (rounds.size() == 1) {
                firstRoundStarted.countDown();
                await(releaseFirstRound);
            } else {
                secondRoundSent.countDown();
            }
        });
        outbox.add("queue 1");
        assertTrue(firstRoundStarted.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            outbox.add("queue 2");
            outbox.add("queue 1");
        }
        outbox.add("queue 3");
        releaseFirstRound.countDown();
        assertTrue(secondRoundSent.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("queue 1"), List.of("queue 2", "queue 1", "queue 3")), rounds);
    }

    @Test
    void aFailedRoundIsDroppedAndLaterMessagesStillGoOut() throws Exception {
        List<List<String>> rounds = new CopyOnWriteArrayList<>();
        CountDownLatch laterSent = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        NotifyOutbox outbox = new NotifyOutbox(round -> {
            if (round.contains("fails")) {
                failed.countDown();
                throw new StorageUnavailableException("database down");
            }
            rounds.add(round);
            laterSent.countDown();
        });
        outbox.add("fails");
        assertTrue(failed.await(10, TimeUnit.SECONDS));
        outbox.add("later");
        assertTrue(laterSent.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("later")), rounds);
    }

    /** An Error in a round ends its thread; the outbox must not stay "draining" for ever (no more wake-ups). */
    @Test
    void anErrorInARoundDoesNotStopLaterRounds() throws Exception {
        List<List<String>> rounds = new CopyOnWriteArrayList<>();
        CountDownLatch laterSent = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        NotifyOutbox outbox = new NotifyOutbox(round -> {
            if (round.contains("fails")) {
                failed.countDown();
                throw new StackOverflowError("deep");
            }
            rounds.add(round);
            laterSent.countDown();
        });
        outbox.add("fails");
        assertTrue(failed.await(10, TimeUnit.SECONDS));
        outbox.add("later");
        assertTrue(laterSent.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("later")), rounds);
    }

    @Test
    void aLargeBacklogGoesOutInBoundedRounds() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        CountDownLatch firstRoundStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstRound = new CountDownLatch(1);
        CountDownLatch allSent = new CountDownLatch(NotifyOutbox.MAX_ROUND + 11);
        NotifyOutbox outbox = new NotifyOutbox(round -> {
            sizes.add(round.size());
            round.forEach(m -> allSent.countDown());
            if (sizes.size() == 1) {
                firstRoundStarted.countDown();
                await(releaseFirstRound);
            }
        });
        outbox.add("first");
        assertTrue(firstRoundStarted.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < NotifyOutbox.MAX_ROUND + 10; i++) {
            outbox.add("queue " + i);
        }
        releaseFirstRound.countDown();
        assertTrue(allSent.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(1, NotifyOutbox.MAX_ROUND, 10), sizes);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
