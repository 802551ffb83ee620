package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link DurableScheduler}: once, retries, death, cancel, lease take-over, wake-ups, several nodes. */
abstract class SchedulerContract extends StorageContract {
    static final SchedulerOptions FAST_RETRY = SchedulerOptions.defaults()
            .withMaxAttempts(3).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    DurableScheduler scheduler(Database database, Clock c, SchedulerOptions options) {
        return closeLater(new DurableScheduler(database, c, options));
    }

    @Test
    void aJobRunsOnceWhenDueAndIsThenGone() {
        DurableScheduler s = scheduler(db, clock, FAST_RETRY);
        List<Job> seen = new CopyOnWriteArrayList<>();
        s.register("greet", seen::add);
        String id = s.schedule("greet", "user-1", "{\"hi\":1}", clock.instant().plusSeconds(10));
        assertEquals(0, s.runDueJobsNow());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, s.runDueJobsNow());
        assertEquals(0, s.runDueJobsNow());
        assertEquals(1, seen.size());
        Job job = seen.get(0);
        assertEquals(id, job.id());
        assertEquals("user-1", job.key());
        assertEquals("{\"hi\":1}", job.payload());
        assertEquals(1, job.attempts());
        assertTrue(s.find(id).isEmpty());
    }

    @Test
    void aFailingJobIsRetriedWithExponentialBackoffThenMarkedDead() {
        DurableScheduler s = scheduler(db, clock, FAST_RETRY);
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        s.register("flaky", job -> {
            attempts.add(job.attempts());
            throw new IllegalStateException("downstream unavailable");
        });
        String id = s.schedule("flaky", "k", null, clock.instant());
        assertEquals(1, s.runDueJobsNow());
        clock.advance(Duration.ofMillis(999));
        assertEquals(0, s.runDueJobsNow());
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, s.runDueJobsNow());
        clock.advance(Duration.ofMillis(1999));
        assertEquals(0, s.runDueJobsNow());
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, s.runDueJobsNow());
        clock.advance(Duration.ofDays(1));
        assertEquals(0, s.runDueJobsNow());
        assertEquals(List.of(1, 2, 3), attempts);
        Job dead = s.find(id).orElseThrow();
        assertEquals(Job.State.DEAD, dead.state());
        assertEquals(3, dead.attempts());
        assertTrue(dead.lastError().contains("downstream unavailable"), dead.lastError());
        assertFalse(s.cancel(id), "dead jobs are not pending");
    }

    @Test
    void aRetryThatSucceedsCompletesTheJob() {
        DurableScheduler s = scheduler(db, clock, FAST_RETRY);
        AtomicInteger calls = new AtomicInteger();
        s.register("once-flaky", job -> {
            if (calls.incrementAndGet() == 1) {
                throw new java.io.IOException("first try fails");
            }
        });
        String id = s.schedule("once-flaky", "k", "p", clock.instant());
        assertEquals(1, s.runDueJobsNow());
        assertEquals(Job.State.PENDING, s.find(id).orElseThrow().state());
        assertTrue(s.find(id).orElseThrow().lastError().contains("first try fails"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, s.runDueJobsNow());
        assertTrue(s.find(id).isEmpty());
        assertEquals(2, calls.get());
    }

    @Test
    void cancelledJobsDoNotRun() {
        DurableScheduler s = scheduler(db, clock, FAST_RETRY);
        List<String> ran = new CopyOnWriteArrayList<>();
        s.register("timer", job -> ran.add(job.payload()));
        String one = s.schedule("timer", "a", "one", clock.instant().plusSeconds(5));
        s.schedule("timer", "b", "b1", clock.instant().plusSeconds(5));
        s.schedule("timer", "b", "b2", clock.instant().plusSeconds(6));
        s.schedule("timer", "c", "c1", clock.instant().plusSeconds(5));
        assertTrue(s.cancel(one));
        assertFalse(s.cancel(one));
        assertEquals(2, s.cancelByKey("timer", "b"));
        assertEquals(0, s.cancelByKey("other-kind", "c"));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, s.runDueJobsNow());
        assertEquals(List.of("c1"), ran);
    }

    @Test
    void aJobScheduledInsideTheCallersTransactionExistsOnlyIfItCommits() {
        DurableScheduler s = scheduler(db, clock, FAST_RETRY);
        s.register("tx", job -> { });
        assertThrows(IllegalStateException.class, () -> db.write(c -> {
            s.schedule(c, "tx", "k", null, clock.instant());
            throw new IllegalStateException("caller's work failed");
        }));
        assertEquals(0, s.runDueJobsNow());
        String id = db.write(c -> s.schedule(c, "tx", "k", null, clock.instant()));
        assertTrue(s.find(id).isPresent());
        assertEquals(1, s.runDueJobsNow());
    }

    @Test
    void aNodeOnlyClaimsKindsItHandles() {
        DurableScheduler a = scheduler(db, clock, FAST_RETRY);
        DurableScheduler b = scheduler(openNode(), clock, FAST_RETRY);
        a.register("mine", job -> { });
        b.register("yours", job -> { });
        a.schedule("yours", "k", null, clock.instant());
        assertEquals(0, a.runDueJobsNow());
        assertEquals(1, b.runDueJobsNow());
    }

    @Test
    void aJobLeasedByADeadNodeRunsElsewhereOnceTheLeaseExpires() {
        SchedulerOptions options = FAST_RETRY.withLeaseDuration(Duration.ofSeconds(30));
        DurableScheduler dying = scheduler(db, clock, options);
        DurableScheduler survivor = scheduler(openNode(), clock, options);
        List<Job> ran = new CopyOnWriteArrayList<>();
        dying.register("work", job -> { });
        survivor.register("work", ran::add);
        String id = dying.schedule("work", "k", null, clock.instant());
        assertEquals(1, dying.claimDue(10).size()); // claimed, then the node "dies" without finishing
        assertEquals(0, survivor.runDueJobsNow());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(0, survivor.runDueJobsNow());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, survivor.runDueJobsNow());
        assertEquals(id, ran.get(0).id());
        assertEquals(2, ran.get(0).attempts());
        assertTrue(survivor.find(id).isEmpty());
    }

    @Test
    void aRunningJobKeepsItsLeaseWhileItsNodeLives() throws Exception {
        SchedulerOptions options = FAST_RETRY.withLeaseDuration(Duration.ofSeconds(30));
        DurableScheduler busy = scheduler(db, clock, options);
        DurableScheduler other = scheduler(openNode(), clock, options);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        busy.register("long", job -> {
            started.countDown();
            finish.await();
        });
        other.register("long", job -> {
            throw new AssertionError("ran twice");
        });
        busy.start();
        String id = busy.schedule("long", "k", null, clock.instant());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        long firstLease = leaseUntil(id);
        clock.advance(Duration.ofSeconds(20)); // past a third of the lease: time to renew
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (leaseUntil(id) == firstLease && System.nanoTime() < deadline) {
            busy.wake();
            Thread.sleep(10); // waiting for the worker thread, not for time
        }
        assertEquals(firstLease + 20_000, leaseUntil(id));
        clock.advance(Duration.ofSeconds(15)); // the first lease would have expired by now
        assertEquals(0, other.runDueJobsNow());
        finish.countDown();
    }

    long leaseUntil(String id) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT lease_until FROM scheduled_jobs WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void theWorkerWakesAtOnceForAJobDueBeforeItsNextPoll() throws Exception {
        // A real clock and a worker that would otherwise sleep a full minute between polls.
        DurableScheduler s = scheduler(db, Clock.systemUTC(), FAST_RETRY.withMaxIdle(Duration.ofMinutes(1)));
        CountDownLatch ran = new CountDownLatch(2);
        s.register("wake", job -> ran.countDown());
        s.start();
        s.schedule("wake", "now", null, Instant.now());
        s.schedule("wake", "soon", null, Instant.now().plusMillis(200));
        assertTrue(ran.await(10, TimeUnit.SECONDS), "jobs did not run promptly");
    }

    @Test
    void twoNodesRunEachOf200JobsExactlyOnce() throws Exception {
        SchedulerOptions options = SchedulerOptions.defaults().withMaxIdle(Duration.ofMillis(200)).withMaxConcurrent(16);
        DurableScheduler node1 = scheduler(db, Clock.systemUTC(), options);
        DurableScheduler node2 = scheduler(openNode(), Clock.systemUTC(), options);
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, Set<String>> byNode = Map.of("node1", ConcurrentHashMap.newKeySet(), "node2", ConcurrentHashMap.newKeySet());
        CountDownLatch done = new CountDownLatch(200);
        node1.register("job", job -> {
            runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
            byNode.get("node1").add(job.id());
            done.countDown();
        });
        node2.register("job", job -> {
            runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
            byNode.get("node2").add(job.id());
            done.countDown();
        });
        node1.start();
        node2.start();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 200; i++) {
            ids.add((i % 2 == 0 ? node1 : node2).schedule("job", "k" + i, null, Instant.now()));
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "only " + (200 - done.getCount()) + " jobs ran");
        node1.close();
        node2.close();
        assertEquals(ids, runs.keySet());
        runs.forEach((id, count) -> assertEquals(1, count.get(), "job " + id + " ran " + count + " times"));
        System.out.printf("%s: 200 jobs on two nodes: %d on node1, %d on node2%n", db.dialect(),
                byNode.get("node1").size(), byNode.get("node2").size());
        long left = db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM scheduled_jobs")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertEquals(0, left);
    }
}
