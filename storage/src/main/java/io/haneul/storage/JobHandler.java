package io.haneul.storage;

/**
 * Runs the jobs of one kind for {@link DurableScheduler}. Returning normally completes the job
 * (it is deleted); throwing schedules a retry with exponential backoff until the attempts run out,
 * when the job is marked dead. A job can run more than once (its node dies mid-run, or a lease
 * expires), so handlers must be idempotent. They run on virtual threads.
 */
@FunctionalInterface
public interface JobHandler {
    void handle(Job job) throws Exception;
}
