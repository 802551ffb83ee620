package io.haneul.sagemaker.hosting;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A retired deployment closes its variants with its last holder, each once, and a failure to close fails no request. */
class DeploymentTest {

    @Test
    void theLastReleaseClosesEveryVariantEvenWhenOneFailsToClose() {
        AtomicInteger closed = new AtomicInteger();
        Map<String, VariantModel> variants = new LinkedHashMap<>();
        variants.put("broken", variant(() -> {
            closed.incrementAndGet();
            throw new IllegalStateException("cannot close");
        }));
        variants.put("fine", variant(closed::incrementAndGet));
        Deployment d = new Deployment("1/config", null, variants);
        assertEquals(true, d.acquire());
        d.retire();
        assertEquals(0, closed.get(), "held by a request");
        d.release();
        assertEquals(2, closed.get());
        d.retire();
        assertEquals(2, closed.get(), "closed once");
    }

    private static VariantModel variant(Runnable onClose) {
        return new VariantModel() {
            @Override
            public Lease lease(String endpoint, Target target) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
