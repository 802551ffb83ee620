package io.haneul.lambda.domain;

import java.util.Map;

/**
 * A function alias: a name that points at one version ({@code functionVersion}) and, with a
 * routing configuration, sends a share of invocations to one more version. Immutable; each change
 * makes a new record with a new {@code revisionId} (the precondition of UpdateAlias).
 *
 * @param weights the additional version and the share of invocations it receives (0 to 1); empty: no routing
 */
public record AliasRecord(String account, String region, String function, String name, String functionVersion,
                          String description, Map<String, Double> weights, String revisionId) {

    public AliasRecord {
        weights = weights == null ? Map.of() : Map.copyOf(weights);
        description = description == null ? "" : description;
    }

    public String arn() {
        return FunctionArns.arn(region, account, function) + ":" + name;
    }

    /** True when this alias sends invocations to {@code version}, as its target or by weight. */
    public boolean references(String version) {
        return functionVersion.equals(version) || weights.containsKey(version);
    }
}
