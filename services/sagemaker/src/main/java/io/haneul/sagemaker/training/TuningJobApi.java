package io.haneul.sagemaker.training;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobSummary;
import software.amazon.awssdk.services.sagemaker.model.ListHyperParameterTuningJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListHyperParameterTuningJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.StopHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.StopHyperParameterTuningJobResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** SageMaker's hyperparameter tuning jobs: SDK shapes in and out, rules in {@link TuningJobs}. A part of the SageMaker provider. */
public final class TuningJobApi {

    private final TuningJobs tuning;

    private final CreateTags tags;

    TuningJobApi(TuningJobs tuning, CreateTags tags) {
        this.tuning = tuning;
        this.tags = tags;
    }

    public CreateHyperParameterTuningJobResponse createHyperParameterTuningJob(RequestContext ctx, CreateHyperParameterTuningJobRequest r) {
        String arn = tuning.create(ctx.accountId(), ctx.region(), r);
        tags.store(arn, r.tags());
        return CreateHyperParameterTuningJobResponse.builder().hyperParameterTuningJobArn(arn).build();
    }

    public DescribeHyperParameterTuningJobResponse describeHyperParameterTuningJob(RequestContext ctx, DescribeHyperParameterTuningJobRequest r) {
        return tuning.describe(ctx.accountId(), ctx.region(), r.hyperParameterTuningJobName());
    }

    public StopHyperParameterTuningJobResponse stopHyperParameterTuningJob(RequestContext ctx, StopHyperParameterTuningJobRequest r) {
        tuning.stop(ctx.accountId(), ctx.region(), r.hyperParameterTuningJobName());
        return StopHyperParameterTuningJobResponse.builder().build();
    }

    public ListHyperParameterTuningJobsResponse listHyperParameterTuningJobs(RequestContext ctx, ListHyperParameterTuningJobsRequest r) {
        List<DescribeHyperParameterTuningJobResponse> matching = tuning.all(ctx.accountId(), ctx.region()).stream()
                .filter(d -> r.nameContains() == null || d.hyperParameterTuningJobName().toLowerCase(Locale.ROOT)
                        .contains(r.nameContains().toLowerCase(Locale.ROOT)))
                .filter(d -> r.statusEquals() == null || d.hyperParameterTuningJobStatusAsString().equals(r.statusEqualsAsString()))
                .filter(d -> after(d.creationTime(), r.creationTimeAfter()) && before(d.creationTime(), r.creationTimeBefore()))
                .filter(d -> after(d.lastModifiedTime(), r.lastModifiedTimeAfter()) && before(d.lastModifiedTime(), r.lastModifiedTimeBefore()))
                .toList();
        Paging.Page<DescribeHyperParameterTuningJobResponse> page = Paging.page(matching, r.sortByAsString(), r.sortOrderAsString(),
                r.maxResults(), r.nextToken(), DescribeHyperParameterTuningJobResponse::hyperParameterTuningJobName,
                DescribeHyperParameterTuningJobResponse::creationTime, DescribeHyperParameterTuningJobResponse::hyperParameterTuningJobStatusAsString);
        return ListHyperParameterTuningJobsResponse.builder().hyperParameterTuningJobSummaries(page.items().stream().map(d ->
                HyperParameterTuningJobSummary.builder().hyperParameterTuningJobName(d.hyperParameterTuningJobName())
                        .hyperParameterTuningJobArn(d.hyperParameterTuningJobArn())
                        .hyperParameterTuningJobStatus(d.hyperParameterTuningJobStatusAsString())
                        .strategy(d.hyperParameterTuningJobConfig().strategyAsString()).creationTime(d.creationTime())
                        .hyperParameterTuningEndTime(d.hyperParameterTuningEndTime()).lastModifiedTime(d.lastModifiedTime())
                        .trainingJobStatusCounters(d.trainingJobStatusCounters()).objectiveStatusCounters(d.objectiveStatusCounters())
                        .resourceLimits(d.hyperParameterTuningJobConfig().resourceLimits()).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public ListTrainingJobsForHyperParameterTuningJobResponse listTrainingJobsForHyperParameterTuningJob(RequestContext ctx,
            ListTrainingJobsForHyperParameterTuningJobRequest r) {
        DescribeHyperParameterTuningJobResponse job = tuning.describe(ctx.accountId(), ctx.region(), r.hyperParameterTuningJobName());
        List<HyperParameterTrainingJobSummary> jobs = new ArrayList<>(tuning.trainingJobs(ctx.accountId(), ctx.region(), job).stream()
                .filter(j -> r.statusEquals() == null || j.trainingJobStatusAsString().equals(r.statusEqualsAsString())).toList());
        String sortBy = r.sortByAsString() == null ? "Name" : r.sortByAsString();
        Comparator<HyperParameterTrainingJobSummary> order = switch (sortBy) {
            case "CreationTime" -> Comparator.comparing(HyperParameterTrainingJobSummary::creationTime);
            case "Status" -> Comparator.comparing(HyperParameterTrainingJobSummary::trainingJobStatusAsString);
            case "FinalObjectiveMetricValue" -> TuningJobs.bestFirst(
                    job.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective().typeAsString());
            default -> Comparator.comparing(HyperParameterTrainingJobSummary::trainingJobName);
        };
        if ("Descending".equals(r.sortOrderAsString())) {
            order = order.reversed();
        }
        jobs.sort(order);
        Paging.Page<HyperParameterTrainingJobSummary> page = Paging.slice(jobs, r.maxResults(), r.nextToken());
        return ListTrainingJobsForHyperParameterTuningJobResponse.builder().trainingJobSummaries(page.items()).nextToken(page.nextToken()).build();
    }

    private static boolean after(Instant t, Instant bound) {
        return bound == null || t.isAfter(bound);
    }

    private static boolean before(Instant t, Instant bound) {
        return bound == null || t.isBefore(bound);
    }
}
