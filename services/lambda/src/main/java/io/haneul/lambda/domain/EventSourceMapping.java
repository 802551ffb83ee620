package io.haneul.lambda.domain;

import java.util.List;

/**
 * One event source mapping as stored: an SQS queue read for a function, with how messages are
 * batched and filtered, and where the mapping is in its life. Immutable; changes make a new record.
 *
 * @param functionArn          the function's ARN as the mapping names it (with a qualifier when one was given)
 * @param functionName         the function's bare name (for ListEventSourceMappings' filter and for conflicts)
 * @param batchingWindowSeconds MaximumBatchingWindowInSeconds, 0 to 300
 * @param maximumConcurrency   ScalingConfig.MaximumConcurrency, or null when none was set
 * @param filterPatterns       FilterCriteria.Filters[].Pattern, as given (JSON texts)
 * @param enabled              what the user asked for; {@code state} follows it through a transition
 * @param state                {@code Creating}, {@code Enabling}, {@code Enabled}, {@code Updating},
 *                             {@code Disabling}, {@code Disabled} or {@code Deleting}
 */
public record EventSourceMapping(String uuid, String account, String region, String functionArn, String functionName,
                                 String eventSourceArn, int batchSize, int batchingWindowSeconds,
                                 List<String> functionResponseTypes, Integer maximumConcurrency, List<String> filterPatterns,
                                 boolean enabled, String state, String stateTransitionReason, long lastModifiedMillis) {

    public static final String CREATING = "Creating";
    public static final String ENABLING = "Enabling";
    public static final String ENABLED = "Enabled";
    public static final String UPDATING = "Updating";
    public static final String DISABLING = "Disabling";
    public static final String DISABLED = "Disabled";
    public static final String DELETING = "Deleting";
    public static final String USER_INITIATED = "USER_INITIATED";
    public static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

    public EventSourceMapping {
        functionResponseTypes = functionResponseTypes == null ? List.of() : List.copyOf(functionResponseTypes);
        filterPatterns = filterPatterns == null ? List.of() : List.copyOf(filterPatterns);
    }

    public String arn() {
        return "arn:aws:lambda:" + region + ":" + account + ":event-source-mapping:" + uuid;
    }

    /** True while a change is being applied (the state a stopped server leaves is completed at the next start). */
    public boolean transitioning() {
        return !ENABLED.equals(state) && !DISABLED.equals(state);
    }

    public boolean reportsItemFailures() {
        return functionResponseTypes.contains(REPORT_BATCH_ITEM_FAILURES);
    }

    /** The same mapping in another state. */
    public EventSourceMapping inState(String newState, long nowMillis) {
        return new EventSourceMapping(uuid, account, region, functionArn, functionName, eventSourceArn, batchSize,
                batchingWindowSeconds, functionResponseTypes, maximumConcurrency, filterPatterns, enabled, newState,
                USER_INITIATED, nowMillis);
    }

    /** The state a transition ends in. */
    public EventSourceMapping settled(long nowMillis) {
        return inState(enabled ? ENABLED : DISABLED, nowMillis);
    }
}
