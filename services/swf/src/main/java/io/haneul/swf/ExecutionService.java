package io.haneul.swf;

import io.haneul.swf.domain.Durations;
import io.haneul.swf.domain.ExecutionState;
import io.haneul.swf.domain.Pages;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.domain.SwfFault;
import io.haneul.swf.store.ExecutionRecord;
import io.haneul.swf.store.TypeKind;
import io.haneul.swf.store.TypeRecord;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionCancelRequestedEventAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionSignaledEventAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTerminatedEventAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowType;
import software.amazon.awssdk.services.swf.model.WorkflowTypeConfiguration;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Workflow executions from the outside: start (defaults from the workflow type), signal, request
 * cancel, terminate, and reading them back (history, describe). Deciders and workers change them
 * through {@link TaskService}; timeouts through {@link Timeouts}.
 */
final class ExecutionService {

    /** What a new run is started with, after defaults were applied. */
    record StartSpec(String account, String region, String domain, String workflowId, TypeRecord type, List<String> tags,
                     String input, String taskList, String taskPriority, String executionStartToCloseTimeout,
                     String taskStartToCloseTimeout, String childPolicy, String lambdaRole, String continuedFromRunId,
                     Parent parent) {
    }

    /** The run that starts a child workflow, and its StartChildWorkflowExecutionInitiated event. */
    record Parent(String workflowId, String runId, long initiatedEventId) {
    }

    private final ExecutionEngine engine;
    private final io.haneul.swf.store.SqlExecutionStore store;
    private final DomainService domains;
    private final TypeService types;
    private final Clock clock;

    ExecutionService(ExecutionEngine engine, io.haneul.swf.store.SqlExecutionStore store, DomainService domains,
                     TypeService types, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.domains = domains;
        this.types = types;
        this.clock = clock;
    }

    DomainService domains() {
        return domains;
    }

    /** The type to start, with AWS's faults for unknown and deprecated types. */
    TypeRecord startableType(String account, String region, String domain, String name, String version) {
        domains.active(account, region, domain);
        TypeRecord t = types.get(account, region, domain, TypeKind.WorkflowType, name, version);
        if (t.deprecated()) {
            throw new SwfException(SwfFault.TypeDeprecatedFault, SwfException.typeText("WorkflowType", name, version));
        }
        return t;
    }

    WorkflowTypeConfiguration defaults(TypeRecord t) {
        return types.configuration(t, WorkflowTypeConfiguration.class);
    }

    /** Starts a run; returns its runId. */
    String start(StartSpec spec) {
        if (spec.taskList() == null) {
            throw new SwfException(SwfFault.DefaultUndefinedFault, "No default task list defined");
        }
        if (spec.executionStartToCloseTimeout() == null) {
            throw new SwfException(SwfFault.DefaultUndefinedFault, "No default execution start to close timeout defined");
        }
        if (spec.taskStartToCloseTimeout() == null) {
            throw new SwfException(SwfFault.DefaultUndefinedFault, "No default task start to close timeout defined");
        }
        if (spec.childPolicy() == null) {
            throw new SwfException(SwfFault.DefaultUndefinedFault, "No default child policy defined");
        }
        if (spec.tags() != null && spec.tags().size() > 5) {
            throw new SwfException(SwfFault.LimitExceededFault, "A workflow execution can have at most 5 tags");
        }
        Durations.check("executionStartToCloseTimeout", spec.executionStartToCloseTimeout(), false);
        Durations.check("taskStartToCloseTimeout", spec.taskStartToCloseTimeout(), true);
        Durations.checkPriority("taskPriority", spec.taskPriority());
        return engine.transact(s -> startIn(s, spec).record().runId);
    }

    /** Starts a run inside a transaction (StartWorkflowExecution, ContinueAsNew). */
    ExecutionTx startIn(ExecutionEngine.Session s, StartSpec spec) throws SQLException {
        if (isOpen(s, spec.account(), spec.region(), spec.domain(), spec.workflowId())) {
            throw new SwfException(SwfFault.WorkflowExecutionAlreadyStartedFault, "Already Started");
        }
        ExecutionState st = new ExecutionState();
        st.taskList = spec.taskList();
        st.taskPriority = spec.taskPriority();
        st.taskStartToCloseTimeout = spec.taskStartToCloseTimeout();
        st.executionStartToCloseTimeout = spec.executionStartToCloseTimeout();
        st.childPolicy = spec.childPolicy();
        st.lambdaRole = spec.lambdaRole();
        st.input = spec.input();
        st.retention = store.retention(s.c, spec.account(), spec.region(), spec.domain());
        if (spec.parent() != null) {
            st.parentWorkflowId = spec.parent().workflowId();
            st.parentRunId = spec.parent().runId();
            st.parentInitiatedEventId = spec.parent().initiatedEventId();
        }
        List<String> tags = spec.tags() == null ? List.of() : List.copyOf(spec.tags());
        ExecutionRecord e = new ExecutionRecord(UUID.randomUUID().toString().replace("-", ""), spec.account(), spec.region(),
                spec.domain(), spec.workflowId(), spec.type().name(), spec.type().version(), tags, true, null,
                s.now.toEpochMilli(), null, 1, st);
        ExecutionTx tx = s.create(e);
        tx.event(EventType.WORKFLOW_EXECUTION_STARTED, b -> b.workflowExecutionStartedEventAttributes(
                WorkflowExecutionStartedEventAttributes.builder().input(spec.input())
                        .executionStartToCloseTimeout(spec.executionStartToCloseTimeout())
                        .taskStartToCloseTimeout(spec.taskStartToCloseTimeout()).childPolicy(spec.childPolicy())
                        .taskList(TaskList.builder().name(spec.taskList()).build()).taskPriority(spec.taskPriority())
                        .workflowType(WorkflowType.builder().name(spec.type().name()).version(spec.type().version()).build())
                        .tagList(tags.isEmpty() ? null : tags).lambdaRole(spec.lambdaRole())
                        .continuedExecutionRunId(spec.continuedFromRunId())
                        .parentWorkflowExecution(spec.parent() == null ? null : software.amazon.awssdk.services.swf.model.WorkflowExecution
                                .builder().workflowId(spec.parent().workflowId()).runId(spec.parent().runId()).build())
                        .parentInitiatedEventId(spec.parent() == null ? null : spec.parent().initiatedEventId()).build()));
        tx.armTimeout(spec.executionStartToCloseTimeout(), Timeouts.Kind.WORKFLOW, 0, null);
        tx.needDecision();
        return tx;
    }

