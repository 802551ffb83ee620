package io.haneul.swf;

import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import io.haneul.swf.domain.Durations;
import io.haneul.swf.domain.ExecutionState;
import io.haneul.swf.domain.SwfException;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimedOutEventAttributes;
import software.amazon.awssdk.services.swf.model.DecisionTaskTimedOutEventAttributes;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.TimerFiredEventAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTimedOutEventAttributes;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Timers and timeouts on the durable scheduler: armed in the same transaction as the event that
 * starts them, so they fire on time whether or not anyone reads the execution, and survive a restart
 * (one due while the server was down fires when it is back). A firing checks that what it times is
 * still in the state it was armed for (the same scheduled and started event), so a late or repeated
 * job changes nothing.
 *
 * <p>A run's pending timeouts live in its state ({@link ExecutionState#timeouts}) and one durable
 * job per run stands for them, due no later than the earliest (see {@link ExecutionTx}): a task that
 * starts and completes arms no job of its own, and a timeout made moot is dropped from the state
 * rather than cancelled in the job table. When the job runs it fires every timeout now due, in the
 * order they fall due, and the transaction arms the job for the next one. Jobs stored by earlier
 * versions (one per timeout, payload {@code runId|KIND|eventId|extra}) still fire as before.
 */
final class Timeouts {

    /** What a timeout job times. */
    enum Kind {
        WORKFLOW, DECISION_START_TO_CLOSE, DECISION_SCHEDULE_TO_START, ACTIVITY_SCHEDULE_TO_START, ACTIVITY_SCHEDULE_TO_CLOSE, ACTIVITY_START_TO_CLOSE,
        ACTIVITY_HEARTBEAT, TIMER
    }

    private final ExecutionEngine engine;

    Timeouts(ExecutionEngine engine, DurableScheduler scheduler) {
        this.engine = engine;
        scheduler.register(ExecutionEngine.TIMEOUT_JOB, this::fire);
    }

    private void fire(Job job) {
        if (job.payload().indexOf('|') < 0) {
            fireDue(job);
            return;
        }
        String[] p = job.payload().split("\\|", 4);
        String runId = p[0];
        Kind kind = Kind.valueOf(p[1]);
        long eventId = Long.parseLong(p[2]);
        String extra = p[3];
        try {
            engine.update(runId, () -> SwfException.unknownExecution("", runId), tx -> {
                if (tx.record().open) {
                    fire(tx, kind, eventId, extra);
                }
                return null;
            });
        } catch (SwfException gone) {
            // the run was deleted: nothing left to time out
        }
    }

    /** Most timeouts one job fires in one transaction; the rest follow at once in the next. */
    private static final int MAX_FIRED = 1000;

    /** The run's timeout job: fires what is due unless a sooner job replaced this one. */
    private void fireDue(Job job) {
        String runId = job.payload();
        try {
            engine.update(runId, () -> SwfException.unknownExecution("", runId), tx -> {
                ExecutionState s = tx.state();
                if (!tx.record().open || !job.id().equals(s.timeoutJobId)) {
                    return null;
                }
                s.timeoutJobId = null;
                s.timeoutJobAt = 0;
                long now = tx.now().toEpochMilli();
                for (int fired = 0; fired < MAX_FIRED && tx.record().open; fired++) {
                    ExecutionState.PendingTimeout next = null;
                    for (ExecutionState.PendingTimeout t : s.timeouts) {
                        if (t.at <= now && (next == null || t.at < next.at)) {
                            next = t;
                        }
                    }
                    if (next == null) {
                        break;
                    }
                    s.timeouts.remove(next);
                    fire(tx, Kind.valueOf(next.kind), next.eventId, next.extra == null ? "" : next.extra);
                }
                // due ones left over (past MAX_FIRED) make the next job, armed at flush, due at once
                return null;
            });
        } catch (SwfException gone) {
            // the run was deleted: nothing left to time out
        }
    }

    /**
     * True when a pending timeout can no longer change anything (the task or timer it times moved
     * on): the same checks a firing makes, so dropping it early changes no outcome.
     */
    static boolean moot(ExecutionState s, ExecutionState.PendingTimeout t) {
        Kind kind;
        try {
            kind = Kind.valueOf(t.kind);
        } catch (IllegalArgumentException unknown) {
            return false;
        }
        return switch (kind) {
            case WORKFLOW -> false;
            case DECISION_START_TO_CLOSE -> s.decisionStartedId != t.eventId;
            case DECISION_SCHEDULE_TO_START -> s.decisionScheduledId != t.eventId || s.decisionStartedId != 0;
            case TIMER -> {
                ExecutionState.Timer timer = s.timers.get(t.extra);
                yield timer == null || timer.startedEventId != t.eventId;
            }
            case ACTIVITY_SCHEDULE_TO_START -> {
                ExecutionState.Activity a = s.activityByScheduledId(t.eventId);
                yield a == null || a.startedEventId != 0;
            }
            case ACTIVITY_SCHEDULE_TO_CLOSE -> s.activityByScheduledId(t.eventId) == null;
            case ACTIVITY_START_TO_CLOSE, ACTIVITY_HEARTBEAT -> {
                ExecutionState.Activity a = s.activityByScheduledId(t.eventId);
                yield a == null || t.extra == null || t.extra.isEmpty() || a.startedEventId != Long.parseLong(t.extra);
            }
        };
    }

