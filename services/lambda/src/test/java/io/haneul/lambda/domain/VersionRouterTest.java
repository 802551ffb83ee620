package io.haneul.lambda.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.stream.DoubleStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The alias router decides each invocation from one draw, so a given sequence of draws gives a known sequence of versions. */
class VersionRouterTest {

    private static AliasRecord alias(Map<String, Double> weights) {
        return new AliasRecord("123456789012", "us-east-1", "fn", "live", "1", "", weights, "r");
    }

    private static VersionRouter router(double... draws) {
        PrimitiveIterator.OfDouble it = DoubleStream.of(draws).iterator();
        return new VersionRouter(it::nextDouble);
    }

    @Test
    void aDrawBelowTheWeightRunsTheAdditionalVersion() {
        VersionRouter r = router(0.0, 0.29, 0.3, 0.99);
        AliasRecord live = alias(Map.of("2", 0.3));
        assertEquals("2", r.pick(live));
        assertEquals("2", r.pick(live));
        assertEquals("1", r.pick(live), "a draw equal to the weight goes to the target");
        assertEquals("1", r.pick(live));
    }

    @Test
    void noRoutingAlwaysRunsTheTargetWithoutDrawing() {
        VersionRouter r = router();
        assertEquals("1", r.pick(alias(Map.of())));
    }

    @Test
    void weightsZeroAndOneAreNeverAndAlways() {
        VersionRouter r = router(0.0, 0.999999);
        assertEquals("1", r.pick(alias(Map.of("2", 0.0))));
        assertEquals("2", r.pick(alias(Map.of("2", 1.0))));
    }
}
