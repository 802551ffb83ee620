package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.HostingException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-model cache: loads on first use, one load per model, least recently used unloaded, held models closed only once released. */
class MultiModelsTest {

    /** A model that answers its own name and records that it was closed. */
    private static class Named implements Predictor {
        final String name;
        volatile boolean closed;

        Named(String name) {
            this.name = name;
        }

        @Override
        public Prediction predict(byte[] body, String contentType, String accept) {
            return new Prediction(name.getBytes(StandardCharsets.UTF_8), "text/plain");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<Named> made = new ArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();

    private static final Duration PATIENT = Duration.ofMinutes(10);

    private MultiModels cache(int capacity) {
        return new MultiModels(capacity, 4, PATIENT, name -> {
            loads.incrementAndGet();
            if (name.startsWith("missing")) {
                throw new ModelArtifacts.LoadFailure("no " + name, true);
            }
            if (name.startsWith("broken")) {
                throw new ModelArtifacts.LoadFailure("cannot load " + name);
            }
            Named n = new Named(name);
            synchronized (made) {
                made.add(n);
            }
            return n;
        });
    }

    private static String answer(MultiModels models, String name) throws AlgorithmException {
        try (VariantModel.Lease lease = models.lease("ep", new Target(null, name, null))) {
            return new String(lease.predictor().predict(new byte[0], "text/csv", null).body(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void loadsEachModelOnceAndUnloadsTheLeastRecentlyUsed() throws Exception {
        MultiModels models = cache(2);
        assertEquals("a.tar.gz", answer(models, "a.tar.gz"));
        assertEquals("b.tar.gz", answer(models, "b.tar.gz"));
        assertEquals("a.tar.gz", answer(models, "a.tar.gz"));
        assertEquals(2, loads.get());
        assertEquals(List.of("b.tar.gz", "a.tar.gz"), models.loaded());

        assertEquals("c.tar.gz", answer(models, "c.tar.gz"));
        assertEquals(List.of("a.tar.gz", "c.tar.gz"), models.loaded());
        assertTrue(made.get(1).closed, "b was the least recently used");
        assertTrue(!made.get(0).closed && !made.get(2).closed);

        assertEquals("b.tar.gz", answer(models, "b.tar.gz"));
        assertEquals(4, loads.get(), "b is loaded again");
        models.close();
        assertTrue(made.stream().allMatch(n -> n.closed));
        assertEquals(List.of(), models.loaded());
    }

    @Test
    void aModelInUseIsClosedOnlyWhenReleased() throws Exception {
        MultiModels models = cache(1);
        VariantModel.Lease held = models.lease("ep", new Target(null, "a", null));
        answer(models, "b");
        Named a = made.getFirst();
        assertTrue(!a.closed, "still answering a request");
        assertEquals("a", new String(held.predictor().predict(new byte[0], null, null).body(), StandardCharsets.UTF_8));
        held.close();
        assertTrue(a.closed);
    }

    @Test
    void withoutACacheEachRequestLoadsItsModel() throws Exception {
        MultiModels models = cache(0);
        answer(models, "a");
        answer(models, "a");
        assertEquals(2, loads.get());
        assertTrue(made.stream().allMatch(n -> n.closed));
        assertEquals(List.of(), models.loaded());
    }

    @Test
    void concurrentRequestsForOneModelShareOneLoad() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MultiModels models = new MultiModels(4, 4, PATIENT, name -> {
            loads.incrementAndGet();
            awaitQuietly(release);
            return new Named(name);
        });
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> answers.add(answerOrError(models, "shared"))));
        }
        awaitAllWaiting(threads);
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, loads.get());
        assertEquals(8, answers.stream().filter("shared"::equals).count(), answers.toString());
    }

