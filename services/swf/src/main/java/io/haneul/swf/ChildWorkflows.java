package io.haneul.swf;

import io.haneul.swf.domain.Durations;
import io.haneul.swf.domain.ExecutionState;
import io.haneul.swf.store.ExecutionRecord;
import io.haneul.swf.store.TypeRecord;
import software.amazon.awssdk.services.swf.model.*;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Child workflows: the StartChildWorkflowExecution decision starts a run in the same transaction
 * (Initiated, then ChildWorkflowExecutionStarted in the parent); a child's close is reported to its
 * parent as ChildWorkflowExecution{Completed, Failed, Canceled, TimedOut, Terminated}; a parent that is
 * terminated or times out applies its child policy (TERMINATE, REQUEST_CANCEL or ABANDON) to the
 * children still open (other closes leave them running, as on AWS).
 * A child that continues as new stays the parent's child under its new run.
 */
final class ChildWorkflows {

    static final int MAX_OPEN_CHILDREN = 1000;

    private final ExecutionService runs;

    ChildWorkflows(ExecutionService runs) {
        this.runs = runs;
    }

    void start(ExecutionTx tx, long completedId, StartChildWorkflowExecutionDecisionAttributes a,
               Map<String, Optional<TypeRecord>> types) throws SQLException {
        ExecutionRecord e = tx.record();
        ExecutionState s = tx.state();
        WorkflowType type = a.workflowType();
        Optional<TypeRecord> found = types.getOrDefault(type.name() + "\u0001" + type.version(), Optional.empty());
        WorkflowTypeConfiguration d = found.isPresent() && !found.get().deprecated() ? runs.defaults(found.get()) : null;
        String taskList = a.taskList() != null ? a.taskList().name()
                : d == null || d.defaultTaskList() == null ? null : d.defaultTaskList().name();
        String execTimeout = d == null ? null : Durations.firstOf(a.executionStartToCloseTimeout(), d.defaultExecutionStartToCloseTimeout());
        String taskTimeout = d == null ? null : Durations.firstOf(a.taskStartToCloseTimeout(), d.defaultTaskStartToCloseTimeout());
        String childPolicy = d == null ? null : Durations.firstOf(a.childPolicyAsString(), d.defaultChildPolicyAsString());
        String priority = d == null ? null : Durations.firstOf(a.taskPriority(), d.defaultTaskPriority());
        String role = d == null ? null : Durations.firstOf(a.lambdaRole(), d.defaultLambdaRole());
        String cause = null;
        if (found.isEmpty()) {
            cause = "WORKFLOW_TYPE_DOES_NOT_EXIST";
        } else if (found.get().deprecated()) {
            cause = "WORKFLOW_TYPE_DEPRECATED";
        } else if (s.children.size() >= MAX_OPEN_CHILDREN) {
            cause = "OPEN_CHILDREN_LIMIT_EXCEEDED";
        } else if (runs.isOpen(tx.session(), e.account, e.region, e.domain, a.workflowId())) {
            cause = "WORKFLOW_ALREADY_RUNNING";
        } else if (execTimeout == null) {
            cause = "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED";
        } else if (taskList == null) {
            cause = "DEFAULT_TASK_LIST_UNDEFINED";
        } else if (taskTimeout == null) {
            cause = "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED";
        } else if (childPolicy == null) {
            cause = "DEFAULT_CHILD_POLICY_UNDEFINED";
        }
        if (cause != null) {
            String c = cause;
            tx.event(EventType.START_CHILD_WORKFLOW_EXECUTION_FAILED, b -> b.startChildWorkflowExecutionFailedEventAttributes(
                    StartChildWorkflowExecutionFailedEventAttributes.builder().workflowType(type).cause(c).workflowId(a.workflowId())
                            .initiatedEventId(0L).decisionTaskCompletedEventId(completedId).control(a.control()).build()));
            tx.needDecision();
            return;
        }
        List<String> tags = a.hasTagList() ? a.tagList() : List.of();
        long initiated = tx.event(EventType.START_CHILD_WORKFLOW_EXECUTION_INITIATED, b -> b
                .startChildWorkflowExecutionInitiatedEventAttributes(StartChildWorkflowExecutionInitiatedEventAttributes.builder()
                        .workflowId(a.workflowId()).workflowType(type).control(a.control()).input(a.input())
                        .executionStartToCloseTimeout(execTimeout).taskList(TaskList.builder().name(taskList).build())
                        .taskPriority(priority).decisionTaskCompletedEventId(completedId).childPolicy(childPolicy)
                        .taskStartToCloseTimeout(taskTimeout).tagList(tags.isEmpty() ? null : tags).lambdaRole(role).build()));
        ExecutionTx child = runs.startIn(tx.session(), new ExecutionService.StartSpec(e.account, e.region, e.domain, a.workflowId(),
                found.get(), tags, a.input(), taskList, priority, execTimeout, taskTimeout, childPolicy, role, null,
                new ExecutionService.Parent(e.workflowId, e.runId, initiated)));
        WorkflowExecution started = child.execution();
        long startedId = tx.event(EventType.CHILD_WORKFLOW_EXECUTION_STARTED, b -> b.childWorkflowExecutionStartedEventAttributes(
                ChildWorkflowExecutionStartedEventAttributes.builder().workflowExecution(started).workflowType(type)
                        .initiatedEventId(initiated).build()));
        ExecutionState.Child entry = new ExecutionState.Child();
        entry.workflowId = a.workflowId();
        entry.runId = started.runId();
        entry.name = type.name();
        entry.version = type.version();
        entry.initiatedEventId = initiated;
        entry.startedEventId = startedId;
        s.children.put(entry.workflowId, entry);
        tx.needDecision();
    }

