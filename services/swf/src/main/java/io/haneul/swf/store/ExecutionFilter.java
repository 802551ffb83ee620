package io.haneul.swf.store;

/**
 * What a List/Count executions call selects, as plain values the store turns into SQL on indexed
 * columns: open or closed runs, start and close time ranges (epoch milliseconds, inclusive, null:
 * unbounded) and at most one of workflowId, type (name, optional version), tag and close status.
 */
public record ExecutionFilter(boolean open, Long startFrom, Long startTo, Long closeFrom, Long closeTo, String workflowId,
                              String typeName, String typeVersion, String tag, String closeStatus) {
}
