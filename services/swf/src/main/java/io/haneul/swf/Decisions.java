package io.haneul.swf;

import io.haneul.swf.domain.Durations;
import io.haneul.swf.domain.ExecutionState;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.store.ExecutionRecord;
import io.haneul.swf.store.TypeKind;
import io.haneul.swf.store.TypeRecord;
import software.amazon.awssdk.services.swf.model.*;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out a decider's decisions in order, inside the transaction that completes its decision
 * task: each valid decision records its event(s) and changes the run's state, each invalid one
 * records the decision's {@code *Failed} event with AWS's cause (and asks for another decision).
 * A close decision while events arrived during the decision task fails with UNHANDLED_DECISION.
 */
final class Decisions {

    private final TypeService types;
    private final ExecutionService runs;
    private final ChildWorkflows children;
    private final LambdaTasks lambdas;

    Decisions(TypeService types, ExecutionService runs, LambdaTasks lambdas) {
        this.types = types;
        this.runs = runs;
        this.children = new ChildWorkflows(runs);
        this.lambdas = lambdas;
    }

    /**
     * Types the decisions name, read before the transaction, and whether Lambda is served (looked up
     * before too: finding it may start the Lambda module, which must not happen inside a write).
     */
    record Lookups(Map<String, Optional<TypeRecord>> activityTypes, Map<String, Optional<TypeRecord>> workflowTypes,
                   boolean lambdaServed) {
    }

    Lookups prepare(ExecutionRecord e, List<Decision> decisions) {
        Map<String, Optional<TypeRecord>> activities = new HashMap<>();
        Map<String, Optional<TypeRecord>> workflows = new HashMap<>();
        boolean lambdaServed = false;
        for (Decision d : decisions) {
            if (d.decisionType() == DecisionType.SCHEDULE_LAMBDA_FUNCTION) {
                lambdaServed = lambdas.served();
            }
            if (d.decisionType() == DecisionType.SCHEDULE_ACTIVITY_TASK && d.scheduleActivityTaskDecisionAttributes() != null) {
                ActivityType t = d.scheduleActivityTaskDecisionAttributes().activityType();
                if (t != null) {
                    activities.computeIfAbsent(t.name() + "\u0001" + t.version(), k -> find(e, TypeKind.ActivityType, t.name(), t.version()));
                }
            } else if (d.decisionType() == DecisionType.START_CHILD_WORKFLOW_EXECUTION
                    && d.startChildWorkflowExecutionDecisionAttributes() != null
                    && d.startChildWorkflowExecutionDecisionAttributes().workflowType() != null) {
                WorkflowType t = d.startChildWorkflowExecutionDecisionAttributes().workflowType();
                workflows.computeIfAbsent(t.name() + "\u0001" + t.version(), k -> find(e, TypeKind.WorkflowType, t.name(), t.version()));
            } else if (d.decisionType() == DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION) {
                var a = d.continueAsNewWorkflowExecutionDecisionAttributes();
                String version = a != null && a.workflowTypeVersion() != null ? a.workflowTypeVersion() : e.typeVersion;
                workflows.computeIfAbsent(e.typeName + "\u0001" + version, k -> find(e, TypeKind.WorkflowType, e.typeName, version));
            }
        }
        return new Lookups(activities, workflows, lambdaServed);
    }

    private Optional<TypeRecord> find(ExecutionRecord e, TypeKind kind, String name, String version) {
        try {
            return Optional.of(types.get(e.account, e.region, e.domain, kind, name, version));
        } catch (SwfException unknown) {
            return Optional.empty();
        }
    }

