package io.haneul.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A job put back for want of a slot keeps the count of its earlier runs, which MAX_RUNS bounds. */
class JobRunnerPutBackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runsOfAProgressingJobAreCarriedAcrossPutBacks() throws Exception {
        JsonNode first = JSON.readTree(JobRunner.payload("111122223333", "us-east-1", "1-abc"));
        // Taken over after its node died: third claim of this entry, two earlier runs.
        JsonNode again = JobRunner.putBack(first, true, 3);
        assertEquals(2, again.get("runs").asInt());
        // Put back once more on its first claim of the new entry: still two runs, not reset.
        JsonNode twice = JobRunner.putBack(again, true, 1);
        assertEquals(2, twice.get("runs").asInt());
        assertEquals(2, twice.get("waits").asInt());
        assertEquals("1-abc", twice.get("id").asText());
    }

    @Test
    void aSubmittedJobHasNoRunsToCount() throws Exception {
        JsonNode first = JSON.readTree(JobRunner.payload("111122223333", "us-east-1", "1-abc"));
        assertEquals(0, JobRunner.putBack(first, false, 1).get("runs").asInt());
    }

    @Test
    void theWaitGrowsToFiveSeconds() {
        assertEquals(Duration.ofMillis(250), JobRunner.slotWait(0));
        assertEquals(Duration.ofMillis(500), JobRunner.slotWait(1));
        assertEquals(Duration.ofSeconds(5), JobRunner.slotWait(9));
    }
}
