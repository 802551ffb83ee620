package io.haneul.it.swf;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityTaskScheduledEventAttributes;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static io.haneul.it.swf.SwfV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A decider and an activity worker in test threads run a two-step workflow with a timer to
 * completion over real long polls; the history is checked event by event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwfWorkflowSdkV2IT {

    TestServer server;
    SwfClient swf;
    String domain;

    /** The server the tests run against; the *PostgresIT subclass starts one on PostgreSQL. */
    TestServer newServer() {
        return TestServer.start("--swf-poll-seconds", "2");
    }

    @BeforeAll
    void start() {
        server = newServer();
        swf = SwfV2.client(server, ACCOUNT_A);
        domain = name("flow");
        swf.registerDomain(b -> b.name(domain).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(b -> b.domain(domain).name("order").version("1").defaultTaskList(t -> t.name("deciders"))
                .defaultExecutionStartToCloseTimeout("300").defaultTaskStartToCloseTimeout("30").defaultChildPolicy("TERMINATE"));
        swf.registerActivityType(b -> b.domain(domain).name("step").version("1").defaultTaskList(t -> t.name("workers"))
                .defaultTaskScheduleToStartTimeout("60").defaultTaskScheduleToCloseTimeout("120")
                .defaultTaskStartToCloseTimeout("60").defaultTaskHeartbeatTimeout("NONE"));
    }

    @AfterAll
    void stop() throws Exception {
        swf.close();
        server.close();
    }

    @Test
    void twoStepWorkflowWithTimerRunsToCompletion() throws Exception {
        String workflowId = name("wf");
        String list = name("deciders");
        String work = name("workers");
        String runId = swf.startWorkflowExecution(b -> b.domain(domain).workflowId(workflowId).input("in")
                .workflowType(t -> t.name("order").version("1")).taskList(t -> t.name(list)).tagList("two-step")).runId();
        AtomicBoolean stop = new AtomicBoolean();
        Thread decider = Thread.ofVirtual().start(() -> decide(list, work, stop));
        Thread worker = Thread.ofVirtual().start(() -> work(work, stop));
        try {
            awaitClosed(workflowId, runId);
        } finally {
            stop.set(true);
            decider.join();
            worker.join();
        }

        List<HistoryEvent> h = history(workflowId, runId);
        assertEquals(List.of(EventType.WORKFLOW_EXECUTION_STARTED,
                EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED,
                EventType.ACTIVITY_TASK_SCHEDULED, EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_COMPLETED,
                EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED,
                EventType.TIMER_STARTED, EventType.TIMER_FIRED,
                EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED,
                EventType.ACTIVITY_TASK_SCHEDULED, EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_COMPLETED,
                EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED,
                EventType.WORKFLOW_EXECUTION_COMPLETED), h.stream().map(HistoryEvent::eventType).toList());
        for (int i = 0; i < h.size(); i++) {
            assertEquals(i + 1, h.get(i).eventId());
            assertNotNull(h.get(i).eventTimestamp());
        }
        var started = h.get(0).workflowExecutionStartedEventAttributes();
        assertEquals("in", started.input());
        assertEquals(list, started.taskList().name());
        assertEquals("300", started.executionStartToCloseTimeout());
        assertEquals("30", started.taskStartToCloseTimeout());
        assertEquals("TERMINATE", started.childPolicyAsString());
        assertEquals("order", started.workflowType().name());
        assertEquals(List.of("two-step"), started.tagList());
        assertEquals(list, h.get(1).decisionTaskScheduledEventAttributes().taskList().name());
        assertEquals("30", h.get(1).decisionTaskScheduledEventAttributes().startToCloseTimeout());
        assertEquals(2, h.get(2).decisionTaskStartedEventAttributes().scheduledEventId());
        assertEquals("decider", h.get(2).decisionTaskStartedEventAttributes().identity());
        assertEquals(2, h.get(3).decisionTaskCompletedEventAttributes().scheduledEventId());
        assertEquals(3, h.get(3).decisionTaskCompletedEventAttributes().startedEventId());

        ActivityTaskScheduledEventAttributes first = h.get(4).activityTaskScheduledEventAttributes();
        assertEquals("step1", first.activityId());
        assertEquals("step", first.activityType().name());
        assertEquals("in", first.input());
        assertEquals(work, first.taskList().name());
        assertEquals("60", first.scheduleToStartTimeout());
        assertEquals("120", first.scheduleToCloseTimeout());
        assertEquals("60", first.startToCloseTimeout());
        assertEquals("NONE", first.heartbeatTimeout());
        assertEquals(4, first.decisionTaskCompletedEventId());
        assertEquals(5, h.get(5).activityTaskStartedEventAttributes().scheduledEventId());
        assertEquals("worker", h.get(5).activityTaskStartedEventAttributes().identity());
        assertEquals("in+step1", h.get(6).activityTaskCompletedEventAttributes().result());
        assertEquals(5, h.get(6).activityTaskCompletedEventAttributes().scheduledEventId());
        assertEquals(6, h.get(6).activityTaskCompletedEventAttributes().startedEventId());

        assertEquals("pause", h.get(10).timerStartedEventAttributes().timerId());
        assertEquals("1", h.get(10).timerStartedEventAttributes().startToFireTimeout());
        assertEquals(10, h.get(10).timerStartedEventAttributes().decisionTaskCompletedEventId());
        assertEquals("pause", h.get(11).timerFiredEventAttributes().timerId());
        assertEquals(11, h.get(11).timerFiredEventAttributes().startedEventId());

        assertEquals("in+step1", h.get(15).activityTaskScheduledEventAttributes().input());
        assertEquals("in+step1+step2", h.get(17).activityTaskCompletedEventAttributes().result());
        assertEquals("in+step1+step2", h.get(21).workflowExecutionCompletedEventAttributes().result());
        assertEquals(21, h.get(21).workflowExecutionCompletedEventAttributes().decisionTaskCompletedEventId());

        var described = swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(workflowId).runId(runId)));
        assertEquals("CLOSED", described.executionInfo().executionStatusAsString());
        assertEquals(CloseStatus.COMPLETED, described.executionInfo().closeStatus());
        assertEquals(0, described.openCounts().openActivityTasks());
        assertEquals(0, described.openCounts().openDecisionTasks());
        assertEquals("ctx-4", described.latestExecutionContext());
        assertNotNull(described.latestActivityTaskTimestamp());

        List<WorkflowExecutionInfo> closed = swf.listClosedWorkflowExecutions(b -> b.domain(domain)
                .startTimeFilter(f -> f.oldestDate(Instant.now().minus(Duration.ofHours(1)))).tagFilter(t -> t.tag("two-step")))
                .executionInfos();
        assertEquals(List.of(runId), closed.stream().map(i -> i.execution().runId()).toList());
        assertEquals(1, swf.countClosedWorkflowExecutions(b -> b.domain(domain)
                .closeTimeFilter(f -> f.oldestDate(Instant.now().minus(Duration.ofHours(1))))
                .executionFilter(f -> f.workflowId(workflowId))).count());
    }

    /** The decider: derives the next step from the whole history each time, as deciders do. */
    private void decide(String list, String work, AtomicBoolean stop) {
        int contexts = 0;
        while (!stop.get()) {
            PollForDecisionTaskResponse task = swf.pollForDecisionTask(b -> b.domain(domain).taskList(t -> t.name(list)).identity("decider"));
            if (task.taskToken() == null || task.taskToken().isEmpty()) {
                continue;
            }
            Map<Long, String> scheduledIds = new HashMap<>();
            Map<String, String> results = new HashMap<>();
            boolean timerStarted = false;
            boolean timerFired = false;
            String input = null;
            for (HistoryEvent e : task.events()) {
                switch (e.eventType()) {
                    case WORKFLOW_EXECUTION_STARTED -> input = e.workflowExecutionStartedEventAttributes().input();
                    case ACTIVITY_TASK_SCHEDULED -> scheduledIds.put(e.eventId(), e.activityTaskScheduledEventAttributes().activityId());
                    case ACTIVITY_TASK_COMPLETED -> results.put(scheduledIds.get(e.activityTaskCompletedEventAttributes().scheduledEventId()),
                            e.activityTaskCompletedEventAttributes().result());
                    case TIMER_STARTED -> timerStarted = true;
                    case TIMER_FIRED -> timerFired = true;
                    default -> { }
                }
            }
            Decision next;
            if (results.containsKey("step2")) {
                String r = results.get("step2");
                next = Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                        .completeWorkflowExecutionDecisionAttributes(a -> a.result(r)).build();
            } else if (timerFired && !scheduledIds.containsValue("step2")) {
                next = schedule("step2", results.get("step1"), work);
            } else if (results.containsKey("step1") && !timerStarted) {
                next = Decision.builder().decisionType(DecisionType.START_TIMER)
                        .startTimerDecisionAttributes(a -> a.timerId("pause").startToFireTimeout("1")).build();
            } else if (!scheduledIds.containsValue("step1")) {
                next = schedule("step1", input, work);
            } else {
                next = null;
            }
            contexts++;
            String context = "ctx-" + contexts;
            swf.respondDecisionTaskCompleted(b -> b.taskToken(task.taskToken()).executionContext(context)
                    .decisions(next == null ? List.of() : List.of(next)));
        }
    }

    private static Decision schedule(String id, String input, String work) {
        return Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(a -> a.activityId(id).activityType(t -> t.name("step").version("1"))
                        .input(input).taskList(t -> t.name(work))).build();
    }

    private void work(String list, AtomicBoolean stop) {
        while (!stop.get()) {
            PollForActivityTaskResponse task = swf.pollForActivityTask(b -> b.domain(domain).taskList(t -> t.name(list)).identity("worker"));
            if (task.taskToken() == null || task.taskToken().isEmpty()) {
                continue;
            }
            swf.respondActivityTaskCompleted(b -> b.taskToken(task.taskToken()).result(task.input() + "+" + task.activityId()));
        }
    }

    private void work(String list, AtomicBoolean stop, String identity) {
        while (!stop.get()) {
            PollForActivityTaskResponse task = swf.pollForActivityTask(b -> b.domain(domain).taskList(t -> t.name(list)).identity(identity));
            if (task.taskToken() == null || task.taskToken().isEmpty()) {
                continue;
            }
            swf.respondActivityTaskCompleted(b -> b.taskToken(task.taskToken()).result(task.input() + ">" + task.activityId()));
        }
    }

    private void awaitClosed(String workflowId, String runId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            var info = swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(workflowId).runId(runId)))
                    .executionInfo();
            if ("CLOSED".equals(info.executionStatusAsString())) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the workflow did not close: " + history(workflowId, runId).stream().map(HistoryEvent::eventTypeAsString).toList());
    }

    private List<HistoryEvent> history(String workflowId, String runId) {
        return swf.getWorkflowExecutionHistory(b -> b.domain(domain).execution(e -> e.workflowId(workflowId).runId(runId))).events();
    }

    /**
     * The end-to-end workflow: three activities done by two workers, a timer, a child workflow
     * and a signal, with one decider thread for parent and child.
     */
    @Test
    void threeActivitiesATimerAChildAndASignal() throws Exception {
        String workflowId = name("e2e");
        String list = name("deciders");
        String work = name("workers");
        String runId = swf.startWorkflowExecution(b -> b.domain(domain).workflowId(workflowId).input("in")
                .workflowType(t -> t.name("order").version("1")).taskList(t -> t.name(list))).runId();
        AtomicBoolean stop = new AtomicBoolean();
        Thread decider = Thread.ofVirtual().start(() -> decideEndToEnd(list, work, stop));
        Thread worker1 = Thread.ofVirtual().start(() -> work(work, stop, "worker-1"));
        Thread worker2 = Thread.ofVirtual().start(() -> work(work, stop, "worker-2"));
        try {
            for (int i = 0; i < 600 && history(workflowId, runId).stream().noneMatch(e -> e.eventType() == EventType.MARKER_RECORDED); i++) {
                Thread.sleep(100);
            }
            swf.signalWorkflowExecution(b -> b.domain(domain).workflowId(workflowId).signalName("go").input("go"));
            awaitClosed(workflowId, runId);
        } finally {
            stop.set(true);
            decider.join();
            worker1.join();
            worker2.join();
        }
        List<HistoryEvent> h = history(workflowId, runId);
        List<EventType> decision = List.of(EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED, EventType.DECISION_TASK_COMPLETED);
        List<EventType> activity = List.of(EventType.ACTIVITY_TASK_SCHEDULED, EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_COMPLETED);
        List<EventType> expected = new java.util.ArrayList<>(List.of(EventType.WORKFLOW_EXECUTION_STARTED));
        expected.addAll(decision);
        expected.addAll(activity);
        expected.addAll(decision);
        expected.addAll(List.of(EventType.TIMER_STARTED, EventType.TIMER_FIRED));
        expected.addAll(decision);
        expected.addAll(activity);
        expected.addAll(decision);
        expected.addAll(activity);
        expected.addAll(decision);
        expected.addAll(List.of(EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED, EventType.CHILD_WORKFLOW_EXECUTION_STARTED,
                EventType.DECISION_TASK_SCHEDULED, EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED, EventType.DECISION_TASK_STARTED,
                EventType.DECISION_TASK_COMPLETED, EventType.MARKER_RECORDED, EventType.WORKFLOW_EXECUTION_SIGNALED));
        expected.addAll(decision);
        expected.add(EventType.WORKFLOW_EXECUTION_COMPLETED);
        assertEquals(expected, h.stream().map(HistoryEvent::eventType).toList());
        for (int i = 0; i < h.size(); i++) {
            assertEquals(i + 1, h.get(i).eventId());
        }
        Map<Long, HistoryEvent> byId = new HashMap<>();
        h.forEach(e -> byId.put(e.eventId(), e));
        List<String> workers = new java.util.ArrayList<>();
        for (HistoryEvent e : h) {
            switch (e.eventType()) {
                case ACTIVITY_TASK_STARTED -> {
                    workers.add(e.activityTaskStartedEventAttributes().identity());
                    assertEquals(EventType.ACTIVITY_TASK_SCHEDULED, byId.get(e.activityTaskStartedEventAttributes().scheduledEventId()).eventType());
                }
                case ACTIVITY_TASK_COMPLETED -> {
                    var a = e.activityTaskCompletedEventAttributes();
                    HistoryEvent scheduled = byId.get(a.scheduledEventId());
                    assertEquals(a.scheduledEventId() + 1, a.startedEventId());
                    assertEquals(scheduled.activityTaskScheduledEventAttributes().input() + ">"
                            + scheduled.activityTaskScheduledEventAttributes().activityId(), a.result());
                }
                case DECISION_TASK_COMPLETED -> assertEquals(EventType.DECISION_TASK_STARTED,
                        byId.get(e.decisionTaskCompletedEventAttributes().startedEventId()).eventType());
                default -> { }
            }
        }
        assertTrue(workers.stream().allMatch(w -> w.equals("worker-1") || w.equals("worker-2")), workers.toString());
        HistoryEvent child = h.stream().filter(e -> e.eventType() == EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED).findFirst().orElseThrow();
        assertEquals("child(in>a1>a2>a3)", child.childWorkflowExecutionCompletedEventAttributes().result());
        assertEquals(EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED,
                byId.get(child.childWorkflowExecutionCompletedEventAttributes().initiatedEventId()).eventType());
        assertEquals("in>a1>a2>a3|child(in>a1>a2>a3)|go", h.get(h.size() - 1).workflowExecutionCompletedEventAttributes().result());
        String childRun = child.childWorkflowExecutionCompletedEventAttributes().workflowExecution().runId();
        var childInfo = swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId("child-" + workflowId).runId(childRun)))
                .executionInfo();
        assertEquals(CloseStatus.COMPLETED, childInfo.closeStatus());
        assertEquals(runId, childInfo.parent().runId());
    }

    /** Parent: a1, timer, a2, a3, child, marker, then complete on the signal. Child: completes at once. */
    private void decideEndToEnd(String list, String work, AtomicBoolean stop) {
        while (!stop.get()) {
            PollForDecisionTaskResponse task = swf.pollForDecisionTask(b -> b.domain(domain).taskList(t -> t.name(list)).identity("decider"));
            if (task.taskToken() == null || task.taskToken().isEmpty()) {
                continue;
            }
            String input = task.events().get(0).workflowExecutionStartedEventAttributes().input();
            if (task.workflowExecution().workflowId().startsWith("child-")) {
                swf.respondDecisionTaskCompleted(b -> b.taskToken(task.taskToken()).decisions(
                        Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                                .completeWorkflowExecutionDecisionAttributes(a -> a.result("child(" + input + ")")).build()));
                continue;
            }
            Map<Long, String> scheduled = new HashMap<>();
            Map<String, String> results = new HashMap<>();
            boolean timerStarted = false;
            boolean timerFired = false;
            boolean childStarted = false;
            boolean marker = false;
            String childResult = null;
            String signal = null;
            for (HistoryEvent e : task.events()) {
                switch (e.eventType()) {
                    case ACTIVITY_TASK_SCHEDULED -> scheduled.put(e.eventId(), e.activityTaskScheduledEventAttributes().activityId());
                    case ACTIVITY_TASK_COMPLETED -> results.put(scheduled.get(e.activityTaskCompletedEventAttributes().scheduledEventId()),
                            e.activityTaskCompletedEventAttributes().result());
                    case TIMER_STARTED -> timerStarted = true;
                    case TIMER_FIRED -> timerFired = true;
                    case START_CHILD_WORKFLOW_EXECUTION_INITIATED -> childStarted = true;
                    case CHILD_WORKFLOW_EXECUTION_COMPLETED -> childResult = e.childWorkflowExecutionCompletedEventAttributes().result();
                    case MARKER_RECORDED -> marker = true;
                    case WORKFLOW_EXECUTION_SIGNALED -> signal = e.workflowExecutionSignaledEventAttributes().input();
                    default -> { }
                }
            }
            Decision next = null;
            if (signal != null && childResult != null) {
                String result = results.get("a3") + "|" + childResult + "|" + signal;
                next = Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                        .completeWorkflowExecutionDecisionAttributes(a -> a.result(result)).build();
            } else if (childResult != null && !marker) {
                next = Decision.builder().decisionType(DecisionType.RECORD_MARKER)
                        .recordMarkerDecisionAttributes(a -> a.markerName("awaiting-signal")).build();
            } else if (results.containsKey("a3") && !childStarted) {
                String childInput = results.get("a3");
                String childId = "child-" + task.workflowExecution().workflowId();
                next = Decision.builder().decisionType(DecisionType.START_CHILD_WORKFLOW_EXECUTION)
                        .startChildWorkflowExecutionDecisionAttributes(a -> a.workflowId(childId).input(childInput)
                                .workflowType(t -> t.name("order").version("1")).taskList(t -> t.name(list))).build();
            } else if (results.containsKey("a2") && !scheduled.containsValue("a3")) {
                next = schedule("a3", results.get("a2"), work);
            } else if (timerFired && !scheduled.containsValue("a2")) {
                next = schedule("a2", results.get("a1"), work);
            } else if (results.containsKey("a1") && !timerStarted) {
                next = Decision.builder().decisionType(DecisionType.START_TIMER)
                        .startTimerDecisionAttributes(a -> a.timerId("pause").startToFireTimeout("1")).build();
            } else if (!scheduled.containsValue("a1")) {
                next = schedule("a1", input, work);
            }
            Decision d = next;
            swf.respondDecisionTaskCompleted(b -> b.taskToken(task.taskToken()).decisions(d == null ? List.of() : List.of(d)));
        }
    }

    @Test
    void emptyPollAnswersAnEmptyTask() {
        PollForDecisionTaskResponse empty = swf.pollForDecisionTask(b -> b.domain(domain).taskList(t -> t.name(name("idle"))));
        assertTrue(empty.taskToken() == null || empty.taskToken().isEmpty());
        assertTrue(empty.events().isEmpty());
        PollForActivityTaskResponse none = swf.pollForActivityTask(b -> b.domain(domain).taskList(t -> t.name(name("idle"))));
        assertTrue(none.taskToken() == null || none.taskToken().isEmpty());
        assertEquals(null, none.activityType());
    }
}
