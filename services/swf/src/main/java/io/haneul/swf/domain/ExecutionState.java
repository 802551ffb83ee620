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
 * CPU). A field added here must be added to the copy too; ExecutionStateCopyTest fills every field by
 * reflection and fails when one is left out.
 */
public final class ExecutionState {

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

    /** A deep copy: changing it changes nothing of this state. */
    public ExecutionState copy() {
        ExecutionState c = new ExecutionState();
        c.taskList = taskList;
        c.taskPriority = taskPriority;
        c.taskStartToCloseTimeout = taskStartToCloseTimeout;
        c.executionStartToCloseTimeout = executionStartToCloseTimeout;
        c.childPolicy = childPolicy;
        c.lambdaRole = lambdaRole;
        c.input = input;
        c.retention = retention;
        c.decisionScheduledId = decisionScheduledId;
        c.decisionStartedId = decisionStartedId;
        c.decisionToken = decisionToken;
        c.decisionPending = decisionPending;
        c.overrideTaskList = overrideTaskList;
        c.overrideScheduleToStart = overrideScheduleToStart;
        c.previousStartedEventId = previousStartedEventId;
        c.parentWorkflowId = parentWorkflowId;
        c.parentRunId = parentRunId;
        c.parentInitiatedEventId = parentInitiatedEventId;
        c.timeouts = new ArrayList<>(timeouts.size());
        for (PendingTimeout t : timeouts) {
            c.timeouts.add(t.copy());
        }
        c.timeoutJobId = timeoutJobId;
        c.timeoutJobAt = timeoutJobAt;
        activities.forEach((k, v) -> c.activities.put(k, v.copy()));
        children.forEach((k, v) -> c.children.put(k, v.copy()));
        timers.forEach((k, v) -> c.timers.put(k, v.copy()));
        lambdas.forEach((k, v) -> c.lambdas.put(k, v.copy()));
        c.cancelRequested = cancelRequested;
        c.latestExecutionContext = latestExecutionContext;
        c.latestActivityTaskTimestamp = latestActivityTaskTimestamp;
        return c;
    }

    /** A timer or timeout due at {@code at} (epoch ms); what it times is named as the timeout job's payload used to. */
    public static final class PendingTimeout {
        public long at;
        public String kind;
        public long eventId;
        public String extra;

        PendingTimeout copy() {
            PendingTimeout c = new PendingTimeout();
            c.at = at;
            c.kind = kind;
            c.eventId = eventId;
            c.extra = extra;
            return c;
        }
    }

    /** An activity task scheduled and not yet closed. */
    public static final class Activity {
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

        Activity copy() {
            Activity c = new Activity();
            c.activityId = activityId;
            c.name = name;
            c.version = version;
            c.scheduledEventId = scheduledEventId;
            c.startedEventId = startedEventId;
            c.token = token;
            c.taskList = taskList;
            c.input = input;
            c.scheduleToStartTimeout = scheduleToStartTimeout;
            c.scheduleToCloseTimeout = scheduleToCloseTimeout;
            c.startToCloseTimeout = startToCloseTimeout;
            c.heartbeatTimeout = heartbeatTimeout;
            c.lastHeartbeatAt = lastHeartbeatAt;
            c.heartbeatDetails = heartbeatDetails;
            c.cancelRequested = cancelRequested;
            return c;
        }
    }

    /** A child workflow started by this run and not yet closed. */
    public static final class Child {
        public String workflowId;
        public String runId;
        public String name;
        public String version;
        public long initiatedEventId;
        public long startedEventId;

        Child copy() {
            Child c = new Child();
            c.workflowId = workflowId;
            c.runId = runId;
            c.name = name;
            c.version = version;
            c.initiatedEventId = initiatedEventId;
            c.startedEventId = startedEventId;
            return c;
        }
    }

    /** A timer started and neither fired nor cancelled. */
    public static final class Timer {
        public String timerId;
        public long startedEventId;
        public String control;

        Timer copy() {
            Timer c = new Timer();
            c.timerId = timerId;
            c.startedEventId = startedEventId;
            c.control = control;
            return c;
        }
    }

    /** A Lambda function scheduled by this run and neither completed, failed nor timed out. */
    public static final class LambdaFunction {
        public String id;
        public String name;
        public String input;
        public String startToCloseTimeout;
        public long scheduledEventId;
        /** The LambdaFunctionStarted event id, 0 until the function was invoked. */
        public long startedEventId;

        LambdaFunction copy() {
            LambdaFunction c = new LambdaFunction();
            c.id = id;
            c.name = name;
            c.input = input;
            c.startToCloseTimeout = startToCloseTimeout;
            c.scheduledEventId = scheduledEventId;
            c.startedEventId = startedEventId;
            return c;
        }
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
