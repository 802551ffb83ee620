package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.HostingException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-model cache: loads on first use, one load per model, least recently used unloaded, held models closed only once released. */
class MultiModelsTest {

    /** A model that answers its own name and records that it was closed. */
    private static final class Named implements Predictor {
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

    private MultiModels cache(int capacity) {
        return new MultiModels(capacity, name -> {
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
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MultiModels models = new MultiModels(4, name -> {
            loads.incrementAndGet();
            loading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Named(name);
        });
        List<Thread> threads = new ArrayList<>();
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    answers.add(answer(models, "shared"));
                } catch (AlgorithmException e) {
                    answers.add(e.getMessage());
                }
            }));
        }
        loading.await();
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, loads.get());
        assertEquals(8, answers.stream().filter("shared"::equals).count(), answers.toString());
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