    /** Rejects unknown decision types and decisions without the attributes their type requires, before anything changes. */
    static void checkShape(List<Decision> decisions) {
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (d.decisionType() == null || d.decisionType() == DecisionType.UNKNOWN_TO_SDK_VERSION) {
                throw SwfException.validation("Invalid decision type: " + d.decisionTypeAsString());
            }
            String missing = switch (d.decisionType()) {
                case SCHEDULE_ACTIVITY_TASK -> d.scheduleActivityTaskDecisionAttributes() == null ? "scheduleActivityTaskDecisionAttributes" : null;
                case REQUEST_CANCEL_ACTIVITY_TASK -> d.requestCancelActivityTaskDecisionAttributes() == null
                        ? "requestCancelActivityTaskDecisionAttributes" : null;
                case START_TIMER -> d.startTimerDecisionAttributes() == null ? "startTimerDecisionAttributes" : null;
                case CANCEL_TIMER -> d.cancelTimerDecisionAttributes() == null ? "cancelTimerDecisionAttributes" : null;
                case RECORD_MARKER -> d.recordMarkerDecisionAttributes() == null ? "recordMarkerDecisionAttributes" : null;
                case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION -> d.signalExternalWorkflowExecutionDecisionAttributes() == null
                        ? "signalExternalWorkflowExecutionDecisionAttributes" : null;
                case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION -> d.requestCancelExternalWorkflowExecutionDecisionAttributes() == null
                        ? "requestCancelExternalWorkflowExecutionDecisionAttributes" : null;
                case START_CHILD_WORKFLOW_EXECUTION -> d.startChildWorkflowExecutionDecisionAttributes() == null
                        ? "startChildWorkflowExecutionDecisionAttributes" : null;
                case SCHEDULE_LAMBDA_FUNCTION -> d.scheduleLambdaFunctionDecisionAttributes() == null
                        ? "scheduleLambdaFunctionDecisionAttributes" : null;
                default -> null;
            };
            if (missing != null) {
                throw SwfException.validation("1 validation error detected: Value null at 'decisions." + (i + 1) + ".member."
                        + missing + "' failed to satisfy constraint: Member must not be null");
            }
            checkValues(d);
            if (isClose(d.decisionType()) && i < decisions.size() - 1) {
                throw SwfException.validation("Close must be last decision in list");
            }
        }
    }

    private static boolean isClose(DecisionType type) {
        return type == DecisionType.COMPLETE_WORKFLOW_EXECUTION || type == DecisionType.FAIL_WORKFLOW_EXECUTION
                || type == DecisionType.CANCEL_WORKFLOW_EXECUTION || type == DecisionType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION;
    }

    /** Timeouts must be whole seconds (or NONE where allowed) and priorities integers, or the call fails as a whole. */
    private static void checkValues(Decision d) {
        switch (d.decisionType()) {
            case SCHEDULE_ACTIVITY_TASK -> {
                var a = d.scheduleActivityTaskDecisionAttributes();
                Durations.check("scheduleToStartTimeout", a.scheduleToStartTimeout(), true);
                Durations.check("scheduleToCloseTimeout", a.scheduleToCloseTimeout(), true);
                Durations.check("startToCloseTimeout", a.startToCloseTimeout(), true);
                Durations.check("heartbeatTimeout", a.heartbeatTimeout(), true);
                Durations.checkPriority("taskPriority", a.taskPriority());
            }
            case START_TIMER -> Durations.check("startToFireTimeout", d.startTimerDecisionAttributes().startToFireTimeout(), false);
            case CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> {
                var a = d.continueAsNewWorkflowExecutionDecisionAttributes();
                if (a != null) {
                    Durations.check("executionStartToCloseTimeout", a.executionStartToCloseTimeout(), false);
                    Durations.check("taskStartToCloseTimeout", a.taskStartToCloseTimeout(), true);
                    Durations.checkPriority("taskPriority", a.taskPriority());
                }
            }
            case START_CHILD_WORKFLOW_EXECUTION -> {
                var a = d.startChildWorkflowExecutionDecisionAttributes();
                Durations.check("executionStartToCloseTimeout", a.executionStartToCloseTimeout(), false);
                Durations.check("taskStartToCloseTimeout", a.taskStartToCloseTimeout(), true);
                Durations.checkPriority("taskPriority", a.taskPriority());
            }
            case SCHEDULE_LAMBDA_FUNCTION -> LambdaTasks.checkTimeout(d.scheduleLambdaFunctionDecisionAttributes().startToCloseTimeout());
            default -> { }
        }
    }

    /** Applies the decisions in order; {@code raced}: events arrived while the decider worked, so close decisions fail. */
    void apply(ExecutionTx tx, long completedId, List<Decision> decisions, boolean raced, Lookups lookups) throws SQLException {
        for (Decision d : decisions) {
            if (!tx.record().open) {
                return;
            }
            switch (d.decisionType()) {
                case SCHEDULE_ACTIVITY_TASK -> scheduleActivity(tx, completedId, d.scheduleActivityTaskDecisionAttributes(), lookups);
                case REQUEST_CANCEL_ACTIVITY_TASK -> cancelActivity(tx, completedId, d.requestCancelActivityTaskDecisionAttributes());
                case START_TIMER -> startTimer(tx, completedId, d.startTimerDecisionAttributes());
                case CANCEL_TIMER -> cancelTimer(tx, completedId, d.cancelTimerDecisionAttributes());
                case RECORD_MARKER -> {
                    var a = d.recordMarkerDecisionAttributes();
                    tx.event(EventType.MARKER_RECORDED, b -> b.markerRecordedEventAttributes(MarkerRecordedEventAttributes.builder()
                            .markerName(a.markerName()).details(a.details()).decisionTaskCompletedEventId(completedId).build()));
                }
                case COMPLETE_WORKFLOW_EXECUTION -> {
                    if (refuseClose(tx, raced, completedId, EventType.COMPLETE_WORKFLOW_EXECUTION_FAILED)) {
                        return;
                    }
                    var a = d.completeWorkflowExecutionDecisionAttributes();
                    String result = a == null ? null : a.result();
                    tx.event(EventType.WORKFLOW_EXECUTION_COMPLETED, b -> b.workflowExecutionCompletedEventAttributes(
                            WorkflowExecutionCompletedEventAttributes.builder().result(result).decisionTaskCompletedEventId(completedId).build()));
                    tx.close("COMPLETED");
                }
                case FAIL_WORKFLOW_EXECUTION -> {
                    if (refuseClose(tx, raced, completedId, EventType.FAIL_WORKFLOW_EXECUTION_FAILED)) {
                        return;
                    }
                    var a = d.failWorkflowExecutionDecisionAttributes();
                    tx.event(EventType.WORKFLOW_EXECUTION_FAILED, b -> b.workflowExecutionFailedEventAttributes(
                            WorkflowExecutionFailedEventAttributes.builder().reason(a == null ? null : a.reason())
                                    .details(a == null ? null : a.details()).decisionTaskCompletedEventId(completedId).build()));
                    tx.close("FAILED");
                }
                case CANCEL_WORKFLOW_EXECUTION -> {
                    if (refuseClose(tx, raced, completedId, EventType.CANCEL_WORKFLOW_EXECUTION_FAILED)) {
                        return;
                    }
                    var a = d.cancelWorkflowExecutionDecisionAttributes();
                    tx.event(EventType.WORKFLOW_EXECUTION_CANCELED, b -> b.workflowExecutionCanceledEventAttributes(
                            WorkflowExecutionCanceledEventAttributes.builder().details(a == null ? null : a.details())
                                    .decisionTaskCompletedEventId(completedId).build()));
                    tx.close("CANCELED");
                }
                case CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> {
                    if (refuseClose(tx, raced, completedId, EventType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED)) {
                        return;
                    }
                    continueAsNew(tx, completedId, d.continueAsNewWorkflowExecutionDecisionAttributes(), lookups);
                }
                case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION -> ExternalDecisions.signal(tx, completedId, d.signalExternalWorkflowExecutionDecisionAttributes());
                case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION -> ExternalDecisions.requestCancel(tx, completedId,
                        d.requestCancelExternalWorkflowExecutionDecisionAttributes());
                case START_CHILD_WORKFLOW_EXECUTION -> children.start(tx, completedId, d.startChildWorkflowExecutionDecisionAttributes(),
                        lookups.workflowTypes());
                case SCHEDULE_LAMBDA_FUNCTION -> lambdas.schedule(tx, completedId, d.scheduleLambdaFunctionDecisionAttributes(),
                        lookups.lambdaServed());
                default -> throw new IllegalStateException("unsupported decision " + d.decisionType());
            }
        }
    }

    private static boolean refuseClose(ExecutionTx tx, boolean raced, long completedId, EventType failed) throws SQLException {
        if (!raced) {
            return false;
        }
        tx.event(failed, b -> {
            switch (failed) {
                case COMPLETE_WORKFLOW_EXECUTION_FAILED -> b.completeWorkflowExecutionFailedEventAttributes(
                        CompleteWorkflowExecutionFailedEventAttributes.builder().cause("UNHANDLED_DECISION")
                                .decisionTaskCompletedEventId(completedId).build());
                case FAIL_WORKFLOW_EXECUTION_FAILED -> b.failWorkflowExecutionFailedEventAttributes(
                        FailWorkflowExecutionFailedEventAttributes.builder().cause("UNHANDLED_DECISION")
                                .decisionTaskCompletedEventId(completedId).build());
                case CANCEL_WORKFLOW_EXECUTION_FAILED -> b.cancelWorkflowExecutionFailedEventAttributes(
                        CancelWorkflowExecutionFailedEventAttributes.builder().cause("UNHANDLED_DECISION")
                                .decisionTaskCompletedEventId(completedId).build());
                default -> b.continueAsNewWorkflowExecutionFailedEventAttributes(
                        ContinueAsNewWorkflowExecutionFailedEventAttributes.builder().cause("UNHANDLED_DECISION")
                                .decisionTaskCompletedEventId(completedId).build());
            }
        });
        tx.needDecision();
        return true;
    }

    private void scheduleActivity(ExecutionTx tx, long completedId, ScheduleActivityTaskDecisionAttributes a, Lookups lookups)
            throws SQLException {
        ExecutionState s = tx.state();
        ActivityType type = a.activityType();
        Optional<TypeRecord> found = lookups.activityTypes().getOrDefault(type.name() + "\u0001" + type.version(), Optional.empty());
        String cause = null;
        ActivityTypeConfiguration defaults = null;
        if (found.isEmpty()) {
            cause = "ACTIVITY_TYPE_DOES_NOT_EXIST";
        } else if (found.get().deprecated()) {
            cause = "ACTIVITY_TYPE_DEPRECATED";
        } else if (s.activities.containsKey(a.activityId())) {
            cause = "ACTIVITY_ID_ALREADY_IN_USE";
        } else {
            defaults = types.configuration(found.get(), ActivityTypeConfiguration.class);
        }
        String taskList = a.taskList() != null ? a.taskList().name() : defaults == null || defaults.defaultTaskList() == null ? null
                : defaults.defaultTaskList().name();
        String scheduleToStart = defaults == null ? null : Durations.firstOf(a.scheduleToStartTimeout(), defaults.defaultTaskScheduleToStartTimeout());
        String scheduleToClose = defaults == null ? null : Durations.firstOf(a.scheduleToCloseTimeout(), defaults.defaultTaskScheduleToCloseTimeout());
        String startToClose = defaults == null ? null : Durations.firstOf(a.startToCloseTimeout(), defaults.defaultTaskStartToCloseTimeout());
        String heartbeat = defaults == null ? null : Durations.firstOf(a.heartbeatTimeout(), defaults.defaultTaskHeartbeatTimeout());
        String priority = defaults == null ? null : Durations.firstOf(a.taskPriority(), defaults.defaultTaskPriority());
        if (cause == null) {
            if (taskList == null) {
                cause = "DEFAULT_TASK_LIST_UNDEFINED";
            } else if (scheduleToStart == null) {
                cause = "DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED";
            } else if (scheduleToClose == null) {
                cause = "DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED";
            } else if (startToClose == null) {
                cause = "DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED";
            } else if (heartbeat == null) {
                cause = "DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED";
            }
        }
        if (cause != null) {
            String c = cause;
            tx.event(EventType.SCHEDULE_ACTIVITY_TASK_FAILED, b -> b.scheduleActivityTaskFailedEventAttributes(
                    ScheduleActivityTaskFailedEventAttributes.builder().activityType(type).activityId(a.activityId()).cause(c)
                            .decisionTaskCompletedEventId(completedId).build()));
            tx.needDecision();
            return;
        }
        long id = tx.event(EventType.ACTIVITY_TASK_SCHEDULED, b -> b.activityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.builder().activityType(type).activityId(a.activityId()).input(a.input())
                        .control(a.control()).scheduleToStartTimeout(scheduleToStart).scheduleToCloseTimeout(scheduleToClose)
                        .startToCloseTimeout(startToClose).heartbeatTimeout(heartbeat)
                        .taskList(TaskList.builder().name(taskList).build()).taskPriority(priority)
                        .decisionTaskCompletedEventId(completedId).build()));
        ExecutionState.Activity act = new ExecutionState.Activity();
        act.activityId = a.activityId();
        act.name = type.name();
        act.version = type.version();
        act.scheduledEventId = id;
        act.taskList = taskList;
        act.input = a.input();
        act.scheduleToStartTimeout = scheduleToStart;
        act.scheduleToCloseTimeout = scheduleToClose;
        act.startToCloseTimeout = startToClose;
        act.heartbeatTimeout = heartbeat;
        s.activities.put(a.activityId(), act);
        act.token = tx.putTask(ExecutionTx.ACTIVITY, taskList, priority, id);
        tx.armTimeout(scheduleToStart, Timeouts.Kind.ACTIVITY_SCHEDULE_TO_START, id, null);
        tx.armTimeout(scheduleToClose, Timeouts.Kind.ACTIVITY_SCHEDULE_TO_CLOSE, id, null);
    }

    private static void cancelActivity(ExecutionTx tx, long completedId, RequestCancelActivityTaskDecisionAttributes a)
            throws SQLException {
        ExecutionState.Activity act = tx.state().activities.get(a.activityId());
        if (act == null) {
            tx.event(EventType.REQUEST_CANCEL_ACTIVITY_TASK_FAILED, b -> b.requestCancelActivityTaskFailedEventAttributes(
                    RequestCancelActivityTaskFailedEventAttributes.builder().activityId(a.activityId()).cause("ACTIVITY_ID_UNKNOWN")
                            .decisionTaskCompletedEventId(completedId).build()));
            tx.needDecision();
            return;
        }
        long requested = tx.event(EventType.ACTIVITY_TASK_CANCEL_REQUESTED, b -> b.activityTaskCancelRequestedEventAttributes(
                ActivityTaskCancelRequestedEventAttributes.builder().activityId(a.activityId())
                        .decisionTaskCompletedEventId(completedId).build()));
        if (act.startedEventId == 0) {
            // not handed to a worker yet: cancelled at once, as on AWS
            tx.state().activities.remove(act.activityId);
            tx.deleteTask(act.token);
            tx.event(EventType.ACTIVITY_TASK_CANCELED, b -> b.activityTaskCanceledEventAttributes(
                    ActivityTaskCanceledEventAttributes.builder().scheduledEventId(act.scheduledEventId).startedEventId(0L)
                            .latestCancelRequestedEventId(requested).build()));
            tx.needDecision();
        } else {
            act.cancelRequested = true;
        }
    }

    private static void startTimer(ExecutionTx tx, long completedId, StartTimerDecisionAttributes a) throws SQLException {
        ExecutionState s = tx.state();
        if (s.timers.containsKey(a.timerId())) {
            tx.event(EventType.START_TIMER_FAILED, b -> b.startTimerFailedEventAttributes(StartTimerFailedEventAttributes.builder()
                    .timerId(a.timerId()).cause("TIMER_ID_ALREADY_IN_USE").decisionTaskCompletedEventId(completedId).build()));
            tx.needDecision();
            return;
        }
        long id = tx.event(EventType.TIMER_STARTED, b -> b.timerStartedEventAttributes(TimerStartedEventAttributes.builder()
                .timerId(a.timerId()).control(a.control()).startToFireTimeout(a.startToFireTimeout())
                .decisionTaskCompletedEventId(completedId).build()));
        ExecutionState.Timer t = new ExecutionState.Timer();
        t.timerId = a.timerId();
        t.startedEventId = id;
        t.control = a.control();
        s.timers.put(t.timerId, t);
        tx.armTimeout(a.startToFireTimeout(), Timeouts.Kind.TIMER, id, a.timerId());
    }

    private static void cancelTimer(ExecutionTx tx, long completedId, CancelTimerDecisionAttributes a) throws SQLException {
        ExecutionState.Timer t = tx.state().timers.remove(a.timerId());
        if (t == null) {
            tx.event(EventType.CANCEL_TIMER_FAILED, b -> b.cancelTimerFailedEventAttributes(CancelTimerFailedEventAttributes.builder()
                    .timerId(a.timerId()).cause("TIMER_ID_UNKNOWN").decisionTaskCompletedEventId(completedId).build()));
            tx.needDecision();
            return;
        }
        tx.event(EventType.TIMER_CANCELED, b -> b.timerCanceledEventAttributes(TimerCanceledEventAttributes.builder()
                .timerId(t.timerId).startedEventId(t.startedEventId).decisionTaskCompletedEventId(completedId).build()));
    }

    private void continueAsNew(ExecutionTx tx, long completedId, ContinueAsNewWorkflowExecutionDecisionAttributes a,
                               Lookups lookups) throws SQLException {
        ExecutionRecord e = tx.record();
        ExecutionState s = tx.state();
        var attrs = a != null ? a : ContinueAsNewWorkflowExecutionDecisionAttributes.builder().build();
        String version = attrs.workflowTypeVersion() != null ? attrs.workflowTypeVersion() : e.typeVersion;
        Optional<TypeRecord> type = lookups.workflowTypes().getOrDefault(e.typeName + "\u0001" + version, Optional.empty());
        String cause = null;
        WorkflowTypeConfiguration defaults = null;
        if (type.isEmpty()) {
            cause = "WORKFLOW_TYPE_DOES_NOT_EXIST";
        } else if (type.get().deprecated()) {
            cause = "WORKFLOW_TYPE_DEPRECATED";
        } else {
            defaults = runs.defaults(type.get());
        }
        String taskList = attrs.taskList() != null ? attrs.taskList().name() : s.taskList;
        String execTimeout = attrs.executionStartToCloseTimeout() != null ? attrs.executionStartToCloseTimeout()
                : defaults == null ? null : Durations.firstOf(defaults.defaultExecutionStartToCloseTimeout(), s.executionStartToCloseTimeout);
        String taskTimeout = attrs.taskStartToCloseTimeout() != null ? attrs.taskStartToCloseTimeout()
                : defaults == null ? null : Durations.firstOf(defaults.defaultTaskStartToCloseTimeout(), s.taskStartToCloseTimeout);
        String childPolicy = attrs.childPolicyAsString() != null ? attrs.childPolicyAsString() : s.childPolicy;
        String priority = attrs.taskPriority() != null ? attrs.taskPriority() : s.taskPriority;
        String role = attrs.lambdaRole() != null ? attrs.lambdaRole() : s.lambdaRole;
        if (cause != null) {
            String c = cause;
            tx.event(EventType.CONTINUE_AS_NEW_WORKFLOW_EXECUTION_FAILED, b -> b.continueAsNewWorkflowExecutionFailedEventAttributes(
                    ContinueAsNewWorkflowExecutionFailedEventAttributes.builder().cause(c).decisionTaskCompletedEventId(completedId).build()));
            tx.needDecision();
            return;
        }
        List<String> tags = attrs.hasTagList() ? attrs.tagList() : e.tags;
        // the old run closes first, so the workflowId is free for the new one
        tx.close("CONTINUED_AS_NEW");
        tx.flushState();
        ExecutionService.Parent parent = s.parentRunId == null ? null
                : new ExecutionService.Parent(s.parentWorkflowId, s.parentRunId, s.parentInitiatedEventId);
        ExecutionTx next = runs.startIn(tx.session(), new ExecutionService.StartSpec(e.account, e.region, e.domain, e.workflowId,
                type.get(), tags, attrs.input(), taskList, priority, execTimeout, taskTimeout, childPolicy, role, e.runId, parent));
        String newRun = next.record().runId;
        TypeRecord t = type.get();
        tx.event(EventType.WORKFLOW_EXECUTION_CONTINUED_AS_NEW, b -> b.workflowExecutionContinuedAsNewEventAttributes(
                WorkflowExecutionContinuedAsNewEventAttributes.builder().input(attrs.input()).decisionTaskCompletedEventId(completedId)
                        .newExecutionRunId(newRun).executionStartToCloseTimeout(execTimeout)
                        .taskList(TaskList.builder().name(taskList).build()).taskPriority(priority)
                        .taskStartToCloseTimeout(taskTimeout).childPolicy(childPolicy).tagList(tags.isEmpty() ? null : tags)
                        .workflowType(WorkflowType.builder().name(t.name()).version(t.version()).build()).lambdaRole(role).build()));
    }
}