    /** After {@code tx}'s run closed: tells its parent and applies the child policy to its own children. */
    static void closed(ExecutionTx tx, String closeStatus, String childPolicy, HistoryEvent closing) throws SQLException {
        ExecutionState s = tx.state();
        if (s.parentRunId != null && !"CONTINUED_AS_NEW".equals(closeStatus)) {
            notifyParent(tx, closeStatus, closing);
        }
        if (!"TERMINATED".equals(closeStatus) && !"TIMED_OUT".equals(closeStatus)) {
            // AWS applies the child policy when a run is terminated or times out; other closes leave children running
            s.children.clear();
            return;
        }
        for (ExecutionState.Child c : List.copyOf(s.children.values())) {
            ExecutionTx child = tx.openRun(c.workflowId, null);
            if (child == null || "ABANDON".equals(childPolicy) || !tx.record().runId.equals(child.state().parentRunId)
                    && !tx.record().workflowId.equals(child.state().parentWorkflowId)) {
                continue;
            }
            if ("TERMINATE".equals(childPolicy)) {
                child.event(EventType.WORKFLOW_EXECUTION_TERMINATED, b -> b.workflowExecutionTerminatedEventAttributes(
                        WorkflowExecutionTerminatedEventAttributes.builder().childPolicy(child.state().childPolicy)
                                .cause(WorkflowExecutionTerminatedCause.CHILD_POLICY_APPLIED).build()));
                child.close("TERMINATED");
            } else if ("REQUEST_CANCEL".equals(childPolicy) && !child.state().cancelRequested) {
                child.state().cancelRequested = true;
                child.event(EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED, b -> b.workflowExecutionCancelRequestedEventAttributes(
                        WorkflowExecutionCancelRequestedEventAttributes.builder()
                                .cause(WorkflowExecutionCancelRequestedCause.CHILD_POLICY_APPLIED).build()));
                child.needDecision();
            }
        }
        s.children.clear();
    }

    private static void notifyParent(ExecutionTx tx, String closeStatus, HistoryEvent closing) throws SQLException {
        ExecutionState s = tx.state();
        ExecutionTx parent = tx.session().load(s.parentRunId, () -> new IllegalStateException("parent run vanished"));
        if (!parent.record().open) {
            return;
        }
        ExecutionState.Child c = parent.state().children.remove(tx.record().workflowId);
        if (c == null) {
            return;
        }
        WorkflowExecution execution = tx.execution();
        WorkflowType type = WorkflowType.builder().name(tx.record().typeName).version(tx.record().typeVersion).build();
        long initiated = c.initiatedEventId;
        long started = c.startedEventId;
        switch (closeStatus) {
            case "COMPLETED" -> parent.event(EventType.CHILD_WORKFLOW_EXECUTION_COMPLETED, b -> b.childWorkflowExecutionCompletedEventAttributes(
                    ChildWorkflowExecutionCompletedEventAttributes.builder().workflowExecution(execution).workflowType(type)
                            .result(closing == null ? null : closing.workflowExecutionCompletedEventAttributes().result())
                            .initiatedEventId(initiated).startedEventId(started).build()));
            case "FAILED" -> parent.event(EventType.CHILD_WORKFLOW_EXECUTION_FAILED, b -> b.childWorkflowExecutionFailedEventAttributes(
                    ChildWorkflowExecutionFailedEventAttributes.builder().workflowExecution(execution).workflowType(type)
                            .reason(closing == null ? null : closing.workflowExecutionFailedEventAttributes().reason())
                            .details(closing == null ? null : closing.workflowExecutionFailedEventAttributes().details())
                            .initiatedEventId(initiated).startedEventId(started).build()));
            case "CANCELED" -> parent.event(EventType.CHILD_WORKFLOW_EXECUTION_CANCELED, b -> b.childWorkflowExecutionCanceledEventAttributes(
                    ChildWorkflowExecutionCanceledEventAttributes.builder().workflowExecution(execution).workflowType(type)
                            .details(closing == null ? null : closing.workflowExecutionCanceledEventAttributes().details())
                            .initiatedEventId(initiated).startedEventId(started).build()));
            case "TIMED_OUT" -> parent.event(EventType.CHILD_WORKFLOW_EXECUTION_TIMED_OUT, b -> b.childWorkflowExecutionTimedOutEventAttributes(
                    ChildWorkflowExecutionTimedOutEventAttributes.builder().workflowExecution(execution).workflowType(type)
                            .timeoutType(WorkflowExecutionTimeoutType.START_TO_CLOSE).initiatedEventId(initiated)
                            .startedEventId(started).build()));
            default -> parent.event(EventType.CHILD_WORKFLOW_EXECUTION_TERMINATED, b -> b.childWorkflowExecutionTerminatedEventAttributes(
                    ChildWorkflowExecutionTerminatedEventAttributes.builder().workflowExecution(execution).workflowType(type)
                            .initiatedEventId(initiated).startedEventId(started).build()));
        }
        parent.needDecision();
    }
}
