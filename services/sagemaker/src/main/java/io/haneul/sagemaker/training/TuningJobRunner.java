package io.haneul.sagemaker.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import io.haneul.storage.JobHandler;

import java.time.Clock;

/**
 * Runs a tuning job's loop from the durable scheduler (kind {@value TuningJobs#KIND}): one
 * {@link TuningJobs#tick} per entry, and a new entry half a second later while the job is open, so that
 * a tuning job goes on on whichever node is alive after a restart.
 */
final class TuningJobRunner implements JobHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TuningJobs tuning;
    private final DurableScheduler scheduler;
    private final Clock clock;

    TuningJobRunner(TuningJobs tuning, DurableScheduler scheduler, Clock clock) {
        this.tuning = tuning;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void handle(Job entry) throws Exception {
        JsonNode p = JSON.readTree(entry.payload());
        if (tuning.tick(p.get("account").asText(), p.get("region").asText(), p.get("name").asText())) {
            scheduler.schedule(TuningJobs.KIND, entry.key(), entry.payload(), clock.instant().plus(tuning.tickInterval()));
        }
    }
}
