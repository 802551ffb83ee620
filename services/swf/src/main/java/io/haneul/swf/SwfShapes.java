package io.haneul.swf;

import io.haneul.swf.domain.Durations;
import io.haneul.swf.domain.ExecutionState;
import io.haneul.swf.domain.Pages;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.store.ExecutionRecord;
import io.haneul.swf.store.TypeRecord;
import software.amazon.awssdk.services.swf.model.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/** Builds SWF's larger response shapes from stored records, so the provider stays a list of calls. */
final class SwfShapes {

    private final TypeService types;
    private final TaskService tasks;

    SwfShapes(TypeService types, TaskService tasks) {
        this.types = types;
        this.tasks = tasks;
    }

    /** The type's defaults, checked as the API takes them. */
    static WorkflowTypeConfiguration workflowDefaults(RegisterWorkflowTypeRequest r) {
        Durations.check("defaultTaskStartToCloseTimeout", r.defaultTaskStartToCloseTimeout(), true);
        Durations.check("defaultExecutionStartToCloseTimeout", r.defaultExecutionStartToCloseTimeout(), false);
        Durations.checkPriority("defaultTaskPriority", r.defaultTaskPriority());
        return WorkflowTypeConfiguration.builder().defaultTaskStartToCloseTimeout(r.defaultTaskStartToCloseTimeout())
                .defaultExecutionStartToCloseTimeout(r.defaultExecutionStartToCloseTimeout()).defaultTaskList(r.defaultTaskList())
                .defaultTaskPriority(r.defaultTaskPriority()).defaultChildPolicy(r.defaultChildPolicyAsString())
                .defaultLambdaRole(r.defaultLambdaRole()).build();
    }

    /** The type's defaults, checked as the API takes them. */
    static ActivityTypeConfiguration activityDefaults(RegisterActivityTypeRequest r) {
        Durations.check("defaultTaskStartToCloseTimeout", r.defaultTaskStartToCloseTimeout(), true);
        Durations.check("defaultTaskHeartbeatTimeout", r.defaultTaskHeartbeatTimeout(), true);
        Durations.check("defaultTaskScheduleToStartTimeout", r.defaultTaskScheduleToStartTimeout(), true);
        Durations.check("defaultTaskScheduleToCloseTimeout", r.defaultTaskScheduleToCloseTimeout(), true);
        Durations.checkPriority("defaultTaskPriority", r.defaultTaskPriority());
        return ActivityTypeConfiguration.builder().defaultTaskStartToCloseTimeout(r.defaultTaskStartToCloseTimeout())
                .defaultTaskHeartbeatTimeout(r.defaultTaskHeartbeatTimeout()).defaultTaskList(r.defaultTaskList())
                .defaultTaskPriority(r.defaultTaskPriority()).defaultTaskScheduleToStartTimeout(r.defaultTaskScheduleToStartTimeout())
                .defaultTaskScheduleToCloseTimeout(r.defaultTaskScheduleToCloseTimeout()).build();
    }

    static WorkflowTypeInfo workflowTypeInfo(TypeRecord t) {
        return WorkflowTypeInfo.builder().workflowType(WorkflowType.builder().name(t.name()).version(t.version()).build())
                .status(t.status()).description(t.description()).creationDate(Instant.ofEpochMilli(t.createdAt()))
                .deprecationDate(t.deprecatedAt() == null ? null : Instant.ofEpochMilli(t.deprecatedAt())).build();
    }

    static ActivityTypeInfo activityTypeInfo(TypeRecord t) {
        return ActivityTypeInfo.builder().activityType(ActivityType.builder().name(t.name()).version(t.version()).build())
                .status(t.status()).description(t.description()).creationDate(Instant.ofEpochMilli(t.createdAt()))
                .deprecationDate(t.deprecatedAt() == null ? null : Instant.ofEpochMilli(t.deprecatedAt())).build();
    }

    static WorkflowExecutionInfo info(ExecutionRecord e) {
        return WorkflowExecutionInfo.builder()
                .execution(WorkflowExecution.builder().workflowId(e.workflowId).runId(e.runId).build())
                .workflowType(WorkflowType.builder().name(e.typeName).version(e.typeVersion).build())
                .startTimestamp(Instant.ofEpochMilli(e.startedAt))
                .closeTimestamp(e.closedAt == null ? null : Instant.ofEpochMilli(e.closedAt))
                .executionStatus(e.open ? "OPEN" : "CLOSED").closeStatus(e.closeStatus)
                .tagList(e.tags.isEmpty() ? null : e.tags).cancelRequested(e.state.cancelRequested)
                .parent(e.state.parentRunId == null ? null
                        : WorkflowExecution.builder().workflowId(e.state.parentWorkflowId).runId(e.state.parentRunId).build())
                .build();
    }

