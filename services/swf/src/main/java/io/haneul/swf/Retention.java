package io.haneul.swf;

import io.haneul.storage.DurableScheduler;
import io.haneul.swf.store.SqlExecutionStore;

import java.time.Duration;
import java.time.Instant;

/**
 * Closed executions disappear after their domain's retention period: a durable job armed when the
 * run closes deletes its row and history. With NONE or 0 days the run goes as soon as it closed, as
 * AWS documents ("the execution record and its history are deleted").
 */
final class Retention {

    static final String JOB = "swf.purge";

    Retention(SqlExecutionStore store, DurableScheduler scheduler) {
        scheduler.register(JOB, job -> store.purge(job.payload()));
    }

    static Instant purgeAt(Instant closedAt, String retention) {
        if (retention == null || "NONE".equals(retention)) {
            return closedAt;
        }
        return closedAt.plus(Duration.ofDays(Long.parseLong(retention)));
    }
}
