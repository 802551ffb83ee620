package io.haneul.it.swf;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two Haneul nodes on one PostgreSQL database: a poll parked on node B is woken by a task node A
 * schedules, a task goes to exactly one of two pollers, and a timer fires once.
 */
class SwfTwoNodesPostgresIT {

    @Test
    void pollsOnOneNodeWakeForTasksScheduledOnTheOther() throws Exception {
        String storage = SharedPostgres.newDatabase("swf");
        try (TestServer a = TestServer.start("--storage", storage, "--swf-poll-seconds", "20");
             TestServer b = TestServer.start("--storage", storage, "--swf-poll-seconds", "20");
             SwfClient onA = SwfV2.client(a, ACCOUNT_A); SwfClient onB = SwfV2.client(b, ACCOUNT_A)) {
            onA.registerDomain(r -> r.name("nodes").workflowExecutionRetentionPeriodInDays("1"));
            onA.registerWorkflowType(r -> r.domain("nodes").name("w").version("1").defaultTaskList(t -> t.name("d"))
                    .defaultExecutionStartToCloseTimeout("600").defaultTaskStartToCloseTimeout("60").defaultChildPolicy("ABANDON"));
            onA.registerActivityType(r -> r.domain("nodes").name("a").version("1").defaultTaskList(t -> t.name("w"))
                    .defaultTaskScheduleToStartTimeout("60").defaultTaskScheduleToCloseTimeout("120")
                    .defaultTaskStartToCloseTimeout("60").defaultTaskHeartbeatTimeout("NONE"));

            // two deciders wait, one on each node; node A starts the run: exactly one of them gets the task
            CompletableFuture<PollForDecisionTaskResponse> deciderB = CompletableFuture.supplyAsync(
                    () -> onB.pollForDecisionTask(r -> r.domain("nodes").taskList(t -> t.name("d"))));
            CompletableFuture<PollForDecisionTaskResponse> deciderA = CompletableFuture.supplyAsync(
                    () -> onA.pollForDecisionTask(r -> r.domain("nodes").taskList(t -> t.name("d"))));
            Thread.sleep(500);
            String runId = onA.startWorkflowExecution(r -> r.domain("nodes").workflowId("wf").workflowType(t -> t.name("w").version("1")))
                    .runId();
            PollForDecisionTaskResponse first = got(deciderA, deciderB);
            assertEquals(runId, first.workflowExecution().runId());

            // a worker waits on node B; node A's decision schedules its task
            CompletableFuture<PollForActivityTaskResponse> worker = CompletableFuture.supplyAsync(
                    () -> onB.pollForActivityTask(r -> r.domain("nodes").taskList(t -> t.name("w"))));
            Thread.sleep(500);
            onA.respondDecisionTaskCompleted(r -> r.taskToken(first.taskToken()).decisions(
                    Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK).scheduleActivityTaskDecisionAttributes(s -> s
                            .activityId("x").activityType(t -> t.name("a").version("1"))).build(),
                    Decision.builder().decisionType(DecisionType.START_TIMER)
                            .startTimerDecisionAttributes(s -> s.timerId("t").startToFireTimeout("1")).build()));
            PollForActivityTaskResponse task = worker.get(30, TimeUnit.SECONDS);
            assertEquals("x", task.activityId());
            onB.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("done"));

            List<EventType> seen = List.of();
            for (int i = 0; i < 100 && !seen.contains(EventType.TIMER_FIRED); i++) {
                seen = onB.getWorkflowExecutionHistory(r -> r.domain("nodes").execution(e -> e.workflowId("wf").runId(runId))).events()
                        .stream().map(HistoryEvent::eventType).toList();
                Thread.sleep(100);
            }
            Thread.sleep(1500);
            List<HistoryEvent> h = onA.getWorkflowExecutionHistory(r -> r.domain("nodes").execution(e -> e.workflowId("wf").runId(runId)))
                    .events();
            assertEquals(1, h.stream().filter(e -> e.eventType() == EventType.TIMER_FIRED).count());
            assertEquals(1, h.stream().filter(e -> e.eventType() == EventType.ACTIVITY_TASK_COMPLETED).count());
            onB.terminateWorkflowExecution(r -> r.domain("nodes").workflowId("wf"));
        }
    }

    /** The one poll of two that got a task; the other must answer the empty task. */
    private static PollForDecisionTaskResponse got(CompletableFuture<PollForDecisionTaskResponse> x,
                                                   CompletableFuture<PollForDecisionTaskResponse> y) throws Exception {
        PollForDecisionTaskResponse first = (PollForDecisionTaskResponse) CompletableFuture.anyOf(x, y).get(30, TimeUnit.SECONDS);
        PollForDecisionTaskResponse other = (x.isDone() && x.get() == first ? y : x).get(60, TimeUnit.SECONDS);
        assertEquals(true, other.taskToken() == null || other.taskToken().isEmpty(), "a second poller got the same task");
        return first;
    }
}
