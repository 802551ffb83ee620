package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.SqlFunction;

import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

/**
 * A Start* call's job stored and its run scheduled in one transaction, unless an earlier job holds the
 * same client token. The insert yields to the table's unique token index rather than checking first,
 * so that two Starts racing with one token (on PostgreSQL, where writers run side by side) make one
 * job: the loser's insert waits for the winner's commit, does nothing, and then reads the winner's job.
 * Shared by video jobs and bulk media analysis jobs, whose tables differ but whose rule is this one.
 */
final class ScheduledStarts {

    private ScheduledStarts() {
    }

    /**
     * @param insert  inserts the job with {@code ON CONFLICT (... client_token) DO NOTHING}; returns the rows inserted
     * @param earlier reads the job that holds the token, when the insert did nothing
     * @return {@code job} when it was stored (its run scheduled and the scheduler woken), else the earlier job
     */
    static <R> R createOrFind(Database db, DurableScheduler scheduler, R job, String jobId, String clientToken, long createdMs,
                              String kind, String payload, SqlFunction<Connection, Integer> insert,
                              SqlFunction<Connection, Optional<R>> earlier) {
        R found = db.write(c -> {
            if (insert.apply(c) == 0) {
                return earlier.apply(c).orElseThrow(() -> new IllegalStateException(
                        "a job with token " + clientToken + " neither inserted nor found"));
            }
            scheduler.schedule(c, kind, jobId, payload, Instant.ofEpochMilli(createdMs));
            return null;
        });
        if (found == null) {
            scheduler.wake();
            return job;
        }
        return found;
    }
}
