package io.haneul.swf;

import io.haneul.storage.DurableScheduler;
import io.haneul.swf.domain.Durations;
import io.haneul.swf.domain.ExecutionState;
import io.haneul.swf.store.ExecutionRecord;
import io.haneul.swf.store.SqlExecutionStore;
import io.haneul.swf.store.TaskRow;
import software.amazon.awssdk.services.swf.model.DecisionTaskScheduledEventAttributes;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One run being changed inside an engine transaction: appends history events with consecutive ids,
 * keeps the run's {@link ExecutionState} in step, puts tasks on task lists and arms durable
 * timeouts. Written back by the engine when the transaction's work returns.
 */
final class ExecutionTx {

    static final String DECISION = "D";
    static final String ACTIVITY = "A";

    private final ExecutionEngine.Session session;
    private final ExecutionRecord e;
    private final SqlExecutionStore store;
    private final DurableScheduler scheduler;
    private final List<HistoryEvent> added = new ArrayList<>();
    /** Events written by {@link #flush}: what the store keeps in memory once done, with the run. */
    private final List<HistoryEvent> written = new ArrayList<>();
    private final boolean fresh;
    /** The row version the run was loaded at (the run cache continues its kept history only from it). */
    private final long loadedVersion;

    ExecutionTx(ExecutionEngine.Session session, ExecutionRecord e, SqlExecutionStore store, DurableScheduler scheduler,
                boolean fresh) {
        this.session = session;
        this.e = e;
        this.store = store;
        this.scheduler = scheduler;
        this.fresh = fresh;
        this.loadedVersion = e.version;
    }

    ExecutionRecord record() {
        return e;
    }

    ExecutionState state() {
        return e.state;
    }

    Instant now() {
        return session.now;
    }

    ExecutionEngine.Session session() {
        return session;
    }

    WorkflowExecution execution() {
        return WorkflowExecution.builder().workflowId(e.workflowId).runId(e.runId).build();
    }

    /** Appends an event; {@code attributes} sets its type-specific attributes. Returns its id. */
    long event(EventType type, Consumer<HistoryEvent.Builder> attributes) {
        long id = e.nextEventId++;
        HistoryEvent.Builder b = HistoryEvent.builder().eventId(id).eventTimestamp(session.now).eventType(type);
        attributes.accept(b);
        added.add(b.build());
        return id;
    }

    long lastEventId() {
        return e.nextEventId - 1;
    }

    /**
     * Asks for a decision: schedules a decision task unless one is already waiting; when a decider
     * is working on one, another follows once it completes (one decision task at a time).
     */
    void needDecision() throws SQLException {
        if (!e.open) {
            return;
        }
        ExecutionState s = e.state;
        if (s.decisionScheduledId != 0) {
            if (s.decisionStartedId != 0) {
                s.decisionPending = true;
            }
            return;
        }
        String list = s.overrideTaskList != null ? s.overrideTaskList : s.taskList;
        long id = event(EventType.DECISION_TASK_SCHEDULED, b -> b.decisionTaskScheduledEventAttributes(
                DecisionTaskScheduledEventAttributes.builder().taskList(TaskList.builder().name(list).build())
                        .taskPriority(s.taskPriority).startToCloseTimeout(s.taskStartToCloseTimeout)
                        .scheduleToStartTimeout(s.overrideTaskList != null ? s.overrideScheduleToStart : null).build()));
        s.decisionScheduledId = id;
        s.decisionStartedId = 0;
        s.decisionPending = false;
        s.decisionToken = putTask(DECISION, list, s.taskPriority, id);
        if (s.overrideTaskList != null) {
            armTimeout(s.overrideScheduleToStart, Timeouts.Kind.DECISION_SCHEDULE_TO_START, id, null);
        }
    }

    /** Puts a task on a task list of this run's domain and remembers to wake its pollers. */
    String putTask(String kind, String taskList, String priority, long scheduledEventId) throws SQLException {
        // the run and the scheduled event lead the token, so a stale one can be answered as AWS does
        String token = e.runId + ":" + scheduledEventId + ":" + UUID.randomUUID();
        int p = priority == null ? 0 : Integer.parseInt(priority);
        store.insertTask(session.c, new TaskRow(token, e.account, e.region, e.domain, kind, taskList, p, e.runId,
                scheduledEventId, false));
        session.wake.merge(listKey(e.account, e.region, e.domain, kind, taskList), 1, Integer::sum);
        return token;
    }

    void deleteTask(String token) throws SQLException {
        if (token != null) {
            store.deleteTask(session.c, token);
        }
    }

    /** Arms a durable timeout of this run unless {@code timeout} is NONE or absent. */
    void armTimeout(String timeout, Timeouts.Kind kind, long eventId, String extra) throws SQLException {
        var d = Durations.of(timeout);
        if (d.isPresent()) {
            armAt(session.now.plus(d.get()), kind, eventId, extra);
        }
    }

    /**
     * Arms a timer or timeout of this run: it joins the run's pending timeouts, and the run's one
     * durable job is moved earlier at {@link #flush} if it is due before that job runs.
     */
    void armAt(Instant at, Timeouts.Kind kind, long eventId, String extra) {
        ExecutionState.PendingTimeout t = new ExecutionState.PendingTimeout();
        t.at = at.toEpochMilli();
        t.kind = kind.name();
        t.eventId = eventId;
        t.extra = extra;
        e.state.timeouts.add(t);
    }