    DescribeWorkflowExecutionResponse describe(ExecutionRecord e) {
        ExecutionState s = e.state;
        WorkflowExecutionConfiguration config = WorkflowExecutionConfiguration.builder()
                .taskStartToCloseTimeout(s.taskStartToCloseTimeout).executionStartToCloseTimeout(s.executionStartToCloseTimeout)
                .taskList(TaskList.builder().name(s.taskList).build()).taskPriority(s.taskPriority).childPolicy(s.childPolicy)
                .lambdaRole(s.lambdaRole).build();
        WorkflowExecutionOpenCounts counts = WorkflowExecutionOpenCounts.builder()
                .openActivityTasks(e.open ? s.activities.size() : 0)
                .openDecisionTasks(e.open && s.decisionScheduledId != 0 ? 1 : 0)
                .openTimers(e.open ? s.timers.size() : 0).openChildWorkflowExecutions(e.open ? s.children.size() : 0).openLambdaFunctions(e.open ? s.lambdas.size() : 0).build();
        return DescribeWorkflowExecutionResponse.builder().executionInfo(info(e)).executionConfiguration(config).openCounts(counts)
                .latestActivityTaskTimestamp(s.latestActivityTaskTimestamp == null ? null : Instant.ofEpochMilli(s.latestActivityTaskTimestamp))
                .latestExecutionContext(s.latestExecutionContext).build();
    }

    /**
     * What a poll that found no task answers: AWS sends {@code {"previousStartedEventId":0,"startedEventId":0}}
     * without a taskToken (its docs say "empty"), and clients such as the Flow Framework take any
     * present token, even "", for a task.
     */
    static PollForDecisionTaskResponse emptyDecisionTask() {
        return PollForDecisionTaskResponse.builder().startedEventId(0L).previousStartedEventId(0L).build();
    }

    /** The empty activity task: {@code {"startedEventId":0}}, without a taskToken (see {@link #emptyDecisionTask()}). */
    static PollForActivityTaskResponse emptyActivityTask() {
        return PollForActivityTaskResponse.builder().startedEventId(0L).build();
    }

    PollForDecisionTaskResponse decisionTask(TaskService.DecisionTask t, Integer pageSize, boolean reverse, String pageToken) {
        List<HistoryEvent> events = new ArrayList<>(tasks.events(t.run(), t.startedEventId()));
        if (reverse) {
            Collections.reverse(events);
        }
        String query = "decision/" + t.token() + "/" + reverse;
        Pages.Page<HistoryEvent> page = Pages.page(events, pageSize, pageToken, query);
        String next = page.nextPageToken() == null ? null : encode(t.token() + "\n" + page.nextPageToken());
        ExecutionRecord e = t.run();
        return PollForDecisionTaskResponse.builder().taskToken(t.token()).startedEventId(t.startedEventId())
                .previousStartedEventId(t.previousStartedEventId())
                .workflowExecution(WorkflowExecution.builder().workflowId(e.workflowId).runId(e.runId).build())
                .workflowType(WorkflowType.builder().name(e.typeName).version(e.typeVersion).build())
                .events(page.items()).nextPageToken(next).build();
    }

    /** A further page of a decision task's history, named by the nextPageToken of the previous page. */
    PollForDecisionTaskResponse decisionPage(String account, String region, String nextPageToken, Integer pageSize, boolean reverse) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(nextPageToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SwfException.validation("Invalid nextPageToken");
        }
        int nl = raw.indexOf('\n');
        if (nl < 0) {
            throw SwfException.validation("Invalid nextPageToken");
        }
        TaskService.DecisionTask t = tasks.decisionTask(account, region, raw.substring(0, nl));
        return decisionTask(t, pageSize, reverse, raw.substring(nl + 1));
    }

    static PollForActivityTaskResponse activityTask(TaskService.ActivityTask t) {
        return PollForActivityTaskResponse.builder().taskToken(t.token()).activityId(t.activityId()).startedEventId(t.startedEventId())
                .workflowExecution(WorkflowExecution.builder().workflowId(t.run().workflowId).runId(t.run().runId).build())
                .activityType(t.type()).input(t.input()).build();
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
