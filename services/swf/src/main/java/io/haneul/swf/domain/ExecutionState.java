package io.haneul.swf.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current state of one workflow execution, derived from its history and kept beside it (what
 * Temporal calls mutable state): the configuration it runs with, its one decision task, its open
 * activities and timers. Stored as JSON in the execution's row and changed in the same transaction
 * as the events that change it, so it can never disagree with the history.
 *
 * <p>{@link #copy} makes a deep copy: the run cache hands each transaction its own copy of a run's
 * last committed state (parsing it from the stored JSON instead was about a tenth of the server's
 * CPU). Scalar and string fields are copied by {@link Object#clone}; a new collection field must be
 * copied in {@link #copy} too: ExecutionStateCopyTest fills every field by reflection and fails when
 * one is shared or left out.
 */
public final class ExecutionState implements Cloneable {

    public String taskList;
    public String taskPriority;
    public String taskStartToCloseTimeout;
    public String executionStartToCloseTimeout;
    public String childPolicy;
    public String lambdaRole;
    public String input;
    /** The domain's retention period when the run started ("NONE" or days): how long it stays once closed. */
    public String retention;

    /** DecisionTaskScheduled event id of the outstanding decision task, 0 when none. */
    public long decisionScheduledId;
    /** DecisionTaskStarted event id of the outstanding decision task, 0 until a decider took it. */
    public long decisionStartedId;
    /** The token handed to the decider working on the outstanding task. */
    public String decisionToken;
    /** Events arrived while a decider worked: one more decision task follows the current one. */
    public boolean decisionPending;
    /**
     * A temporary task list for decision tasks (RespondDecisionTaskCompleted's taskList with a
     * taskListScheduleToStartTimeout): a decision task not started there in time times out and the
     * run goes back to {@link #taskList}.
     */
    public String overrideTaskList;
    public String overrideScheduleToStart;
    /** The started event id of the last completed decision task (previousStartedEventId). */
    public long previousStartedEventId;

    /** The parent run of a child workflow, and the parent's StartChildWorkflowExecutionInitiated event id. */
    public String parentWorkflowId;
    public String parentRunId;
    public long parentInitiatedEventId;

    /**
     * Timers and timeouts armed and not yet fired or moot, in the order they were armed. One durable
     * job per run stands for all of them: it runs at the earliest (or sooner) and fires what is due.
     */
    public List<PendingTimeout> timeouts = new ArrayList<>();
    /** The run's durable timeout job, and when it runs (epoch ms); null when none is armed. */
    public String timeoutJobId;
    public long timeoutJobAt;

    public Map<String, Activity> activities = new LinkedHashMap<>();
    /** Open child workflows by workflowId. */
    public Map<String, Child> children = new LinkedHashMap<>();
    public Map<String, Timer> timers = new LinkedHashMap<>();
    /** Lambda functions scheduled (ScheduleLambdaFunction) and not yet closed, by their id. */
    public Map<String, LambdaFunction> lambdas = new LinkedHashMap<>();
    public boolean cancelRequested;
    public String latestExecutionContext;
    public Long latestActivityTaskTimestamp;

    /**
     * A deep copy: changing it changes nothing of this state. Scalars and strings come with
     * {@link Object#clone}; the collections and their elements (each {@link Part}) are copied here.
     */
    public ExecutionState copy() {
        ExecutionState c;
        try {
            c = (ExecutionState) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        c.timeouts = new ArrayList<>(timeouts.size());
        for (PendingTimeout t : timeouts) {
            c.timeouts.add(t.shallowCopy());
        }
        c.activities = copied(activities);
        c.children = copied(children);
        c.timers = copied(timers);
        c.lambdas = copied(lambdas);
        return c;
    }

    private static <V extends Part> Map<String, V> copied(Map<String, V> parts) {
        Map<String, V> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, v.shallowCopy()));
        return out;
    }

    /** A piece of the state made of scalars and strings only, so that a shallow copy copies it whole. */
    abstract static class Part implements Cloneable {
        @SuppressWarnings("unchecked")
        <T extends Part> T shallowCopy() {
            try {
                return (T) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A timer or timeout due at {@code at} (epoch ms); what it times is named as the timeout job's payload used to. */
    public static final class PendingTimeout extends Part {
        public long at;
        public String kind;
        public long eventId;
        public String extra;
    }

    /** An activity task scheduled and not yet closed. */
    public static final class Activity extends Part {
        public String activityId;
        public String name;
        public String version;
        public long scheduledEventId;
        public long startedEventId;
        public String token;
        public String taskList;
        public String input;
        public String scheduleToStartTimeout;
        public String scheduleToCloseTimeout;
        public String startToCloseTimeout;
        public String heartbeatTimeout;
        public long lastHeartbeatAt;
        public String heartbeatDetails;
        public boolean cancelRequested;
    }

    /** A child workflow started by this run and not yet closed. */
    public static final class Child extends Part {
        public String workflowId;
        public String runId;
        public String name;
        public String version;
        public long initiatedEventId;
        public long startedEventId;
    }

    /** A timer started and neither fired nor cancelled. */
    public static final class Timer extends Part {
        public String timerId;
        public long startedEventId;
        public String control;
    }

    /** A Lambda function scheduled by this run and neither completed, failed nor timed out. */
    public static final class LambdaFunction extends Part {
        public String id;
        public String name;
        public String input;
        public String startToCloseTimeout;
        public long scheduledEventId;
        /** The LambdaFunctionStarted event id, 0 until the function was invoked. */
        public long startedEventId;
    }

    public LambdaFunction lambdaByScheduledId(long scheduledEventId) {
        for (LambdaFunction l : lambdas.values()) {
            if (l.scheduledEventId == scheduledEventId) {
                return l;
            }
        }
        return null;
    }

    public Activity activityByScheduledId(long scheduledEventId) {
        for (Activity a : activities.values()) {
            if (a.scheduledEventId == scheduledEventId) {
                return a;
            }
        }
        return null;
    }

    public Activity activityByToken(String token) {
        for (Activity a : activities.values()) {
            if (token.equals(a.token)) {
                return a;
            }
        }
        return null;
    }
}
