package io.haneul.swf;

import io.haneul.swf.domain.ExecutionState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pending timeout is dropped early only when its firing would change nothing. */
class TimeoutsMootTest {

    private static ExecutionState.PendingTimeout timeout(Timeouts.Kind kind, long eventId, String extra) {
        ExecutionState.PendingTimeout t = new ExecutionState.PendingTimeout();
        t.kind = kind.name();
        t.eventId = eventId;
        t.extra = extra;
        return t;
    }

    @Test
    void decisionStartToCloseIsMootOnceThatDecisionTaskIsOver() {
        ExecutionState s = new ExecutionState();
        s.decisionScheduledId = 2;
        s.decisionStartedId = 3;
        assertFalse(Timeouts.moot(s, timeout(Timeouts.Kind.DECISION_START_TO_CLOSE, 3, null)));
        s.decisionScheduledId = 0;
        s.decisionStartedId = 0;
        assertTrue(Timeouts.moot(s, timeout(Timeouts.Kind.DECISION_START_TO_CLOSE, 3, null)));
    }

    @Test
    void activityTimeoutsFollowTheActivity() {
        ExecutionState s = new ExecutionState();
        ExecutionState.Activity a = new ExecutionState.Activity();
        a.activityId = "a1";
        a.scheduledEventId = 5;
        s.activities.put("a1", a);
        assertFalse(Timeouts.moot(s, timeout(Timeouts.Kind.ACTIVITY_SCHEDULE_TO_START, 5, null)));
        a.startedEventId = 6;
        assertTrue(Timeouts.moot(s, timeout(Timeouts.Kind.ACTIVITY_SCHEDULE_TO_START, 5, null)));
        assertFalse(Timeouts.moot(s, timeout(Timeouts.Kind.ACTIVITY_SCHEDULE_TO_CLOSE, 5, null)));
        assertFalse(Timeouts.moot(s, timeout(Timeouts.Kind.ACTIVITY_START_TO_CLOSE, 5, "6")));
        assertTrue(Timeouts.moot(s, timeout(Timeouts.Kind.ACTIVITY_HEARTBEAT, 5, "4")), "armed for an earlier start");
        s.activities.clear();
        assertTrue(Timeouts.moot(s, timeout(Timeouts.Kind.ACTIVITY_SCHEDULE_TO_CLOSE, 5, null)));
    }

    @Test
    void timersAndTheWorkflowTimeout() {
        ExecutionState s = new ExecutionState();
        ExecutionState.Timer t = new ExecutionState.Timer();
        t.timerId = "t1";
        t.startedEventId = 7;
        s.timers.put("t1", t);
        assertFalse(Timeouts.moot(s, timeout(Timeouts.Kind.TIMER, 7, "t1")));
        assertTrue(Timeouts.moot(s, timeout(Timeouts.Kind.TIMER, 4, "t1")), "a timer id reused after a cancel");
        assertFalse(Timeouts.moot(s, timeout(Timeouts.Kind.WORKFLOW, 0, null)));
    }
}
