package io.haneul.swf;

import io.haneul.core.engine.ErrorTranslator;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import io.haneul.swf.domain.Pages;
import io.haneul.swf.domain.SwfException;
import io.haneul.swf.store.DomainRecord;
import io.haneul.swf.store.TypeKind;
import io.haneul.swf.store.TypeRecord;
import software.amazon.awssdk.services.swf.model.*;

import java.util.List;

/**
 * Amazon SWF (2012-01-25, awsJson 1.0). Thin: maps the SDK's request and response objects onto
 * {@link DomainService}, {@link TypeService}, {@link ExecutionService}, {@link Visibility} and
 * {@link TaskService}; {@link SwfShapes} builds the larger response shapes.
 */
public final class SwfProvider implements ErrorTranslator {

    private final DomainService domains;
    private final TypeService types;
    private final ExecutionService runs;
    private final Visibility visibility;
    private final TaskService tasks;
    private final SwfShapes shapes;

    SwfProvider(DomainService domains, TypeService types, ExecutionService runs, Visibility visibility, TaskService tasks) {
        this.domains = domains;
        this.types = types;
        this.runs = runs;
        this.visibility = visibility;
        this.tasks = tasks;
        this.shapes = new SwfShapes(types, tasks);
    }

    @Override
    public AwsErrorException translate(RuntimeException e) {
        return e instanceof SwfException s ? SwfErrors.toAws(s) : null;
    }

    // ---- domains ----

    public RegisterDomainResponse registerDomain(RequestContext ctx, RegisterDomainRequest r) {
        domains.register(ctx.accountId(), ctx.region(), r.name(), r.description(), r.workflowExecutionRetentionPeriodInDays(),
                r.hasTags() ? r.tags() : null);
        return RegisterDomainResponse.builder().build();
    }

    public DescribeDomainResponse describeDomain(RequestContext ctx, DescribeDomainRequest r) {
        DomainRecord d = domains.get(ctx.accountId(), ctx.region(), r.name());
        return DescribeDomainResponse.builder().domainInfo(DomainService.info(d)).configuration(DomainService.configuration(d)).build();
    }

    public ListDomainsResponse listDomains(RequestContext ctx, ListDomainsRequest r) {
        Pages.Page<DomainRecord> page = domains.list(ctx.accountId(), ctx.region(), r.registrationStatusAsString(),
                Boolean.TRUE.equals(r.reverseOrder()), r.maximumPageSize(), r.nextPageToken());
        return ListDomainsResponse.builder().domainInfos(page.items().stream().map(DomainService::info).toList())
                .nextPageToken(page.nextPageToken()).build();
    }

    public DeprecateDomainResponse deprecateDomain(RequestContext ctx, DeprecateDomainRequest r) {
        domains.deprecate(ctx.accountId(), ctx.region(), r.name());
        return DeprecateDomainResponse.builder().build();
    }

    public UndeprecateDomainResponse undeprecateDomain(RequestContext ctx, UndeprecateDomainRequest r) {
        domains.undeprecate(ctx.accountId(), ctx.region(), r.name());
        return UndeprecateDomainResponse.builder().build();
    }

