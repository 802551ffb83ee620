package io.haneul.lambda.domain;

/**
 * A provisioned concurrency config of a version or alias, as recorded (PutProvisionedConcurrencyConfig).
 * Haneul starts environments on demand and keeps warm ones anyway, so nothing is pre-started: the
 * config is recorded and reported {@code READY} with all of it allocated.
 *
 * @param lastModified AWS's ISO-8601 text ({@code 2026-12-07T04:30:00.000+0000})
 */
public record ProvisionedConcurrency(String account, String region, String name, String qualifier, int requested,
                                     String lastModified) {

    public String functionArn() {
        return FunctionArns.arn(region, account, name) + ":" + qualifier;
    }
}