    @Test
    void aModelJustLoadedStaysWhenOthersWereAnsweredDuringItsLoad() throws Exception {
        CountDownLatch aLoading = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        MultiModels models = new MultiModels(1, 2, PATIENT, name -> {
            if (name.equals("a")) {
                aLoading.countDown();
                awaitQuietly(releaseA);
            }
            Named n = new Named(name);
            synchronized (made) {
                made.add(n);
            }
            return n;
        });
        AtomicReference<String> aAnswer = new AtomicReference<>();
        Thread a = Thread.ofVirtual().start(() -> aAnswer.set(answerOrError(models, "a")));
        aLoading.await();
        assertEquals("b", answer(models, "b"));
        releaseA.countDown();
        a.join();
        assertEquals("a", aAnswer.get());
        assertEquals(List.of("a"), models.loaded());
        assertTrue(made.getFirst().name.equals("b") && made.getFirst().closed, "b, idle and least recently used, is unloaded");
        assertTrue(!made.get(1).closed, "a stays loaded");
    }

    @Test
    void atMostParallelLoadsLoadAtOnce() throws Exception {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        MultiModels models = new MultiModels(100, 3, PATIENT, name -> {
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            active.decrementAndGet();
            return new Named(name);
        });
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "m" + i;
            threads.add(Thread.ofVirtual().start(() -> answers.add(answerOrError(models, name))));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(50, answers.stream().filter(x -> x.startsWith("m")).count(), answers.toString());
        assertTrue(peak.get() <= 3, "peak " + peak.get());
    }

    @Test
    void aRequestPastTheLoadWaitIsNotReadyAndTheLoadGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MultiModels models = new MultiModels(2, 2, Duration.ZERO, name -> {
            loads.incrementAndGet();
            awaitQuietly(release);
            return new Named(name);
        });
        HostingException early = assertThrows(HostingException.class, () -> models.lease("ep", new Target(null, "slow", null)));
        assertEquals("ModelNotReadyException", early.code());
        release.countDown();
        while (!models.loaded().contains("slow")) {
            Thread.sleep(1);
        }
        assertEquals("slow", answer(models, "slow"));
        assertEquals(1, loads.get(), "the retry found the model the first request started loading");
    }

    @Test
    void aLeadingSlashNamesTheSameModel() throws Exception {
        MultiModels models = cache(2);
        answer(models, "a.tar.gz");
        answer(models, "/a.tar.gz");
        assertEquals(1, loads.get());
        assertEquals(List.of("a.tar.gz"), models.loaded());
    }

    @Test
    void aModelThatFailsToCloseDoesNotFailTheRequestThatUnloadsIt() throws Exception {
        MultiModels models = new MultiModels(1, 1, PATIENT, name -> new Named(name) {
            @Override
            public void close() {
                throw new IllegalStateException("cannot close " + name);
            }
        });
        answer(models, "a");
        assertEquals("b", answer(models, "b"));
        VariantModel.Lease held = models.lease("ep", new Target(null, "c", null));
        assertEquals("d", answer(models, "d"));
        held.close();
        assertEquals(List.of("d"), models.loaded());
    }

    private static String answerOrError(MultiModels models, String name) {
        try {
            return answer(models, name);
        } catch (AlgorithmException | RuntimeException e) {
            return e.toString();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until every thread is blocked waiting (for the model's load). */
    private static void awaitAllWaiting(List<Thread> threads) throws InterruptedException {
        while (threads.stream().anyMatch(t -> t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING)) {
            Thread.sleep(1);
        }
    }

    @Test
    void refusesWhatTheEndpointCannotServe() {
        MultiModels models = cache(2);
        HostingException none = assertThrows(HostingException.class, () -> models.lease("ep", new Target(null, null, null)));
        assertEquals("ValidationError", none.code());
        HostingException missing = assertThrows(HostingException.class, () -> models.lease("ep", new Target(null, "missing.tar.gz", null)));
        assertEquals("ValidationError", missing.code());
        assertEquals("no missing.tar.gz", missing.getMessage());
        AlgorithmException broken = assertThrows(AlgorithmException.class, () -> models.lease("ep", new Target(null, "broken.tar.gz", null)));
        assertTrue(!broken.clientError());
        HostingException host = assertThrows(HostingException.class, () -> models.lease("ep", new Target(null, "a", "c1")));
        assertEquals("ValidationError", host.code());
        assertEquals(List.of(), models.loaded(), "failed loads leave nothing behind");
    }
}
