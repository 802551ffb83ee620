package io.haneul.swf.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.swf.domain.ExecutionState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The stored run state leaves out null members and reads back as it was written. */
class StateJsonTest {

    private final ObjectMapper everything = new ObjectMapper();
    private final StateJson json = new StateJson(new ObjectMapper());

    @Test
    void nullsAreLeftOutAndEverythingElseReadsBackTheSame() throws Exception {
        ExecutionState s = new ExecutionState();
        s.taskList = "d";
        s.input = "";
        s.decisionScheduledId = 3;
        ExecutionState.Activity a = new ExecutionState.Activity();
        a.activityId = "a1";
        a.heartbeatDetails = "";
        s.activities.put("a1", a);
        ExecutionState.PendingTimeout t = new ExecutionState.PendingTimeout();
        t.at = 99;
        t.kind = "TIMER";
        s.timeouts.add(t);

        String stored = json.write(s);
        assertFalse(stored.contains("null"), stored);
        assertEquals(everything.writeValueAsString(s), everything.writeValueAsString(json.read(stored)),
                "an empty string is not absent: input \"\" must come back as \"\"");
    }

    @Test
    void stateStoredWithItsNullsStillReads() throws Exception {
        ExecutionState s = new ExecutionState();
        s.taskList = "d";
        String older = everything.writeValueAsString(s);
        assertEquals(older, everything.writeValueAsString(json.read(older)));
    }
}