    private void fire(ExecutionTx tx, Kind kind, long eventId, String extra) throws SQLException {
        ExecutionState s = tx.state();
        switch (kind) {
            case WORKFLOW -> {
                tx.event(EventType.WORKFLOW_EXECUTION_TIMED_OUT, b -> b.workflowExecutionTimedOutEventAttributes(
                        WorkflowExecutionTimedOutEventAttributes.builder().timeoutType("START_TO_CLOSE").childPolicy(s.childPolicy)
                                .build()));
                tx.close("TIMED_OUT");
            }
            case DECISION_START_TO_CLOSE -> {
                if (s.decisionStartedId != eventId) {
                    return;
                }
                long scheduled = s.decisionScheduledId;
                tx.deleteTask(s.decisionToken);
                tx.event(EventType.DECISION_TASK_TIMED_OUT, b -> b.decisionTaskTimedOutEventAttributes(
                        DecisionTaskTimedOutEventAttributes.builder().timeoutType("START_TO_CLOSE").scheduledEventId(scheduled)
                                .startedEventId(eventId).build()));
                s.decisionScheduledId = 0;
                s.decisionStartedId = 0;
                s.decisionToken = null;
                s.decisionPending = false;
                tx.needDecision();
            }
            case DECISION_SCHEDULE_TO_START -> {
                if (s.decisionScheduledId != eventId || s.decisionStartedId != 0) {
                    return;
                }
                tx.deleteTask(s.decisionToken);
                tx.event(EventType.DECISION_TASK_TIMED_OUT, b -> b.decisionTaskTimedOutEventAttributes(
                        DecisionTaskTimedOutEventAttributes.builder().timeoutType("SCHEDULE_TO_START").scheduledEventId(eventId)
                                .startedEventId(0L).build()));
                // the override task list was temporary: back to the run's own list
                s.overrideTaskList = null;
                s.overrideScheduleToStart = null;
                s.decisionScheduledId = 0;
                s.decisionToken = null;
                s.decisionPending = false;
                tx.needDecision();
            }
            case TIMER -> {
                ExecutionState.Timer t = s.timers.get(extra);
                if (t == null || t.startedEventId != eventId) {
                    return;
                }
                s.timers.remove(extra);
                tx.event(EventType.TIMER_FIRED, b -> b.timerFiredEventAttributes(
                        TimerFiredEventAttributes.builder().timerId(t.timerId).startedEventId(t.startedEventId).build()));
                tx.needDecision();
            }
            default -> activity(tx, kind, eventId, extra);
        }
    }

    private void activity(ExecutionTx tx, Kind kind, long scheduledEventId, String startedText) throws SQLException {
        ExecutionState s = tx.state();
        ExecutionState.Activity a = s.activityByScheduledId(scheduledEventId);
        if (a == null) {
            return;
        }
        long armedStarted = startedText.isEmpty() ? 0 : Long.parseLong(startedText);
        String type;
        switch (kind) {
            case ACTIVITY_SCHEDULE_TO_START -> {
                if (a.startedEventId != 0) {
                    return;
                }
                type = "SCHEDULE_TO_START";
            }
            case ACTIVITY_SCHEDULE_TO_CLOSE -> type = "SCHEDULE_TO_CLOSE";
            case ACTIVITY_START_TO_CLOSE -> {
                if (a.startedEventId != armedStarted) {
                    return;
                }
                type = "START_TO_CLOSE";
            }
            case ACTIVITY_HEARTBEAT -> {
                if (a.startedEventId != armedStarted) {
                    return;
                }
                Duration beat = Durations.of(a.heartbeatTimeout).orElseThrow();
                Instant due = Instant.ofEpochMilli(a.lastHeartbeatAt).plus(beat);
                if (due.isAfter(tx.now())) {
                    tx.armAt(due, Kind.ACTIVITY_HEARTBEAT, scheduledEventId, startedText);
                    return;
                }
                type = "HEARTBEAT";
            }
            default -> throw new IllegalStateException("not an activity timeout: " + kind);
        }
        s.activities.remove(a.activityId);
        tx.deleteTask(a.token);
        long started = a.startedEventId;
        tx.event(EventType.ACTIVITY_TASK_TIMED_OUT, b -> b.activityTaskTimedOutEventAttributes(
                ActivityTaskTimedOutEventAttributes.builder().timeoutType(type).scheduledEventId(scheduledEventId)
                        .startedEventId(started).details(a.heartbeatDetails).build()));
        tx.needDecision();
    }
}