    /** Whether the workflowId has an open run (inside a transaction). */
    boolean isOpen(ExecutionEngine.Session s, String account, String region, String domain, String workflowId) throws SQLException {
        return store.openRunId(s.c, account, region, domain, workflowId).isPresent();
    }

    /** The run named by workflowId and runId, or the open run of the workflowId when runId is absent. */
    ExecutionRecord find(String account, String region, String domain, String workflowId, String runId) {
        domains.get(account, region, domain);
        String run = runId;
        if (run == null || run.isEmpty()) {
            run = store.openRunId(account, region, domain, workflowId)
                    .orElseThrow(() -> SwfException.unknownExecution(workflowId, runId));
        }
        String r = run;
        return store.find(account, region, domain, workflowId, run).orElseThrow(() -> SwfException.unknownExecution(workflowId, r));
    }

    /** The run, which must be open. */
    ExecutionRecord findOpen(String account, String region, String domain, String workflowId, String runId) {
        ExecutionRecord e = find(account, region, domain, workflowId, runId);
        if (!e.open) {
            throw SwfException.unknownExecution(workflowId, runId);
        }
        return e;
    }

    /** The run's history as of the version read ({@code e}): its events up to the last id it had given. */
    List<HistoryEvent> history(ExecutionRecord e) {
        return store.events(e, e.nextEventId - 1);
    }

    Pages.Page<HistoryEvent> historyPage(ExecutionRecord e, boolean reverse, Integer pageSize, String token) {
        List<HistoryEvent> all = new ArrayList<>(history(e));
        if (reverse) {
            Collections.reverse(all);
        }
        return Pages.page(all, pageSize, token, "history/" + e.runId + "/" + reverse);
    }

    void signal(String account, String region, String domain, String workflowId, String runId, String signalName, String input) {
        ExecutionRecord found = findOpen(account, region, domain, workflowId, runId);
        engine.update(found.runId, () -> SwfException.unknownExecution(workflowId, runId), tx -> {
            requireOpen(tx, workflowId, runId);
            tx.event(EventType.WORKFLOW_EXECUTION_SIGNALED, b -> b.workflowExecutionSignaledEventAttributes(
                    WorkflowExecutionSignaledEventAttributes.builder().signalName(signalName).input(input).build()));
            tx.needDecision();
            return null;
        });
    }

    void requestCancel(String account, String region, String domain, String workflowId, String runId) {
        ExecutionRecord found = findOpen(account, region, domain, workflowId, runId);
        engine.update(found.runId, () -> SwfException.unknownExecution(workflowId, runId), tx -> {
            requireOpen(tx, workflowId, runId);
            if (tx.state().cancelRequested) {
                return null;
            }
            tx.state().cancelRequested = true;
            tx.event(EventType.WORKFLOW_EXECUTION_CANCEL_REQUESTED, b -> b.workflowExecutionCancelRequestedEventAttributes(
                    WorkflowExecutionCancelRequestedEventAttributes.builder().build()));
            tx.needDecision();
            return null;
        });
    }

    void terminate(String account, String region, String domain, String workflowId, String runId, String reason,
                   String details, String childPolicy) {
        ExecutionRecord found = findOpen(account, region, domain, workflowId, runId);
        engine.update(found.runId, () -> SwfException.unknownExecution(workflowId, runId), tx -> {
            requireOpen(tx, workflowId, runId);
            String policy = childPolicy != null ? childPolicy : tx.state().childPolicy;
            tx.event(EventType.WORKFLOW_EXECUTION_TERMINATED, b -> b.workflowExecutionTerminatedEventAttributes(
                    WorkflowExecutionTerminatedEventAttributes.builder().reason(reason).details(details).childPolicy(policy)
                            .build()));
            tx.close("TERMINATED", policy);
            return null;
        });
    }

    private static void requireOpen(ExecutionTx tx, String workflowId, String runId) {
        if (!tx.record().open) {
            throw SwfException.unknownExecution(workflowId, runId);
        }
    }

    Clock clock() {
        return clock;
    }
}