    /**
     * Keeps one durable job per open run, due no later than its earliest pending timeout: timeouts
     * that can no longer fire are dropped, and the job is replaced (in this transaction) only when a
     * timeout is due before it. A job that runs early finds nothing due and arms the next one.
     */
    private void armEarliest() throws SQLException {
        ExecutionState s = e.state;
        if (!e.open) {
            return;
        }
        s.timeouts.removeIf(t -> Timeouts.moot(s, t));
        long earliest = Long.MAX_VALUE;
        for (ExecutionState.PendingTimeout t : s.timeouts) {
            earliest = Math.min(earliest, t.at);
        }
        if (earliest == Long.MAX_VALUE || s.timeoutJobId != null && s.timeoutJobAt <= earliest) {
            return;
        }
        if (s.timeoutJobId != null) {
            scheduler.cancel(session.c, s.timeoutJobId);
        }
        Instant at = Instant.ofEpochMilli(earliest);
        session.jobArmed(at);
        s.timeoutJobId = scheduler.schedule(session.c, ExecutionEngine.TIMEOUT_JOB, e.runId, e.runId, at);
        s.timeoutJobAt = earliest;
    }

    void armAfter(Duration after, Timeouts.Kind kind, long eventId, String extra) throws SQLException {
        armAt(session.now.plus(after), kind, eventId, extra);
    }

    /** Closes the run with its own child policy; see {@link #close(String, String)}. */
    void close(String closeStatus) throws SQLException {
        close(closeStatus, e.state.childPolicy);
    }

    /**
     * Closes the run with {@code closeStatus} after its closing event was appended: its waiting tasks
     * go, its timeouts are cancelled after commit, its parent hears of it and {@code childPolicy} is
     * applied to its open children.
     */
    void close(String closeStatus, String childPolicy) throws SQLException {
        if (hasWaitingTasks(e.state)) {
            store.deleteTasksOfRun(session.c, e.runId);
        }
        e.open = false;
        e.closeStatus = closeStatus;
        e.closedAt = session.now.toEpochMilli();
        e.state.decisionScheduledId = 0;
        e.state.decisionStartedId = 0;
        e.state.decisionToken = null;
        e.state.decisionPending = false;
        e.state.timeouts.clear();
        if (e.state.timeoutJobId != null) {
            scheduler.cancel(session.c, e.state.timeoutJobId);
            e.state.timeoutJobId = null;
            e.state.timeoutJobAt = 0;
        }
        Instant purgeAt = Retention.purgeAt(session.now, e.state.retention);
        session.jobArmed(purgeAt);
        scheduler.schedule(session.c, Retention.JOB, e.runId, e.runId, purgeAt);
        ChildWorkflows.closed(this, closeStatus, childPolicy, added.isEmpty() ? null : added.get(added.size() - 1));
    }

    /**
     * Whether a task of the run waits on a task list: its decision task or an activity task not yet
     * handed out (tasks handed out have no row; see {@link SqlExecutionStore#claim}).
     */
    static boolean hasWaitingTasks(ExecutionState s) {
        if (s.decisionScheduledId != 0 && s.decisionStartedId == 0) {
            return true;
        }
        for (ExecutionState.Activity a : s.activities.values()) {
            if (a.startedEventId == 0) {
                return true;
            }
        }
        return false;
    }

    /** Writes the run's row now (before another run of the same workflowId is created in this transaction). */
    void flushState() throws SQLException {
        store.update(session.c, e);
    }

    /** The open run of a workflowId in this run's domain, locked into this transaction; null when there is none. */
    ExecutionTx openRun(String workflowId, String runId) throws SQLException {
        var open = store.openRunId(session.c, e.account, e.region, e.domain, workflowId);
        if (open.isEmpty() || (runId != null && !runId.isEmpty() && !runId.equals(open.get()))) {
            return null;
        }
        return session.load(open.get(), () -> new IllegalStateException("run vanished"));
    }

    /**
     * Terminates the run, as AWS does, when its history reached the limit of events (25,000 by
     * default), leaving room for the WorkflowExecutionTerminated event itself.
     */
    void enforceHistoryLimit(long maxEvents) throws SQLException {
        if (e.open && lastEventId() >= maxEvents - 1) {
            String policy = e.state.childPolicy;
            event(EventType.WORKFLOW_EXECUTION_TERMINATED, b -> b.workflowExecutionTerminatedEventAttributes(
                    software.amazon.awssdk.services.swf.model.WorkflowExecutionTerminatedEventAttributes.builder().childPolicy(policy)
                            .cause(software.amazon.awssdk.services.swf.model.WorkflowExecutionTerminatedCause.EVENT_LIMIT_EXCEEDED).build()));
            close("TERMINATED");
        }
    }

    void flush() throws SQLException {
        armEarliest();
        store.append(session.c, e.runId, added);
        written.addAll(added);
        added.clear();
        store.update(session.c, e);
    }

    /** The last step of the transaction's work: the store keeps what {@link #flush} wrote. */
    void written() {
        store.committed(e, written, fresh, loadedVersion);
    }

    static String listKey(String account, String region, String domain, String kind, String taskList) {
        return account + "\u0001" + region + "\u0001" + domain + "\u0001" + kind + "\u0001" + taskList;
    }
}
