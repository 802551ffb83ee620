package io.haneul.sagemaker.training;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.StopTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.StopTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

import java.util.List;

/** SageMaker's training jobs: SDK shapes in and out, rules in {@link TrainingJobs}. A part of the SageMaker provider. */
public final class TrainingJobApi {

    private final TrainingJobs jobs;
    private final TrainingLogsRoute logs;

    private final CreateTags tags;

    TrainingJobApi(TrainingJobs jobs, TrainingLogsRoute logs, CreateTags tags) {
        this.jobs = jobs;
        this.logs = logs;
        this.tags = tags;
    }

    public CreateTrainingJobResponse createTrainingJob(RequestContext ctx, CreateTrainingJobRequest r) {
        String arn = jobs.create(ctx.accountId(), ctx.region(), r, null);
        tags.store(arn, r.tags());
        return CreateTrainingJobResponse.builder().trainingJobArn(arn).build();
    }

    public DescribeTrainingJobResponse describeTrainingJob(RequestContext ctx, DescribeTrainingJobRequest r) {
        return jobs.describe(ctx.accountId(), ctx.region(), r.trainingJobName());
    }

    public StopTrainingJobResponse stopTrainingJob(RequestContext ctx, StopTrainingJobRequest r) {
        jobs.stop(ctx.accountId(), ctx.region(), r.trainingJobName());
        return StopTrainingJobResponse.builder().build();
    }

    public ListTrainingJobsResponse listTrainingJobs(RequestContext ctx, ListTrainingJobsRequest r) {
        SqlTrainingJobs.Filter filter = new SqlTrainingJobs.Filter(r.nameContains(), r.statusEqualsAsString(), millis(r.creationTimeAfter()),
                millis(r.creationTimeBefore()), millis(r.lastModifiedTimeAfter()), millis(r.lastModifiedTimeBefore()), null);
        List<DescribeTrainingJobResponse> all = jobs.list(ctx.accountId(), ctx.region(), filter);
        Paging.Page<DescribeTrainingJobResponse> page = Paging.page(all, r.sortByAsString(), r.sortOrderAsString(), r.maxResults(), r.nextToken(),
                DescribeTrainingJobResponse::trainingJobName, DescribeTrainingJobResponse::creationTime,
                DescribeTrainingJobResponse::trainingJobStatusAsString);
        return ListTrainingJobsResponse.builder().trainingJobSummaries(page.items().stream().map(TrainingJobApi::summary).toList())
                .nextToken(page.nextToken()).build();
    }

    static TrainingJobSummary summary(DescribeTrainingJobResponse d) {
        return TrainingJobSummary.builder().trainingJobName(d.trainingJobName()).trainingJobArn(d.trainingJobArn())
                .creationTime(d.creationTime()).trainingEndTime(d.trainingEndTime()).lastModifiedTime(d.lastModifiedTime())
                .trainingJobStatus(d.trainingJobStatusAsString()).secondaryStatus(d.secondaryStatusAsString()).build();
    }

    TrainingLogsRoute logs() {
        return logs;
    }

    private static Long millis(java.time.Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
