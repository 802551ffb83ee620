package io.haneul.swf.store;

/** A task on a task list ({@code kind} D for decision, A for activity); its token is what a worker answers with. */
public record TaskRow(String token, String account, String region, String domain, String kind, String taskList,
                      int priority, String runId, long scheduledEventId, boolean started) {
}
