package io.haneul.lambda.domain;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Picks the version an alias invocation runs: with a routing configuration, the additional version
 * for a share of invocations equal to its weight, else the alias's target. The random source is
 * given so that tests can decide each draw.
 */
public final class VersionRouter {

    private final DoubleSupplier random;

    /** @param random uniform draws in {@code [0, 1)} */
    public VersionRouter(DoubleSupplier random) {
        this.random = random;
    }

    public String pick(AliasRecord alias) {
        for (Map.Entry<String, Double> extra : alias.weights().entrySet()) {
            if (random.getAsDouble() < extra.getValue()) {
                return extra.getKey();
            }
        }
        return alias.functionVersion();
    }
}
