package io.haneul.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;

/**
 * What the runners of Rekognition's durable jobs share: a claimed job counts its runs (those carried by a
 * put-back entry and the claimed entry's failed attempts) and is given up after {@code maxRuns}; it runs in
 * one of this node's {@code parallel} slots, and is put back a second later when none is free. While this
 * node shuts down, a job is put back a few seconds ahead with its runs unchanged (another node, or this one
 * started again, takes it), so that a graceful stop never uses up a job's runs.
 */
final class JobSlots {

    static final Duration NO_SLOT_DELAY = Duration.ofSeconds(1);
    static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(5);

    /** The work of one claimed job. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private final DurableScheduler scheduler;
    private final String kind;
    private final Clock clock;
    private final int maxRuns;
    private final Semaphore slots;
    private volatile boolean closed;

    JobSlots(DurableScheduler scheduler, String kind, Clock clock, int maxRuns, int parallel) {
        this.scheduler = scheduler;
        this.kind = kind;
        this.clock = clock;
        this.maxRuns = maxRuns;
        this.slots = new Semaphore(parallel);
    }

    /**
     * Runs a claimed job: {@code giveUp} (with the number of earlier runs) when it ran {@code maxRuns} times
     * already, else {@code queued} and, once a slot is free, {@code work}. Work that fails while this node
     * shuts down is put back too.
     */
    void run(Job entry, JsonNode payload, String jobId, IntConsumer giveUp, Runnable queued, Work work) throws Exception {
        int earlier = payload.path("runs").asInt(0) + entry.attempts() - 1;
        if (earlier >= maxRuns) {
            giveUp.accept(earlier);
            return;
        }
        if (closed) {
            putBack(payload, jobId, earlier, SHUTDOWN_DELAY);
            return;
        }
        queued.run();
        if (!slots.tryAcquire()) {
            putBack(payload, jobId, earlier, NO_SLOT_DELAY);
            return;
        }
        try {
            work.run();
        } catch (Exception e) {
            if (!closed) {
                throw e;
            }
            putBack(payload, jobId, earlier, SHUTDOWN_DELAY);
        } finally {
            slots.release();
        }
    }

    /** Stops starting jobs; work running now should stop soon after ({@link #closed()}). */
    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    private void putBack(JsonNode payload, String jobId, int runs, Duration delay) {
        String again = ((ObjectNode) payload.deepCopy()).put("runs", runs).toString();
        scheduler.schedule(kind, jobId, again, clock.instant().plus(delay));
    }
}
