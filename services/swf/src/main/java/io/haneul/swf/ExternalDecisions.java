package io.haneul.swf;

import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.ExternalWorkflowExecutionCancelRequestedEventAttributes;
import software.amazon.awssdk.services.swf.model.ExternalWorkflowExecutionSignaledEventAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelExternalWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelExternalWorkflowExecutionFailedEventAttributes;
import software.amazon.awssdk.services.swf.model.RequestCancelExternalWorkflowExecutionInitiatedEventAttributes;
import software.amazon.awssdk.services.swf.model.SignalExternalWorkflowExecutionDecisionAttributes;
import software.amazon.awssdk.services.swf.model.SignalExternalWorkflowExecutionFailedEventAttributes;
import software.amazon.awssdk.services.swf.model.SignalExternalWorkflowExecutionInitiatedEventAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionCancelRequestedEventAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionSignaledEventAttributes;

import java.sql.SQLException;

/**
 * Decisions that reach another execution of the same domain: signals and cancel requests. Both runs
 * change in one transaction, so the initiating run records Initiated and then Signaled / CancelRequested
 * (or Failed with UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION when no such open run exists), and the target
 * records the signal or request and gets a decision task.
 */
final class ExternalDecisions {

    private ExternalDecisions() {
    }

    static void signal(ExecutionTx tx, long completedId, SignalExternalWorkflowExecutionDecisionAttributes a) throws SQLException {
        long initiated = tx.event(EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, b -> b
                .signalExternalWorkflowExecutionInitiatedEventAttributes(SignalExternalWorkflowExecutionInitiatedEventAttributes.builder()
                        .workflowId(a.workflowId()).runId(a.runId()).signalName(a.signalName()).input(a.input()).control(a.control())
                        .decisionTaskCompletedEventId(completedId).build()));
        ExecutionTx target = tx.openRun(a.workflowId(), a.runId());
        if (target == null) {
            tx.event(EventType.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, b -> b.signalExternalWorkflowExecutionFailedEventAttributes(
                    SignalExternalWorkflowExecutionFailedEventAttributes.builder().workflowId(a.workflowId()).runId(a.runId())
                            .cause("UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION").initiatedEventId(initiated)
                            .decisionTaskCompletedEventId(completedId).control(a.control()).build()));
            tx.needDecision();
            return;
        }
        WorkflowExecution source = tx.execution();
        target.event(EventType.WORKFLOW_EXECUTION_SIGNALED, b -> b.workflowExecutionSignaledEventAttributes(
                WorkflowExecutionSignaledEventAttributes.builder().signalName(a.signalName()).input(a.input())
                        .externalWorkflowExecution(source).externalInitiatedEventId(initiated).build()));
        target.needDecision();
        WorkflowExecution signaled = target.execution();
        tx.event(EventType.EXTERNAL_WORKFLOW_EXECUTION_SIGNALED, b -> b.externalWorkflowExecutionSignaledEventAttributes(
                ExternalWorkflowExecutionSignaledEventAttributes.builder().workflowExecution(signaled).initiatedEventId(initiated).build()));
        tx.needDecision();
    }

    static void requestCancel(ExecutionTx tx, long completedId, RequestCancelExternalWorkflowExecutionDecisionAttributes a)
            throws SQLException {
        long initiated = tx.event(EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, b -> b
                .requestCancelExternalWorkflowExecutionInitiatedEventAttributes(
                        RequestCancelExternalWorkflowExecutionInitiatedEventAttributes.builder().workflowId(a.workflowId())
                                .runId(a.runId()).control(a.control()).decisionTaskCompletedEventId(completedId).build()));
        ExecutionTx target = tx.openRun(a.workflowId(), a.runId());
        if (target == null) {
            tx.event(EventType.REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, b -> b
                    .requestCancelExternalWorkflowExecutionFailedEventAttributes(
                            RequestCancelExternalWorkflowExecutionFailedEventAttributes.builder().workflowId(a.workflowId())
                                    .runId(a.runId()).cause("UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION").initiatedEventId(initiated)
                                    .decisionTaskCompletedEventId(completedId).control(a.control()).build()));
            tx.needDecision();
            return;
        }
        WorkflowExecution source = tx.execution();
        if (!target.state().cancelRequested) {
            target.state().cancelRequested = true;
            target.event(EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED, b -> b.workflowExecutionCancelRequestedEventAttributes(
                    WorkflowExecutionCancelRequestedEventAttributes.builder().externalWorkflowExecution(source)
                            .externalInitiatedEventId(initiated).build()));
            target.needDecision();
        }
        WorkflowExecution requested = target.execution();
        tx.event(EventType.EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED, b -> b.externalWorkflowExecutionCancelRequestedEventAttributes(
                ExternalWorkflowExecutionCancelRequestedEventAttributes.builder().workflowExecution(requested)
                        .initiatedEventId(initiated).build()));
        tx.needDecision();
    }
}
