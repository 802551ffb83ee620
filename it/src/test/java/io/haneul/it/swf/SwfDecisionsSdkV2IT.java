package io.haneul.it.swf;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.haneul.it.swf.SwfV2.ACCOUNT_A;
import static io.haneul.it.swf.SwfV2.ACCOUNT_B;
import static io.haneul.it.swf.SwfV2.fails;
import static io.haneul.it.swf.SwfV2.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Executions driven step by step from the test thread: timeouts that fire from the durable scheduler
 * (activity heartbeat, decision task, workflow), failed decisions with AWS's causes, signals,
 * cancellation, termination, continue-as-new, history paging and visibility.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwfDecisionsSdkV2IT {

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
        domain = name("steps");
        swf.registerDomain(b -> b.name(domain).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(b -> b.domain(domain).name("flow").version("1").defaultTaskList(t -> t.name("unused"))
                .defaultExecutionStartToCloseTimeout("300").defaultTaskStartToCloseTimeout("30").defaultChildPolicy("TERMINATE"));
        swf.registerWorkflowType(b -> b.domain(domain).name("bare").version("1"));
        swf.registerActivityType(b -> b.domain(domain).name("act").version("1")
                .defaultTaskScheduleToStartTimeout("60").defaultTaskScheduleToCloseTimeout("120")
                .defaultTaskStartToCloseTimeout("60").defaultTaskHeartbeatTimeout("NONE"));
    }

    @AfterAll
    void stop() throws Exception {
        swf.close();
        server.close();
    }

    /** A run on its own decision task list. */
    private record Run(String workflowId, String runId, String list) {
    }

    private Run startRun(Consumer<software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest.Builder> extra) {
        String workflowId = name("wf");
        String list = name("dl");
        String runId = swf.startWorkflowExecution(b -> {
            b.domain(domain).workflowId(workflowId).workflowType(t -> t.name("flow").version("1")).taskList(t -> t.name(list));
            extra.accept(b);
        }).runId();
        return new Run(workflowId, runId, list);
    }

    /** Long-polls until a decision task arrives (each empty poll lasts the server's poll time). */
    private PollForDecisionTaskResponse nextDecision(String list) {
        for (int i = 0; i < 30; i++) {
            PollForDecisionTaskResponse t = swf.pollForDecisionTask(b -> b.domain(domain).taskList(l -> l.name(list)).identity("d"));
            if (t.taskToken() != null && !t.taskToken().isEmpty()) {
                return t;
            }
        }
        return fail("no decision task on " + list);
    }

    private PollForActivityTaskResponse nextActivity(String list) {
        for (int i = 0; i < 30; i++) {
            PollForActivityTaskResponse t = swf.pollForActivityTask(b -> b.domain(domain).taskList(l -> l.name(list)).identity("w"));
            if (t.taskToken() != null && !t.taskToken().isEmpty()) {
                return t;
            }
        }
        return fail("no activity task on " + list);
    }

    private void respond(PollForDecisionTaskResponse task, Decision... decisions) {
        swf.respondDecisionTaskCompleted(b -> b.taskToken(task.taskToken()).decisions(decisions));
    }

    private List<HistoryEvent> history(Run r) {
        return swf.getWorkflowExecutionHistory(b -> b.domain(domain).execution(e -> e.workflowId(r.workflowId()).runId(r.runId()))).events();
    }

    private static List<EventType> types(List<HistoryEvent> events) {
        return events.stream().map(HistoryEvent::eventType).toList();
    }

    /** The events after the started event of the decider's previous decision task (previousStartedEventId). */
    private static List<EventType> newEvents(PollForDecisionTaskResponse task) {
        return task.events().stream().filter(e -> e.eventId() > task.previousStartedEventId()).map(HistoryEvent::eventType).toList();
    }

    private static Decision scheduleActivity(String id, String list, Consumer<software.amazon.awssdk.services.swf.model.ScheduleActivityTaskDecisionAttributes.Builder> extra) {
        return Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK).scheduleActivityTaskDecisionAttributes(a -> {
            a.activityId(id).activityType(t -> t.name("act").version("1")).taskList(t -> t.name(list));
            extra.accept(a);
        }).build();
    }

    private static Decision complete(String result) {
        return Decision.builder().decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                .completeWorkflowExecutionDecisionAttributes(a -> a.result(result)).build();
    }

    @Test
    void heartbeatTimeoutFiresAndStaleTokenIsRefused() {
        Run r = startRun(b -> { });
        String work = name("al");
        PollForDecisionTaskResponse first = nextDecision(r.list());
        assertEquals(0, first.previousStartedEventId());
        respond(first, scheduleActivity("beat", work, a -> a.heartbeatTimeout("1").startToCloseTimeout("60")));
        PollForActivityTaskResponse act = nextActivity(work);
        assertEquals("beat", act.activityId());
        assertEquals(r.runId(), act.workflowExecution().runId());
        assertFalse(swf.recordActivityTaskHeartbeat(b -> b.taskToken(act.taskToken()).details("half")).cancelRequested());

        PollForDecisionTaskResponse second = nextDecision(r.list());
        assertEquals(first.startedEventId(), second.previousStartedEventId());
        HistoryEvent timedOut = second.events().stream().filter(e -> e.eventType() == EventType.ACTIVITY_TASK_TIMED_OUT).findFirst()
                .orElseThrow();
        assertEquals("HEARTBEAT", timedOut.activityTaskTimedOutEventAttributes().timeoutTypeAsString());
        assertEquals("half", timedOut.activityTaskTimedOutEventAttributes().details());
        assertEquals(5, timedOut.activityTaskTimedOutEventAttributes().scheduledEventId());
        assertEquals(act.startedEventId(), timedOut.activityTaskTimedOutEventAttributes().startedEventId());
        assertEquals(List.of(EventType.DECISION_TASK_COMPLETED, EventType.ACTIVITY_TASK_SCHEDULED, EventType.ACTIVITY_TASK_STARTED,
                EventType.ACTIVITY_TASK_TIMED_OUT, EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED), newEvents(second));

        var stale = fails("UnknownResourceFault", () -> swf.recordActivityTaskHeartbeat(b -> b.taskToken(act.taskToken())));
        assertEquals("Unknown activity, scheduledEventId = 5", stale.awsErrorDetails().errorMessage());
        fails("UnknownResourceFault", () -> swf.respondActivityTaskCompleted(b -> b.taskToken(act.taskToken()).result("late")));
        respond(second, Decision.builder().decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
                .failWorkflowExecutionDecisionAttributes(a -> a.reason("timed out").details("beat")).build());
        List<HistoryEvent> h = history(r);
        HistoryEvent last = h.get(h.size() - 1);
        assertEquals(EventType.WORKFLOW_EXECUTION_FAILED, last.eventType());
        assertEquals("timed out", last.workflowExecutionFailedEventAttributes().reason());
        var closed = fails("UnknownResourceFault", () -> swf.respondDecisionTaskCompleted(b -> b.taskToken(second.taskToken())));
        assertEquals("Unknown execution: WorkflowExecution=[workflowId=" + r.workflowId() + ", runId=" + r.runId() + "]",
                closed.awsErrorDetails().errorMessage());
        fails("UnknownResourceFault", () -> swf.respondDecisionTaskCompleted(b -> b.taskToken("not-a-token")));
        fails("UnknownResourceFault", () -> SwfV2.client(server, ACCOUNT_B).respondActivityTaskCompleted(b -> b.taskToken(act.taskToken())));
    }

    @Test
    void activityFailsIsCancelledAndHeartbeatReportsTheCancelRequest() {
        Run r = startRun(b -> { });
        String work = name("al");
        respond(nextDecision(r.list()), scheduleActivity("a1", work, a -> { }), scheduleActivity("a2", work, a -> { }));
        assertEquals(2, swf.countPendingActivityTasks(b -> b.domain(domain).taskList(t -> t.name(work))).count());
        PollForActivityTaskResponse a1 = nextActivity(work);
        PollForActivityTaskResponse a2 = nextActivity(work);
        swf.respondActivityTaskFailed(b -> b.taskToken(a1.taskToken()).reason("broke").details("why"));
        PollForDecisionTaskResponse d = nextDecision(r.list());
        assertEquals(List.of(EventType.DECISION_TASK_COMPLETED, EventType.ACTIVITY_TASK_SCHEDULED, EventType.ACTIVITY_TASK_SCHEDULED,
                EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_FAILED,
                EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED), newEvents(d));
        respond(d, Decision.builder().decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
                .requestCancelActivityTaskDecisionAttributes(a -> a.activityId(a2.activityId())).build(),
                Decision.builder().decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
                        .requestCancelActivityTaskDecisionAttributes(a -> a.activityId("nope")).build());
        assertTrue(swf.recordActivityTaskHeartbeat(b -> b.taskToken(a2.taskToken())).cancelRequested());
        swf.respondActivityTaskCanceled(b -> b.taskToken(a2.taskToken()).details("undone"));
        List<HistoryEvent> h = history(r);
        HistoryEvent failed = h.stream().filter(e -> e.eventType() == EventType.ACTIVITY_TASK_FAILED).findFirst().orElseThrow();
        assertEquals("broke", failed.activityTaskFailedEventAttributes().reason());
        assertEquals("why", failed.activityTaskFailedEventAttributes().details());
        HistoryEvent cancelFailed = h.stream().filter(e -> e.eventType() == EventType.REQUEST_CANCEL_ACTIVITY_TASK_FAILED).findFirst().orElseThrow();
        assertEquals("ACTIVITY_ID_UNKNOWN", cancelFailed.requestCancelActivityTaskFailedEventAttributes().causeAsString());
        HistoryEvent canceled = h.stream().filter(e -> e.eventType() == EventType.ACTIVITY_TASK_CANCELED).findFirst().orElseThrow();
        assertEquals("undone", canceled.activityTaskCanceledEventAttributes().details());
        assertEquals(a2.startedEventId(), canceled.activityTaskCanceledEventAttributes().startedEventId());
        assertTrue(types(h).contains(EventType.ACTIVITY_TASK_CANCEL_REQUESTED));
    }

    @Test
    void invalidDecisionsRecordTheirFailedEvents() {
        Run r = startRun(b -> { });
        PollForDecisionTaskResponse d = nextDecision(r.list());
        respond(d,
                Decision.builder().decisionType(DecisionType.START_TIMER).startTimerDecisionAttributes(a -> a.timerId("t").startToFireTimeout("300")).build(),
                Decision.builder().decisionType(DecisionType.START_TIMER).startTimerDecisionAttributes(a -> a.timerId("t").startToFireTimeout("300")).build(),
                Decision.builder().decisionType(DecisionType.CANCEL_TIMER).cancelTimerDecisionAttributes(a -> a.timerId("nope")).build(),
                Decision.builder().decisionType(DecisionType.RECORD_MARKER).recordMarkerDecisionAttributes(a -> a.markerName("m").details("x")).build(),
                Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK).scheduleActivityTaskDecisionAttributes(a -> a
                        .activityId("x").activityType(t -> t.name("missing").version("1"))).build(),
                Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK).scheduleActivityTaskDecisionAttributes(a -> a
                        .activityId("y").activityType(t -> t.name("act").version("1"))).build());
        List<HistoryEvent> h = history(r);
        assertEquals(List.of(EventType.WORKFLOW_EXECUTION_STARTED, EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED,
                EventType.DECISION_TASK_COMPLETED, EventType.TIMER_STARTED, EventType.START_TIMER_FAILED, EventType.CANCEL_TIMER_FAILED,
                EventType.MARKER_RECORDED, EventType.SCHEDULE_ACTIVITY_TASK_FAILED, EventType.SCHEDULE_ACTIVITY_TASK_FAILED,
                EventType.DECISION_TASK_SCHEDULED), types(h));
        assertEquals("TIMER_ID_ALREADY_IN_USE", h.get(5).startTimerFailedEventAttributes().causeAsString());
        assertEquals(4, h.get(5).startTimerFailedEventAttributes().decisionTaskCompletedEventId());
        assertEquals("TIMER_ID_UNKNOWN", h.get(6).cancelTimerFailedEventAttributes().causeAsString());
        assertEquals("m", h.get(7).markerRecordedEventAttributes().markerName());
        assertEquals("x", h.get(7).markerRecordedEventAttributes().details());
        assertEquals("ACTIVITY_TYPE_DOES_NOT_EXIST", h.get(8).scheduleActivityTaskFailedEventAttributes().causeAsString());
        assertEquals("DEFAULT_TASK_LIST_UNDEFINED", h.get(9).scheduleActivityTaskFailedEventAttributes().causeAsString());

        var described = swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(r.workflowId()).runId(r.runId())));
        assertEquals(1, described.openCounts().openTimers());
        assertEquals(1, described.openCounts().openDecisionTasks());
        assertEquals(r.list(), described.executionConfiguration().taskList().name());
        assertEquals("300", described.executionConfiguration().executionStartToCloseTimeout());

        PollForDecisionTaskResponse next = nextDecision(r.list());
        respond(next, Decision.builder().decisionType(DecisionType.CANCEL_TIMER).cancelTimerDecisionAttributes(a -> a.timerId("t")).build(),
                complete("done"));
        List<HistoryEvent> after = history(r);
        HistoryEvent canceled = after.stream().filter(e -> e.eventType() == EventType.TIMER_CANCELED).findFirst().orElseThrow();
        assertEquals(5, canceled.timerCanceledEventAttributes().startedEventId());
        assertEquals(EventType.WORKFLOW_EXECUTION_COMPLETED, after.get(after.size() - 1).eventType());
    }

    @Test
    void badTimeoutsAndMissingAttributesAreRefusedWithoutChangingTheRun() {
        Run r = startRun(b -> { });
        PollForDecisionTaskResponse d = nextDecision(r.list());
        fails("ValidationException", () -> respond(d, Decision.builder().decisionType(DecisionType.START_TIMER)
                .startTimerDecisionAttributes(a -> a.timerId("t").startToFireTimeout("soon")).build()));
        fails("ValidationException", () -> respond(d, Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK).build()));
        fails("ValidationException", () -> respond(d, scheduleActivity("a", "l", a -> a.taskPriority("high"))));
        fails("ValidationException", () -> respond(d, Decision.builder().decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(a -> a.activityId("no-type")).build()));
        fails("ValidationException", () -> respond(d, Decision.builder().decisionType(DecisionType.START_CHILD_WORKFLOW_EXECUTION)
                .startChildWorkflowExecutionDecisionAttributes(a -> a.workflowId("no-type")).build()));
        fails("ValidationException", () -> respond(d, Decision.builder().decisionType(DecisionType.START_TIMER)
                .startTimerDecisionAttributes(a -> a.startToFireTimeout("5")).build()));
        var notLast = fails("ValidationException", () -> respond(d, complete("early"), Decision.builder()
                .decisionType(DecisionType.RECORD_MARKER).recordMarkerDecisionAttributes(m -> m.markerName("after")).build()));
        assertEquals("Close must be last decision in list", notLast.awsErrorDetails().errorMessage());
        assertEquals(3, history(r).size());
        respond(d, complete("fine"));
        fails("ValidationException", () -> swf.registerActivityType(b -> b.domain(domain).name(name("bad")).version("1")
                .defaultTaskHeartbeatTimeout("-5")));
        fails("ValidationException", () -> swf.startWorkflowExecution(b -> b.domain(domain).workflowId(name("wf"))
                .workflowType(t -> t.name("flow").version("1")).executionStartToCloseTimeout("NONE")));
    }

    @Test
    void closeDecisionRacingASignalFailsWithUnhandledDecision() {
        Run r = startRun(b -> { });
        PollForDecisionTaskResponse d = nextDecision(r.list());
        swf.signalWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()).signalName("poke").input("now"));
        respond(d, complete("too early"));
        PollForDecisionTaskResponse again = nextDecision(r.list());
        assertEquals(List.of(EventType.WORKFLOW_EXECUTION_SIGNALED, EventType.DECISION_TASK_COMPLETED,
                EventType.COMPLETE_WORKFLOW_EXECUTION_FAILED, EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED),
                newEvents(again));
        HistoryEvent failed = again.events().stream().filter(e -> e.eventType() == EventType.COMPLETE_WORKFLOW_EXECUTION_FAILED)
                .findFirst().orElseThrow();
        assertEquals("UNHANDLED_DECISION", failed.completeWorkflowExecutionFailedEventAttributes().causeAsString());
        HistoryEvent signaled = again.events().stream().filter(e -> e.eventType() == EventType.WORKFLOW_EXECUTION_SIGNALED)
                .findFirst().orElseThrow();
        assertEquals("poke", signaled.workflowExecutionSignaledEventAttributes().signalName());
        assertEquals("now", signaled.workflowExecutionSignaledEventAttributes().input());
        respond(again, complete("ok"));
        var info = swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(r.workflowId()).runId(r.runId())))
                .executionInfo();
        assertEquals(CloseStatus.COMPLETED, info.closeStatus());
        fails("UnknownResourceFault", () -> swf.signalWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()).signalName("late")));
    }

    @Test
    void cancelRequestAndCancelDecision() {
        Run r = startRun(b -> { });
        respond(nextDecision(r.list()));
        swf.requestCancelWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()).runId(r.runId()));
        assertTrue(swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(r.workflowId()).runId(r.runId())))
                .executionInfo().cancelRequested());
        PollForDecisionTaskResponse d = nextDecision(r.list());
        assertEquals(List.of(EventType.DECISION_TASK_COMPLETED, EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED), newEvents(d));
        respond(d, Decision.builder().decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION)
                .cancelWorkflowExecutionDecisionAttributes(a -> a.details("bye")).build());
        List<HistoryEvent> h = history(r);
        assertEquals("bye", h.get(h.size() - 1).workflowExecutionCanceledEventAttributes().details());
        assertTrue(swf.listClosedWorkflowExecutions(b -> b.domain(domain)
                .startTimeFilter(f -> f.oldestDate(Instant.now().minus(Duration.ofHours(1))))
                .closeStatusFilter(f -> f.status(CloseStatus.CANCELED))).executionInfos().stream()
                .anyMatch(i -> i.execution().runId().equals(r.runId())));
        assertFalse(swf.listClosedWorkflowExecutions(b -> b.domain(domain)
                .startTimeFilter(f -> f.oldestDate(Instant.now().minus(Duration.ofHours(1))))
                .closeStatusFilter(f -> f.status(CloseStatus.COMPLETED))).executionInfos().stream()
                .anyMatch(i -> i.execution().runId().equals(r.runId())));
    }

    @Test
    void startRulesTerminateAndVisibility() {
        String tag = name("tag");
        Run r = startRun(b -> b.tagList(tag).input("x"));
        fails("WorkflowExecutionAlreadyStartedFault", () -> swf.startWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId())
                .workflowType(t -> t.name("flow").version("1"))));
        fails("DefaultUndefinedFault", () -> swf.startWorkflowExecution(b -> b.domain(domain).workflowId(name("wf"))
                .workflowType(t -> t.name("bare").version("1"))));
        fails("UnknownResourceFault", () -> swf.startWorkflowExecution(b -> b.domain(domain).workflowId(name("wf"))
                .workflowType(t -> t.name("nope").version("1"))));
        assertEquals(1, swf.countPendingDecisionTasks(b -> b.domain(domain).taskList(t -> t.name(r.list()))).count());

        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        var open = swf.listOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(hourAgo)).tagFilter(t -> t.tag(tag)));
        assertEquals(List.of(r.runId()), open.executionInfos().stream().map(i -> i.execution().runId()).toList());
        assertEquals("OPEN", open.executionInfos().get(0).executionStatusAsString());
        assertEquals(1, swf.countOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(hourAgo))
                .executionFilter(f -> f.workflowId(r.workflowId()))).count());
        assertEquals(0, swf.countOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(Instant.EPOCH).latestDate(hourAgo))
                .executionFilter(f -> f.workflowId(r.workflowId()))).count());
        fails("ValidationException", () -> swf.listOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(hourAgo))
                .tagFilter(t -> t.tag(tag)).executionFilter(f -> f.workflowId(r.workflowId()))));
        fails("ValidationException", () -> swf.listClosedWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(hourAgo))
                .closeTimeFilter(f -> f.oldestDate(hourAgo))));

        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()).reason("stop").details("now"));
        List<HistoryEvent> h = history(r);
        HistoryEvent last = h.get(h.size() - 1);
        assertEquals(EventType.WORKFLOW_EXECUTION_TERMINATED, last.eventType());
        assertEquals("stop", last.workflowExecutionTerminatedEventAttributes().reason());
        assertEquals("TERMINATE", last.workflowExecutionTerminatedEventAttributes().childPolicyAsString());
        assertEquals(0, swf.countPendingDecisionTasks(b -> b.domain(domain).taskList(t -> t.name(r.list()))).count());
        fails("UnknownResourceFault", () -> swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId())));
        var closed = swf.listClosedWorkflowExecutions(b -> b.domain(domain).closeTimeFilter(f -> f.oldestDate(hourAgo))
                .executionFilter(f -> f.workflowId(r.workflowId())));
        assertEquals(CloseStatus.TERMINATED, closed.executionInfos().get(0).closeStatus());

        // the workflowId is free again once the run closed
        String again = swf.startWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId())
                .workflowType(t -> t.name("flow").version("1")).taskList(t -> t.name(r.list()))).runId();
        assertNotEquals(r.runId(), again);
        SwfClient other = SwfV2.client(server, ACCOUNT_B);
        fails("UnknownResourceFault", () -> other.describeWorkflowExecution(b -> b.domain(domain)
                .execution(e -> e.workflowId(r.workflowId()).runId(again))));
        other.close();
        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()));
    }

    @Test
    void historiesPageForwardAndBackward() {
        Run r = startRun(b -> { });
        for (int i = 0; i < 4; i++) {
            int n = i;
            swf.signalWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()).signalName("s" + n));
        }
        // 1 started, 2 scheduled, 3-6 signals
        List<Long> ids = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetWorkflowExecutionHistoryResponse page = swf.getWorkflowExecutionHistory(b -> b.domain(domain)
                    .execution(e -> e.workflowId(r.workflowId()).runId(r.runId())).maximumPageSize(4).nextPageToken(t));
            page.events().forEach(e -> ids.add(e.eventId()));
            token = page.nextPageToken();
        } while (token != null);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ids);
        assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), swf.getWorkflowExecutionHistory(b -> b.domain(domain)
                .execution(e -> e.workflowId(r.workflowId()).runId(r.runId())).reverseOrder(true)).events().stream()
                .map(HistoryEvent::eventId).toList());

        PollForDecisionTaskResponse first = swf.pollForDecisionTask(b -> b.domain(domain).taskList(l -> l.name(r.list())).maximumPageSize(3));
        assertEquals(List.of(1L, 2L, 3L), first.events().stream().map(HistoryEvent::eventId).toList());
        assertNotNull(first.nextPageToken());
        PollForDecisionTaskResponse second = swf.pollForDecisionTask(b -> b.domain(domain).taskList(l -> l.name(r.list()))
                .maximumPageSize(3).nextPageToken(first.nextPageToken()));
        assertEquals(first.taskToken(), second.taskToken());
        assertEquals(List.of(4L, 5L, 6L), second.events().stream().map(HistoryEvent::eventId).toList());
        PollForDecisionTaskResponse third = swf.pollForDecisionTask(b -> b.domain(domain).taskList(l -> l.name(r.list()))
                .maximumPageSize(3).nextPageToken(second.nextPageToken()));
        assertEquals(List.of(7L), third.events().stream().map(HistoryEvent::eventId).toList());
        assertNull(third.nextPageToken());
        assertEquals(EventType.DECISION_TASK_STARTED, third.events().get(0).eventType());
        respond(first, complete("paged"));
    }

    @Test
    void decisionTaskAndWorkflowTimeoutsFire() {
        Run r = startRun(b -> b.taskStartToCloseTimeout("1").executionStartToCloseTimeout("4"));
        PollForDecisionTaskResponse ignored = nextDecision(r.list());
        PollForDecisionTaskResponse retry = nextDecision(r.list());
        assertEquals(0, retry.previousStartedEventId());
        assertEquals(List.of(EventType.WORKFLOW_EXECUTION_STARTED, EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED,
                EventType.DECISION_TASK_TIMED_OUT, EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED), newEvents(retry));
        HistoryEvent timedOut = retry.events().stream().filter(e -> e.eventType() == EventType.DECISION_TASK_TIMED_OUT).findFirst().orElseThrow();
        assertEquals("START_TO_CLOSE", timedOut.decisionTaskTimedOutEventAttributes().timeoutTypeAsString());
        assertEquals(ignored.startedEventId(), timedOut.decisionTaskTimedOutEventAttributes().startedEventId());
        var late = fails("UnknownResourceFault", () -> respond(ignored, complete("late")));
        assertEquals("Unknown decision task, scheduledEventId = 2", late.awsErrorDetails().errorMessage());
        respond(retry);
        for (int i = 0; i < 100; i++) {
            List<HistoryEvent> h = history(r);
            if (h.get(h.size() - 1).eventType() == EventType.WORKFLOW_EXECUTION_TIMED_OUT) {
                assertEquals("START_TO_CLOSE", h.get(h.size() - 1).workflowExecutionTimedOutEventAttributes().timeoutTypeAsString());
                var info = swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(r.workflowId()).runId(r.runId())))
                        .executionInfo();
                assertEquals(CloseStatus.TIMED_OUT, info.closeStatus());
                return;
            }
            sleep(100);
        }
        fail("the workflow did not time out: " + types(history(r)));
    }

    @Test
    void continueAsNewStartsANewRunOfTheSameWorkflow() {
        Run r = startRun(b -> b.input("gen-1"));
        respond(nextDecision(r.list()), Decision.builder().decisionType(DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
                .continueAsNewWorkflowExecutionDecisionAttributes(a -> a.input("gen-2")).build());
        List<HistoryEvent> h = history(r);
        HistoryEvent continued = h.get(h.size() - 1);
        assertEquals(EventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW, continued.eventType());
        String newRun = continued.workflowExecutionContinuedAsNewEventAttributes().newExecutionRunId();
        assertEquals("gen-2", continued.workflowExecutionContinuedAsNewEventAttributes().input());
        assertEquals(r.list(), continued.workflowExecutionContinuedAsNewEventAttributes().taskList().name());
        assertEquals(CloseStatus.CONTINUED_AS_NEW, swf.describeWorkflowExecution(b -> b.domain(domain)
                .execution(e -> e.workflowId(r.workflowId()).runId(r.runId()))).executionInfo().closeStatus());
        PollForDecisionTaskResponse next = nextDecision(r.list());
        assertEquals(newRun, next.workflowExecution().runId());
        assertEquals(r.runId(), next.events().get(0).workflowExecutionStartedEventAttributes().continuedExecutionRunId());
        assertEquals("gen-2", next.events().get(0).workflowExecutionStartedEventAttributes().input());
        respond(next, complete("end"));
    }

    @Test
    void signalAndCancelBetweenExecutions() {
        Run target = startRun(b -> { });
        respond(nextDecision(target.list()));
        Run source = startRun(b -> { });
        respond(nextDecision(source.list()),
                Decision.builder().decisionType(DecisionType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION).signalExternalWorkflowExecutionDecisionAttributes(a -> a
                        .workflowId(target.workflowId()).signalName("hello").input("hi").control("c1")).build(),
                Decision.builder().decisionType(DecisionType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION)
                        .requestCancelExternalWorkflowExecutionDecisionAttributes(a -> a.workflowId(target.workflowId())).build(),
                Decision.builder().decisionType(DecisionType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION).signalExternalWorkflowExecutionDecisionAttributes(a -> a
                        .workflowId("nobody").signalName("x")).build());
        PollForDecisionTaskResponse t = nextDecision(target.list());
        assertEquals(List.of(EventType.DECISION_TASK_COMPLETED, EventType.WORKFLOW_EXECUTION_SIGNALED, EventType.DECISION_TASK_SCHEDULED,
                EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED, EventType.DECISION_TASK_STARTED), newEvents(t));
        var signaled = t.events().stream().filter(e -> e.eventType() == EventType.WORKFLOW_EXECUTION_SIGNALED).findFirst().orElseThrow()
                .workflowExecutionSignaledEventAttributes();
        assertEquals("hi", signaled.input());
        assertEquals(source.runId(), signaled.externalWorkflowExecution().runId());
        List<EventType> s = types(history(source));
        assertTrue(s.containsAll(List.of(EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
                EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, EventType.EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
                EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED)), s.toString());
        HistoryEvent failed = history(source).stream().filter(e -> e.eventType() == EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED)
                .findFirst().orElseThrow();
        assertEquals("UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION", failed.signalExternalWorkflowExecutionFailedEventAttributes().causeAsString());
        respond(t, Decision.builder().decisionType(DecisionType.CANCEL_WORKFLOW_EXECUTION).build());
        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(source.workflowId()));
    }

    private static Decision startChild(String workflowId, String list) {
        return Decision.builder().decisionType(DecisionType.START_CHILD_WORKFLOW_EXECUTION).startChildWorkflowExecutionDecisionAttributes(a -> a
                .workflowId(workflowId).workflowType(t -> t.name("flow").version("1")).taskList(t -> t.name(list)).input("child-in")
                .control("ctl")).build();
    }

    @Test
    void childWorkflowsReportToTheirParentAndFollowItsChildPolicy() {
        Run parent = startRun(b -> { });
        String childId = name("child");
        String doomedId = name("doomed");
        String childList = name("cl");
        respond(nextDecision(parent.list()), startChild(childId, childList), startChild(doomedId, childList),
                startChild(parent.workflowId(), childList));
        List<HistoryEvent> p = history(parent);
        assertEquals(List.of(EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED, EventType.CHILD_WORKFLOW_EXECUTION_STARTED,
                EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED, EventType.CHILD_WORKFLOW_EXECUTION_STARTED,
                EventType.START_CHILD_WORKFLOW_EXECUTION_FAILED, EventType.DECISION_TASK_SCHEDULED), types(p.subList(4, p.size())));
        assertEquals("WORKFLOW_ALREADY_RUNNING", p.get(8).startChildWorkflowExecutionFailedEventAttributes().causeAsString());
        assertEquals("ctl", p.get(4).startChildWorkflowExecutionInitiatedEventAttributes().control());
        assertEquals(5, p.get(5).childWorkflowExecutionStartedEventAttributes().initiatedEventId());
        String childRun = p.get(5).childWorkflowExecutionStartedEventAttributes().workflowExecution().runId();
        var described = swf.describeWorkflowExecution(b -> b.domain(domain).execution(e -> e.workflowId(parent.workflowId()).runId(parent.runId())));
        assertEquals(2, described.openCounts().openChildWorkflowExecutions());

        PollForDecisionTaskResponse parentTask = nextDecision(parent.list());
        PollForDecisionTaskResponse child = nextDecision(childList);
        HistoryEvent childStarted = child.events().get(0);
        assertEquals(parent.runId(), childStarted.workflowExecutionStartedEventAttributes().parentWorkflowExecution().runId());
        assertEquals(5, childStarted.workflowExecutionStartedEventAttributes().parentInitiatedEventId());
        assertEquals("child-in", childStarted.workflowExecutionStartedEventAttributes().input());
        String finishing = child.workflowExecution().workflowId();
        respond(child, complete("child-out"));
        respond(parentTask);
        PollForDecisionTaskResponse afterChild = nextDecision(parent.list());
        HistoryEvent done = afterChild.events().stream().filter(e -> e.eventType() == EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED)
                .findFirst().orElseThrow();
        assertEquals("child-out", done.childWorkflowExecutionCompletedEventAttributes().result());
        assertEquals(finishing, done.childWorkflowExecutionCompletedEventAttributes().workflowExecution().workflowId());
        respond(afterChild);

        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(parent.workflowId()).childPolicy("TERMINATE"));
        String other = finishing.equals(childId) ? doomedId : childId;
        var otherInfo = swf.listClosedWorkflowExecutions(b -> b.domain(domain).closeTimeFilter(f -> f.oldestDate(Instant.EPOCH))
                .executionFilter(f -> f.workflowId(other))).executionInfos();
        assertEquals(CloseStatus.TERMINATED, otherInfo.get(0).closeStatus());
        assertEquals(parent.runId(), otherInfo.get(0).parent().runId());
        List<HistoryEvent> terminated = swf.getWorkflowExecutionHistory(b -> b.domain(domain)
                .execution(e -> e.workflowId(other).runId(otherInfo.get(0).execution().runId()))).events();
        assertEquals("CHILD_POLICY_APPLIED", terminated.get(terminated.size() - 1).workflowExecutionTerminatedEventAttributes().causeAsString());
        assertNotNull(childRun);
    }

    @Test
    void completingAParentLeavesChildrenRunningAndRequestCancelPolicyAsksThemToCancel() {
        Run completing = startRun(b -> { });
        String keptId = name("kept");
        String childList = name("cl");
        respond(nextDecision(completing.list()), startChild(keptId, childList));
        respond(nextDecision(completing.list()), complete("parent done"));
        assertEquals(1, swf.countOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(Instant.EPOCH))
                .executionFilter(f -> f.workflowId(keptId))).count());
        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(keptId));

        Run cancelling = startRun(b -> b.childPolicy("REQUEST_CANCEL"));
        String askedId = name("asked");
        respond(nextDecision(cancelling.list()), startChild(askedId, childList));
        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(cancelling.workflowId()));
        var asked = swf.listOpenWorkflowExecutions(b -> b.domain(domain).startTimeFilter(f -> f.oldestDate(Instant.EPOCH))
                .executionFilter(f -> f.workflowId(askedId))).executionInfos().get(0);
        assertTrue(asked.cancelRequested());
        List<HistoryEvent> h = swf.getWorkflowExecutionHistory(b -> b.domain(domain).execution(asked.execution())).events();
        HistoryEvent request = h.stream().filter(e -> e.eventType() == EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED).findFirst().orElseThrow();
        assertEquals("CHILD_POLICY_APPLIED", request.workflowExecutionCancelRequestedEventAttributes().causeAsString());
        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(askedId));
    }

    @Test
    void decisionTaskListOverridesTimeOutBackToTheRunsListOrMoveIt() {
        Run r = startRun(b -> { });
        String temporary = name("tmp");
        PollForDecisionTaskResponse first = nextDecision(r.list());
        swf.respondDecisionTaskCompleted(b -> b.taskToken(first.taskToken()).taskList(t -> t.name(temporary))
                .taskListScheduleToStartTimeout("1"));
        swf.signalWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()).signalName("wake"));
        // nobody polls the temporary list: its decision task times out and returns to the run's list
        PollForDecisionTaskResponse back = nextDecision(r.list());
        assertEquals(List.of(EventType.DECISION_TASK_COMPLETED, EventType.WORKFLOW_EXECUTION_SIGNALED, EventType.DECISION_TASK_SCHEDULED,
                EventType.DECISION_TASK_TIMED_OUT, EventType.DECISION_TASK_SCHEDULED, EventType.DECISION_TASK_STARTED), newEvents(back));
        List<HistoryEvent> e = back.events();
        assertEquals(temporary, e.get(3).decisionTaskCompletedEventAttributes().taskList().name());
        assertEquals("1", e.get(3).decisionTaskCompletedEventAttributes().taskListScheduleToStartTimeout());
        assertEquals(temporary, e.get(5).decisionTaskScheduledEventAttributes().taskList().name());
        assertEquals("1", e.get(5).decisionTaskScheduledEventAttributes().scheduleToStartTimeout());
        assertEquals("SCHEDULE_TO_START", e.get(6).decisionTaskTimedOutEventAttributes().timeoutTypeAsString());
        assertEquals(6, e.get(6).decisionTaskTimedOutEventAttributes().scheduledEventId());
        assertEquals(r.list(), e.get(7).decisionTaskScheduledEventAttributes().taskList().name());

        String moved = name("moved");
        swf.respondDecisionTaskCompleted(b -> b.taskToken(back.taskToken()).taskList(t -> t.name(moved)));
        swf.signalWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()).signalName("s"));
        assertEquals(1, swf.countPendingDecisionTasks(b -> b.domain(domain).taskList(t -> t.name(moved))).count());
        respond(nextDecision(moved), complete("moved"));
    }

    @Test
    void higherPriorityTasksAreHandedOutFirst() {
        Run r = startRun(b -> { });
        String work = name("al");
        respond(nextDecision(r.list()), scheduleActivity("low", work, a -> a.taskPriority("1")),
                scheduleActivity("high", work, a -> a.taskPriority("9")), scheduleActivity("plain", work, a -> { }));
        assertEquals("high", nextActivity(work).activityId());
        assertEquals("low", nextActivity(work).activityId());
        assertEquals("plain", nextActivity(work).activityId());
        swf.terminateWorkflowExecution(b -> b.domain(domain).workflowId(r.workflowId()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
