package io.haneul.it.swf;

import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Timers are durable: one that fell due while the server was down fires when it is back, without
 * anyone reading the execution first. The test moves the server's clock instead of sleeping.
 */
class SwfRestartIT {

    @Test
    void timerDueWhileDownFiresAfterRestart() throws Exception {
        Path dir = Files.createTempDirectory("haneul-swf-restart");
        MutableClock clock = new MutableClock();
        String[] options = {"--services", "swf", "--swf-poll-seconds", "2"};
        String workflowId = "restart-wf";
        String runId;
        try (TestServer first = TestServer.startIn(dir, clock, options); SwfClient swf = SwfV2.client(first, ACCOUNT_A)) {
            swf.registerDomain(b -> b.name("durable").workflowExecutionRetentionPeriodInDays("1"));
            swf.registerWorkflowType(b -> b.domain("durable").name("w").version("1").defaultTaskList(t -> t.name("d"))
                    .defaultExecutionStartToCloseTimeout("86400").defaultTaskStartToCloseTimeout("600").defaultChildPolicy("ABANDON"));
            runId = swf.startWorkflowExecution(b -> b.domain("durable").workflowId(workflowId).workflowType(t -> t.name("w").version("1")))
                    .runId();
            PollForDecisionTaskResponse task = poll(swf);
            swf.respondDecisionTaskCompleted(b -> b.taskToken(task.taskToken()).decisions(Decision.builder()
                    .decisionType(DecisionType.START_TIMER).startTimerDecisionAttributes(a -> a.timerId("hour").startToFireTimeout("3600"))
                    .build()));
        }
        clock.advance(Duration.ofHours(2));
        try (TestServer second = TestServer.startIn(dir, clock, options); SwfClient swf = SwfV2.client(second, ACCOUNT_A)) {
            PollForDecisionTaskResponse task = poll(swf);
            assertEquals(runId, task.workflowExecution().runId());
            List<EventType> types = task.events().stream().map(HistoryEvent::eventType).toList();
            assertEquals(List.of(EventType.WORKFLOW_EXECUTION_STARTED, EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED,
                    EventType.DECISION_TASK_COMPLETED, EventType.TIMER_STARTED, EventType.TIMER_FIRED, EventType.DECISION_TASK_SCHEDULED,
                    EventType.DECISION_TASK_STARTED), types);
            HistoryEvent fired = task.events().get(5);
            assertEquals("hour", fired.timerFiredEventAttributes().timerId());
            assertEquals(5, fired.timerFiredEventAttributes().startedEventId());
            assertTrue(fired.eventTimestamp().isAfter(task.events().get(4).eventTimestamp().plus(Duration.ofMinutes(59))));
            swf.respondDecisionTaskCompleted(b -> b.taskToken(task.taskToken()).decisions(Decision.builder()
                    .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION).build()));
        }
    }

    private static PollForDecisionTaskResponse poll(SwfClient swf) {
        for (int i = 0; i < 30; i++) {
            PollForDecisionTaskResponse t = swf.pollForDecisionTask(b -> b.domain("durable").taskList(l -> l.name("d")));
            if (t.taskToken() != null && !t.taskToken().isEmpty()) {
                return t;
            }
        }
        return fail("no decision task");
    }
}
