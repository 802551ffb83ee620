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
 * schedules, a task goes to exactly one of two pollers, a timer fires once, and a run that one node
 * keeps in memory is read afresh once the other node changed it.
 */
class SwfTwoNodesPostgresIT {

    @Test
    void pollsOnOneNodeWakeForTasksScheduledOnTheOther() throws Exception {
        String storage = SharedPostgres.newDatabase("swf");
        try (TestServer a = TestServer.start("--storage", storage, "--swf-poll-seconds", "20");
             TestServer b = TestServer.start("--storage", storage, "--swf-poll-seconds", "20");
             SwfClient onA = SwfV2.client(a, ACCOUNT_A); SwfClient onB = SwfV2.client(b, ACCOUNT_A)) {
            register(onA, "nodes");

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

    /**
     * Node A keeps the run in memory after its decider's work; node B's worker then takes and
     * completes the activity. A's describe, its next decision task and the final history must show
     * B's events: a node using its kept copy after the row moved on would count the activity as open,
     * hand out a history without its completion and write events with ids already taken.
     */
    @Test
    void aRunKeptInMemoryOnOneNodeIsReadAfreshAfterTheOtherChangedIt() throws Exception {
        String storage = SharedPostgres.newDatabase("swf");
        try (TestServer a = TestServer.start("--storage", storage, "--swf-poll-seconds", "5");
             TestServer b = TestServer.start("--storage", storage, "--swf-poll-seconds", "5");
             SwfClient onA = SwfV2.client(a, ACCOUNT_A); SwfClient onB = SwfV2.client(b, ACCOUNT_A)) {
            register(onA, "kept");
            String runId = onA.startWorkflowExecution(r -> r.domain("kept").workflowId("wf").workflowType(t -> t.name("w").version("1")))
                    .runId();
            PollForDecisionTaskResponse first = onA.pollForDecisionTask(r -> r.domain("kept").taskList(t -> t.name("d")));
            onA.respondDecisionTaskCompleted(r -> r.taskToken(first.taskToken()).decisions(
                    Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK).scheduleActivityTaskDecisionAttributes(s -> s
                            .activityId("x").activityType(t -> t.name("a").version("1"))).build()));
            assertEquals(1, onA.describeWorkflowExecution(r -> r.domain("kept").execution(e -> e.workflowId("wf").runId(runId)))
                    .openCounts().openActivityTasks());

            PollForActivityTaskResponse task = onB.pollForActivityTask(r -> r.domain("kept").taskList(t -> t.name("w")));
            assertEquals("x", task.activityId());
            onB.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("done on B"));

            var counts = onA.describeWorkflowExecution(r -> r.domain("kept").execution(e -> e.workflowId("wf").runId(runId))).openCounts();
            assertEquals(0, counts.openActivityTasks(), "node A answered from a copy older than node B's change");
            assertEquals(1, counts.openDecisionTasks());
            PollForDecisionTaskResponse second = onA.pollForDecisionTask(r -> r.domain("kept").taskList(t -> t.name("d")));
            assertEquals(List.of(EventType.WORKFLOW_EXECUTION_STARTED, EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED,
                    EventType.DECISION_TASK_COMPLETED, EventType.ACTIVITY_TASK_SCHEDULED, EventType.ACTIVITY_TASK_STARTED,
                    EventType.ACTIVITY_TASK_COMPLETED, EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED),
                    second.events().stream().map(HistoryEvent::eventType).toList());
            onA.respondDecisionTaskCompleted(r -> r.taskToken(second.taskToken()).decisions(
                    Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                            .completeWorkflowExecutionDecisionAttributes(c -> c.result("ok")).build()));

            List<HistoryEvent> h = onB.getWorkflowExecutionHistory(r -> r.domain("kept").execution(e -> e.workflowId("wf").runId(runId)))
                    .events();
            for (int i = 0; i < h.size(); i++) {
                assertEquals((long) (i + 1), h.get(i).eventId());
            }
            assertEquals(EventType.WORKFLOW_EXECUTION_COMPLETED, h.get(h.size() - 1).eventType());
            assertEquals("done on B", h.get(6).activityTaskCompletedEventAttributes().result());
            assertEquals("COMPLETED", onA.describeWorkflowExecution(r -> r.domain("kept").execution(e -> e.workflowId("wf").runId(runId)))
                    .executionInfo().closeStatusAsString());
        }
    }

    /** A domain with workflow type w (decisions on list d) and activity type a (on list w). */
    private static void register(SwfClient swf, String domain) {
        swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(r -> r.domain(domain).name("w").version("1").defaultTaskList(t -> t.name("d"))
                .defaultExecutionStartToCloseTimeout("600").defaultTaskStartToCloseTimeout("60").defaultChildPolicy("ABANDON"));
        swf.registerActivityType(r -> r.domain(domain).name("a").version("1").defaultTaskList(t -> t.name("w"))
                .defaultTaskScheduleToStartTimeout("60").defaultTaskScheduleToCloseTimeout("120")
                .defaultTaskStartToCloseTimeout("60").defaultTaskHeartbeatTimeout("NONE"));
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
