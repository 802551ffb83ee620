package io.haneul.swf;

import io.haneul.swf.domain.ExecutionState;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.domain.SwfFault;
import io.haneul.swf.store.ExecutionRecord;
import io.haneul.swf.store.SqlExecutionStore;
import io.haneul.swf.store.TaskListWakeups;
import io.haneul.swf.store.TaskRow;
import software.amazon.awssdk.services.swf.model.*;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The matching layer: long polls on task lists, and the answers of deciders and activity workers.
 * A poll takes the first waiting task of its list in a transaction that also records the Started
 * event; with none it parks on the list's wake-up (no busy polling) until a task is scheduled there
 * or the poll time (60 s, like AWS) runs out, and then answers the empty task. A list known to be
 * empty is not claimed from at all (see {@link TaskListWakeups#knownEmpty}).
 */
final class TaskService {

    /** What a decision poll hands out, before its events are read. */
    record DecisionTask(String token, long startedEventId, long previousStartedEventId, ExecutionRecord run) {
    }

    /** What an activity poll hands out. */
    record ActivityTask(String token, String activityId, long startedEventId, ExecutionRecord run, ActivityType type, String input) {
    }

    private static final int MAX_POLLERS = 1000;

    private final ExecutionEngine engine;
    private final SqlExecutionStore store;
    private final DomainService domains;
    private final TaskListWakeups wakeups;
    private final Decisions decisions;
    private final Duration pollWait;
    private final Clock clock;

    TaskService(ExecutionEngine engine, SqlExecutionStore store, DomainService domains, TaskListWakeups wakeups,
                Decisions decisions, Duration pollWait, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.domains = domains;
        this.wakeups = wakeups;
        this.decisions = decisions;
        this.pollWait = pollWait;
        this.clock = clock;
    }

    Optional<DecisionTask> pollDecision(String account, String region, String domain, String taskList, String identity)
            throws InterruptedException {
        domains.get(account, region, domain);
        return poll(account, region, domain, ExecutionTx.DECISION, taskList, () -> claimDecision(account, region, domain, taskList, identity));
    }

    Optional<ActivityTask> pollActivity(String account, String region, String domain, String taskList, String identity)
            throws InterruptedException {
        domains.get(account, region, domain);
        return poll(account, region, domain, ExecutionTx.ACTIVITY, taskList, () -> claimActivity(account, region, domain, taskList, identity));
    }

    private interface Claim<T> {
        /** Empty when no task waits; a present empty Optional when a stale task was dropped (try again). */
        Optional<Optional<T>> next();
    }

    private <T> Optional<T> poll(String account, String region, String domain, String kind, String taskList, Claim<T> claim)
            throws InterruptedException {
        String key = ExecutionTx.listKey(account, region, domain, kind, taskList);
        if (wakeups.waiters(key) >= MAX_POLLERS) {
            throw new SwfException(SwfFault.LimitExceededFault, "Too many pollers on task list " + taskList);
        }
        long deadline = System.nanoTime() + pollWait.toNanos();
        while (true) {
            long version = wakeups.version(key);
            if (!wakeups.knownEmpty(key)) {
                Optional<Optional<T>> got = counted(key, claim);
                while (got.isPresent() && got.get().isEmpty()) {
                    wakeups.tookTask(key);
                    got = counted(key, claim);
                }
                if (got.isPresent()) {
                    wakeups.tookTask(key);
                    return got.get();
                }
                wakeups.foundEmpty(key, version);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return Optional.empty();
            }
            wakeups.await(key, version, left);
        }
    }

    /** Runs a claim known to the list's gate; the caller ends it (took a task, or found the list empty). */
    private <T> Optional<Optional<T>> counted(String key, Claim<T> claim) {
        wakeups.claimStarted(key);
        try {
            return claim.next();
        } catch (RuntimeException | Error e) {
            wakeups.claimFailed(key);
            throw e;
        }
    }

    private Optional<Optional<DecisionTask>> claimDecision(String account, String region, String domain, String taskList,
                                                           String identity) {
        return engine.transact(s -> {
            Optional<TaskRow> row = store.claim(s.c, account, region, domain, ExecutionTx.DECISION, taskList);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            TaskRow t = row.get();
            ExecutionTx tx = s.load(t.runId(), () -> new IllegalStateException("task of a deleted run"));
            ExecutionState st = tx.state();
            if (!tx.record().open || st.decisionScheduledId != t.scheduledEventId() || !t.token().equals(st.decisionToken)) {
                return Optional.of(Optional.empty()); // a stale task: the claim took it off the list
            }
            long started = tx.event(EventType.DECISION_TASK_STARTED, b -> b.decisionTaskStartedEventAttributes(
                    DecisionTaskStartedEventAttributes.builder().identity(identity).scheduledEventId(t.scheduledEventId()).build()));
            st.decisionStartedId = started;
            tx.armTimeout(st.taskStartToCloseTimeout, Timeouts.Kind.DECISION_START_TO_CLOSE, started, null);
            return Optional.of(Optional.of(new DecisionTask(t.token(), started, st.previousStartedEventId, tx.record())));
        });
    }

    private Optional<Optional<ActivityTask>> claimActivity(String account, String region, String domain, String taskList,
                                                           String identity) {
        return engine.transact(s -> {
            Optional<TaskRow> row = store.claim(s.c, account, region, domain, ExecutionTx.ACTIVITY, taskList);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            TaskRow t = row.get();
            ExecutionTx tx = s.load(t.runId(), () -> new IllegalStateException("task of a deleted run"));
            ExecutionState.Activity a = tx.state().activityByScheduledId(t.scheduledEventId());
            if (!tx.record().open || a == null || a.startedEventId != 0) {
                return Optional.of(Optional.empty()); // a stale task: the claim took it off the list
            }
            long started = tx.event(EventType.ACTIVITY_TASK_STARTED, b -> b.activityTaskStartedEventAttributes(
                    ActivityTaskStartedEventAttributes.builder().identity(identity).scheduledEventId(t.scheduledEventId()).build()));
            a.startedEventId = started;
            a.lastHeartbeatAt = s.now.toEpochMilli();
            tx.state().latestActivityTaskTimestamp = s.now.toEpochMilli();
            tx.armTimeout(a.startToCloseTimeout, Timeouts.Kind.ACTIVITY_START_TO_CLOSE, a.scheduledEventId, Long.toString(started));
            tx.armTimeout(a.heartbeatTimeout, Timeouts.Kind.ACTIVITY_HEARTBEAT, a.scheduledEventId, Long.toString(started));
            return Optional.of(Optional.of(new ActivityTask(t.token(), a.activityId, started, tx.record(),
                    ActivityType.builder().name(a.name).version(a.version).build(), a.input)));
        });
    }

    /**
     * The open run whose started task a token names, within the caller's account and region;
     * UnknownResourceFault otherwise. The token leads with its run's id, and the run's state knows
     * its started tasks (the decision task's token, each activity's), so this costs one read of the
     * run (from memory on SQLite) rather than a read of the task list.
     */
    private ExecutionRecord startedRun(String account, String region, String token, String kind) {
        if (token == null || token.isEmpty()) {
            throw SwfException.unknownToken();
        }
        int colon = token.indexOf(':');
        if (colon > 0) {
            Optional<ExecutionRecord> run = store.get(token.substring(0, colon));
            if (run.isPresent() && run.get().open && run.get().account.equals(account) && run.get().region.equals(region)
                    && started(run.get().state, token, kind)) {
                return run.get();
            }
        }
        throw staleToken(account, region, token, kind);
    }

    private static boolean started(ExecutionState s, String token, String kind) {
        if (ExecutionTx.DECISION.equals(kind)) {
            return token.equals(s.decisionToken) && s.decisionStartedId != 0;
        }
        ExecutionState.Activity a = s.activityByToken(token);
        return a != null && a.startedEventId != 0;
    }

    /**
     * AWS's answer to a token whose task is gone: the execution when it closed, else the task by its
     * scheduled event id; tokens of another account or not Haneul's are simply unknown.
     */
    private SwfException staleToken(String account, String region, String token, String kind) {
        String[] parts = token.split(":", 3);
        if (parts.length == 3) {
            Optional<ExecutionRecord> run = store.get(parts[0]);
            if (run.isPresent() && run.get().account.equals(account) && run.get().region.equals(region)) {
                if (!run.get().open) {
                    return SwfException.unknownExecution(run.get().workflowId, run.get().runId);
                }
                return new SwfException(io.haneul.swf.domain.SwfFault.UnknownResourceFault,
                        (ExecutionTx.DECISION.equals(kind) ? "Unknown decision task, scheduledEventId = " : "Unknown activity, scheduledEventId = ")
                                + parts[1]);
            }
        }
        return SwfException.unknownToken();
    }

    /** The started decision task a token names (for further history pages). */
    DecisionTask decisionTask(String account, String region, String token) {
        ExecutionRecord run = startedRun(account, region, token, ExecutionTx.DECISION);
        return new DecisionTask(token, run.state.decisionStartedId, run.state.previousStartedEventId, run);
    }

    List<HistoryEvent> events(ExecutionRecord run, long upTo) {
        return store.events(run, upTo);
    }

    void completeDecision(String account, String region, String token, List<Decision> list, String executionContext,
                          String taskList, String taskListScheduleToStart) {
        io.haneul.swf.domain.Durations.check("taskListScheduleToStartTimeout", taskListScheduleToStart, true);
        ExecutionRecord before = startedRun(account, region, token, ExecutionTx.DECISION);
        List<Decision> given = list == null ? List.of() : list;
        Decisions.checkShape(given);
        Decisions.Lookups lookups = decisions.prepare(before, given);
        engine.update(before.runId, SwfException::unknownToken, tx -> {
            ExecutionState s = tx.state();
            if (!tx.record().open || !token.equals(s.decisionToken) || s.decisionStartedId == 0) {
                throw SwfException.unknownToken();
            }
            boolean raced = s.decisionPending;
            s.decisionPending = false;
            long scheduled = s.decisionScheduledId;
            long started = s.decisionStartedId;
            long completed = tx.event(EventType.DECISION_TASK_COMPLETED, b -> b.decisionTaskCompletedEventAttributes(
                    DecisionTaskCompletedEventAttributes.builder().executionContext(executionContext).scheduledEventId(scheduled)
                            .startedEventId(started).taskList(taskList == null ? null : TaskList.builder().name(taskList).build())
                            .taskListScheduleToStartTimeout(taskListScheduleToStart).build()));
            overrideTaskList(s, taskList, taskListScheduleToStart);
            if (executionContext != null) {
                s.latestExecutionContext = executionContext;
            }
            s.previousStartedEventId = started;
            decisions.apply(tx, completed, given, raced, lookups);
            boolean again = s.decisionPending || raced && tx.record().open;
            s.decisionScheduledId = 0;
            s.decisionStartedId = 0;
            s.decisionToken = null;
            s.decisionPending = false;
            if (again) {
                tx.needDecision();
            }
            return null;
        });
    }

    /**
     * RespondDecisionTaskCompleted's taskList: with a schedule-to-start timeout (not NONE) it holds
     * until a decision task scheduled there times out; without one it replaces the run's list.
     */
    private static void overrideTaskList(ExecutionState s, String taskList, String scheduleToStart) {
        if (taskList == null) {
            return;
        }
        if (scheduleToStart == null || io.haneul.swf.domain.Durations.NONE.equals(scheduleToStart)) {
            s.taskList = taskList;
            s.overrideTaskList = null;
            s.overrideScheduleToStart = null;
        } else {
            s.overrideTaskList = taskList;
            s.overrideScheduleToStart = scheduleToStart;
        }
    }

    boolean heartbeat(String account, String region, String token, String details) {
        ExecutionRecord run = startedRun(account, region, token, ExecutionTx.ACTIVITY);
        return engine.update(run.runId, SwfException::unknownToken, tx -> {
            ExecutionState.Activity a = openActivity(tx, token);
            a.lastHeartbeatAt = tx.now().toEpochMilli();
            if (details != null) {
                a.heartbeatDetails = details;
            }
            return a.cancelRequested;
        });
    }

    void completeActivity(String account, String region, String token, String result) {
        closeActivity(account, region, token, (tx, a) -> tx.event(EventType.ACTIVITY_TASK_COMPLETED, b -> b
                .activityTaskCompletedEventAttributes(ActivityTaskCompletedEventAttributes.builder().result(result)
                        .scheduledEventId(a.scheduledEventId).startedEventId(a.startedEventId).build())));
    }

    void failActivity(String account, String region, String token, String reason, String details) {
        closeActivity(account, region, token, (tx, a) -> tx.event(EventType.ACTIVITY_TASK_FAILED, b -> b
                .activityTaskFailedEventAttributes(ActivityTaskFailedEventAttributes.builder().reason(reason).details(details)
                        .scheduledEventId(a.scheduledEventId).startedEventId(a.startedEventId).build())));
    }

    void cancelActivity(String account, String region, String token, String details) {
        closeActivity(account, region, token, (tx, a) -> tx.event(EventType.ACTIVITY_TASK_CANCELED, b -> b
                .activityTaskCanceledEventAttributes(ActivityTaskCanceledEventAttributes.builder().details(details)
                        .scheduledEventId(a.scheduledEventId).startedEventId(a.startedEventId).build())));
    }

    private interface Closing {
        void record(ExecutionTx tx, ExecutionState.Activity a) throws SQLException;
    }

    private void closeActivity(String account, String region, String token, Closing closing) {
        ExecutionRecord run = startedRun(account, region, token, ExecutionTx.ACTIVITY);
        engine.update(run.runId, SwfException::unknownToken, tx -> {
            ExecutionState.Activity a = openActivity(tx, token);
            tx.state().activities.remove(a.activityId);
            closing.record(tx, a);
            tx.needDecision();
            return null;
        });
    }

    private static ExecutionState.Activity openActivity(ExecutionTx tx, String token) {
        ExecutionState.Activity a = tx.record().open ? tx.state().activityByToken(token) : null;
        if (a == null || a.startedEventId == 0) {
            throw SwfException.unknownToken();
        }
        return a;
    }

    int pendingDecisions(String account, String region, String domain, String taskList) {
        domains.get(account, region, domain);
        return store.countWaiting(account, region, domain, ExecutionTx.DECISION, taskList);
    }

    int pendingActivities(String account, String region, String domain, String taskList) {
        domains.get(account, region, domain);
        return store.countWaiting(account, region, domain, ExecutionTx.ACTIVITY, taskList);
    }

    Clock clock() {
        return clock;
    }
}