    public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest r) {
        domains.tag(ctx.accountId(), ctx.region(), r.resourceArn(), r.tags());
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest r) {
        domains.untag(ctx.accountId(), ctx.region(), r.resourceArn(), r.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(RequestContext ctx, ListTagsForResourceRequest r) {
        List<ResourceTag> tags = domains.tags(ctx.accountId(), ctx.region(), r.resourceArn()).entrySet().stream()
                .map(t -> ResourceTag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    // ---- types ----

    public RegisterWorkflowTypeResponse registerWorkflowType(RequestContext ctx, RegisterWorkflowTypeRequest r) {
        types.register(ctx.accountId(), ctx.region(), r.domain(), TypeKind.WorkflowType, r.name(), r.version(), r.description(),
                SwfShapes.workflowDefaults(r));
        return RegisterWorkflowTypeResponse.builder().build();
    }

    public RegisterActivityTypeResponse registerActivityType(RequestContext ctx, RegisterActivityTypeRequest r) {
        types.register(ctx.accountId(), ctx.region(), r.domain(), TypeKind.ActivityType, r.name(), r.version(), r.description(),
                SwfShapes.activityDefaults(r));
        return RegisterActivityTypeResponse.builder().build();
    }

    public DescribeWorkflowTypeResponse describeWorkflowType(RequestContext ctx, DescribeWorkflowTypeRequest r) {
        TypeRecord t = types.get(ctx.accountId(), ctx.region(), r.domain(), TypeKind.WorkflowType, r.workflowType().name(),
                r.workflowType().version());
        return DescribeWorkflowTypeResponse.builder().typeInfo(SwfShapes.workflowTypeInfo(t))
                .configuration(types.configuration(t, WorkflowTypeConfiguration.class)).build();
    }

    public DescribeActivityTypeResponse describeActivityType(RequestContext ctx, DescribeActivityTypeRequest r) {
        TypeRecord t = types.get(ctx.accountId(), ctx.region(), r.domain(), TypeKind.ActivityType, r.activityType().name(),
                r.activityType().version());
        return DescribeActivityTypeResponse.builder().typeInfo(SwfShapes.activityTypeInfo(t))
                .configuration(types.configuration(t, ActivityTypeConfiguration.class)).build();
    }

    public ListWorkflowTypesResponse listWorkflowTypes(RequestContext ctx, ListWorkflowTypesRequest r) {
        Pages.Page<TypeRecord> page = types.list(ctx.accountId(), ctx.region(), r.domain(), TypeKind.WorkflowType, r.name(),
                r.registrationStatusAsString(), Boolean.TRUE.equals(r.reverseOrder()), r.maximumPageSize(), r.nextPageToken());
        return ListWorkflowTypesResponse.builder().typeInfos(page.items().stream().map(SwfShapes::workflowTypeInfo).toList())
                .nextPageToken(page.nextPageToken()).build();
    }

    public ListActivityTypesResponse listActivityTypes(RequestContext ctx, ListActivityTypesRequest r) {
        Pages.Page<TypeRecord> page = types.list(ctx.accountId(), ctx.region(), r.domain(), TypeKind.ActivityType, r.name(),
                r.registrationStatusAsString(), Boolean.TRUE.equals(r.reverseOrder()), r.maximumPageSize(), r.nextPageToken());
        return ListActivityTypesResponse.builder().typeInfos(page.items().stream().map(SwfShapes::activityTypeInfo).toList())
                .nextPageToken(page.nextPageToken()).build();
    }

    public DeprecateWorkflowTypeResponse deprecateWorkflowType(RequestContext ctx, DeprecateWorkflowTypeRequest r) {
        types.deprecate(ctx.accountId(), ctx.region(), r.domain(), TypeKind.WorkflowType, r.workflowType().name(), r.workflowType().version());
        return DeprecateWorkflowTypeResponse.builder().build();
    }

    public DeprecateActivityTypeResponse deprecateActivityType(RequestContext ctx, DeprecateActivityTypeRequest r) {
        types.deprecate(ctx.accountId(), ctx.region(), r.domain(), TypeKind.ActivityType, r.activityType().name(), r.activityType().version());
        return DeprecateActivityTypeResponse.builder().build();
    }

    public UndeprecateWorkflowTypeResponse undeprecateWorkflowType(RequestContext ctx, UndeprecateWorkflowTypeRequest r) {
        types.undeprecate(ctx.accountId(), ctx.region(), r.domain(), TypeKind.WorkflowType, r.workflowType().name(), r.workflowType().version());
        return UndeprecateWorkflowTypeResponse.builder().build();
    }

    public UndeprecateActivityTypeResponse undeprecateActivityType(RequestContext ctx, UndeprecateActivityTypeRequest r) {
        types.undeprecate(ctx.accountId(), ctx.region(), r.domain(), TypeKind.ActivityType, r.activityType().name(), r.activityType().version());
        return UndeprecateActivityTypeResponse.builder().build();
    }

    public DeleteWorkflowTypeResponse deleteWorkflowType(RequestContext ctx, DeleteWorkflowTypeRequest r) {
        types.delete(ctx.accountId(), ctx.region(), r.domain(), TypeKind.WorkflowType, r.workflowType().name(), r.workflowType().version());
        return DeleteWorkflowTypeResponse.builder().build();
    }

    public DeleteActivityTypeResponse deleteActivityType(RequestContext ctx, DeleteActivityTypeRequest r) {
        types.delete(ctx.accountId(), ctx.region(), r.domain(), TypeKind.ActivityType, r.activityType().name(), r.activityType().version());
        return DeleteActivityTypeResponse.builder().build();
    }

    // ---- executions ----

    public StartWorkflowExecutionResponse startWorkflowExecution(RequestContext ctx, StartWorkflowExecutionRequest r) {
        TypeRecord t = runs.startableType(ctx.accountId(), ctx.region(), r.domain(), r.workflowType().name(), r.workflowType().version());
        WorkflowTypeConfiguration d = runs.defaults(t);
        String taskList = r.taskList() != null ? r.taskList().name() : d.defaultTaskList() == null ? null : d.defaultTaskList().name();
        String runId = runs.start(new ExecutionService.StartSpec(ctx.accountId(), ctx.region(), r.domain(), r.workflowId(), t,
                r.hasTagList() ? r.tagList() : null, r.input(), taskList, first(r.taskPriority(), d.defaultTaskPriority()),
                first(r.executionStartToCloseTimeout(), d.defaultExecutionStartToCloseTimeout()),
                first(r.taskStartToCloseTimeout(), d.defaultTaskStartToCloseTimeout()),
                first(r.childPolicyAsString(), d.defaultChildPolicyAsString()), first(r.lambdaRole(), d.defaultLambdaRole()),
                null, null));
        return StartWorkflowExecutionResponse.builder().runId(runId).build();
    }

    public DescribeWorkflowExecutionResponse describeWorkflowExecution(RequestContext ctx, DescribeWorkflowExecutionRequest r) {
        var e = runs.find(ctx.accountId(), ctx.region(), r.domain(), r.execution().workflowId(), r.execution().runId());
        return shapes.describe(e);
    }

    public GetWorkflowExecutionHistoryResponse getWorkflowExecutionHistory(RequestContext ctx, GetWorkflowExecutionHistoryRequest r) {
        var e = runs.find(ctx.accountId(), ctx.region(), r.domain(), r.execution().workflowId(), r.execution().runId());
        Pages.Page<HistoryEvent> page = runs.historyPage(e, Boolean.TRUE.equals(r.reverseOrder()), r.maximumPageSize(), r.nextPageToken());
        return GetWorkflowExecutionHistoryResponse.builder().events(page.items()).nextPageToken(page.nextPageToken()).build();
    }

    public SignalWorkflowExecutionResponse signalWorkflowExecution(RequestContext ctx, SignalWorkflowExecutionRequest r) {
        runs.signal(ctx.accountId(), ctx.region(), r.domain(), r.workflowId(), r.runId(), r.signalName(), r.input());
        return SignalWorkflowExecutionResponse.builder().build();
    }

    public RequestCancelWorkflowExecutionResponse requestCancelWorkflowExecution(RequestContext ctx, RequestCancelWorkflowExecutionRequest r) {
        runs.requestCancel(ctx.accountId(), ctx.region(), r.domain(), r.workflowId(), r.runId());
        return RequestCancelWorkflowExecutionResponse.builder().build();
    }

    public TerminateWorkflowExecutionResponse terminateWorkflowExecution(RequestContext ctx, TerminateWorkflowExecutionRequest r) {
        runs.terminate(ctx.accountId(), ctx.region(), r.domain(), r.workflowId(), r.runId(), r.reason(), r.details(),
                r.childPolicyAsString());
        return TerminateWorkflowExecutionResponse.builder().build();
    }

    public ListOpenWorkflowExecutionsResponse listOpenWorkflowExecutions(RequestContext ctx, ListOpenWorkflowExecutionsRequest r) {
        var q = new Visibility.Query(true, r.startTimeFilter(), null, r.executionFilter(), r.typeFilter(), r.tagFilter(), null);
        var page = visibility.page(ctx.accountId(), ctx.region(), r.domain(), q, Boolean.TRUE.equals(r.reverseOrder()),
                r.maximumPageSize(), r.nextPageToken());
        return ListOpenWorkflowExecutionsResponse.builder().executionInfos(page.items().stream().map(SwfShapes::info).toList())
                .nextPageToken(page.nextPageToken()).build();
    }

    public ListClosedWorkflowExecutionsResponse listClosedWorkflowExecutions(RequestContext ctx, ListClosedWorkflowExecutionsRequest r) {
        var q = new Visibility.Query(false, r.startTimeFilter(), r.closeTimeFilter(), r.executionFilter(), r.typeFilter(),
                r.tagFilter(), r.closeStatusFilter());
        var page = visibility.page(ctx.accountId(), ctx.region(), r.domain(), q, Boolean.TRUE.equals(r.reverseOrder()),
                r.maximumPageSize(), r.nextPageToken());
        return ListClosedWorkflowExecutionsResponse.builder().executionInfos(page.items().stream().map(SwfShapes::info).toList())
                .nextPageToken(page.nextPageToken()).build();
    }

    public CountOpenWorkflowExecutionsResponse countOpenWorkflowExecutions(RequestContext ctx, CountOpenWorkflowExecutionsRequest r) {
        var q = new Visibility.Query(true, r.startTimeFilter(), null, r.executionFilter(), r.typeFilter(), r.tagFilter(), null);
        int count = visibility.count(ctx.accountId(), ctx.region(), r.domain(), q);
        return CountOpenWorkflowExecutionsResponse.builder().count(count).truncated(false).build();
    }

    public CountClosedWorkflowExecutionsResponse countClosedWorkflowExecutions(RequestContext ctx, CountClosedWorkflowExecutionsRequest r) {
        var q = new Visibility.Query(false, r.startTimeFilter(), r.closeTimeFilter(), r.executionFilter(), r.typeFilter(),
                r.tagFilter(), r.closeStatusFilter());
        int count = visibility.count(ctx.accountId(), ctx.region(), r.domain(), q);
        return CountClosedWorkflowExecutionsResponse.builder().count(count).truncated(false).build();
    }

    public CountPendingDecisionTasksResponse countPendingDecisionTasks(RequestContext ctx, CountPendingDecisionTasksRequest r) {
        int count = tasks.pendingDecisions(ctx.accountId(), ctx.region(), r.domain(), r.taskList().name());
        return CountPendingDecisionTasksResponse.builder().count(count).truncated(false).build();
    }

    public CountPendingActivityTasksResponse countPendingActivityTasks(RequestContext ctx, CountPendingActivityTasksRequest r) {
        int count = tasks.pendingActivities(ctx.accountId(), ctx.region(), r.domain(), r.taskList().name());
        return CountPendingActivityTasksResponse.builder().count(count).truncated(false).build();
    }

    // ---- deciders and workers ----

    public PollForDecisionTaskResponse pollForDecisionTask(RequestContext ctx, PollForDecisionTaskRequest r) {
        boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
        if (r.nextPageToken() != null && !r.nextPageToken().isEmpty()) {
            return shapes.decisionPage(ctx.accountId(), ctx.region(), r.nextPageToken(), r.maximumPageSize(), reverse);
        }
        try {
            var task = tasks.pollDecision(ctx.accountId(), ctx.region(), r.domain(), r.taskList().name(), r.identity());
            return task.map(t -> shapes.decisionTask(t, r.maximumPageSize(), reverse, null)).orElseGet(SwfShapes::emptyDecisionTask);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SwfShapes.emptyDecisionTask();
        }
    }

    public PollForActivityTaskResponse pollForActivityTask(RequestContext ctx, PollForActivityTaskRequest r) {
        try {
            var task = tasks.pollActivity(ctx.accountId(), ctx.region(), r.domain(), r.taskList().name(), r.identity());
            return task.map(SwfShapes::activityTask).orElseGet(SwfShapes::emptyActivityTask);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SwfShapes.emptyActivityTask();
        }
    }

    public RespondDecisionTaskCompletedResponse respondDecisionTaskCompleted(RequestContext ctx, RespondDecisionTaskCompletedRequest r) {
        tasks.completeDecision(ctx.accountId(), ctx.region(), r.taskToken(), r.hasDecisions() ? r.decisions() : List.of(),
                r.executionContext(), r.taskList() == null ? null : r.taskList().name(), r.taskListScheduleToStartTimeout());
        return RespondDecisionTaskCompletedResponse.builder().build();
    }

    public RecordActivityTaskHeartbeatResponse recordActivityTaskHeartbeat(RequestContext ctx, RecordActivityTaskHeartbeatRequest r) {
        boolean cancel = tasks.heartbeat(ctx.accountId(), ctx.region(), r.taskToken(), r.details());
        return RecordActivityTaskHeartbeatResponse.builder().cancelRequested(cancel).build();
    }

    public RespondActivityTaskCompletedResponse respondActivityTaskCompleted(RequestContext ctx, RespondActivityTaskCompletedRequest r) {
        tasks.completeActivity(ctx.accountId(), ctx.region(), r.taskToken(), r.result());
        return RespondActivityTaskCompletedResponse.builder().build();
    }

    public RespondActivityTaskFailedResponse respondActivityTaskFailed(RequestContext ctx, RespondActivityTaskFailedRequest r) {
        tasks.failActivity(ctx.accountId(), ctx.region(), r.taskToken(), r.reason(), r.details());
        return RespondActivityTaskFailedResponse.builder().build();
    }

    public RespondActivityTaskCanceledResponse respondActivityTaskCanceled(RequestContext ctx, RespondActivityTaskCanceledRequest r) {
        tasks.cancelActivity(ctx.accountId(), ctx.region(), r.taskToken(), r.details());
        return RespondActivityTaskCanceledResponse.builder().build();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
