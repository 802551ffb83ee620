package io.haneul.sagemaker.processing;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.domain.Listing;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListProcessingJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListProcessingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.StopProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.StopProcessingJobResponse;

import java.util.List;

/** SageMaker's processing jobs: SDK shapes in and out, rules in {@link ProcessingJobs}. A part of the SageMaker provider. */
public final class ProcessingApi {

    private static final Listing<DescribeProcessingJobResponse> LISTING = new Listing<>(new Listing.Keys<>(
            DescribeProcessingJobResponse::processingJobName, DescribeProcessingJobResponse::creationTime,
            DescribeProcessingJobResponse::processingJobStatusAsString));

    private final ProcessingJobs jobs;

    ProcessingApi(ProcessingJobs jobs) {
        this.jobs = jobs;
    }

    public CreateProcessingJobResponse createProcessingJob(RequestContext ctx, CreateProcessingJobRequest r) {
        return CreateProcessingJobResponse.builder().processingJobArn(jobs.create(ctx.accountId(), ctx.region(), r)).build();
    }

    public DescribeProcessingJobResponse describeProcessingJob(RequestContext ctx, DescribeProcessingJobRequest r) {
        return jobs.describe(ctx.accountId(), ctx.region(), r.processingJobName());
    }

    public StopProcessingJobResponse stopProcessingJob(RequestContext ctx, StopProcessingJobRequest r) {
        jobs.stop(ctx.accountId(), ctx.region(), r.processingJobName());
        return StopProcessingJobResponse.builder().build();
    }

    public DeleteProcessingJobResponse deleteProcessingJob(RequestContext ctx, DeleteProcessingJobRequest r) {
        jobs.delete(ctx.accountId(), ctx.region(), r.processingJobName());
        return DeleteProcessingJobResponse.builder().build();
    }

    public ListProcessingJobsResponse listProcessingJobs(RequestContext ctx, ListProcessingJobsRequest r) {
        List<DescribeProcessingJobResponse> all = jobs.all(ctx.accountId(), ctx.region()).stream()
                .filter(j -> r.lastModifiedTimeAfter() == null || j.lastModifiedTime().isAfter(r.lastModifiedTimeAfter()))
                .filter(j -> r.lastModifiedTimeBefore() == null || j.lastModifiedTime().isBefore(r.lastModifiedTimeBefore()))
                .toList();
        Listing.Page<DescribeProcessingJobResponse> page;
        try {
            page = LISTING.page(all, r.nameContains(), r.creationTimeBefore(), r.creationTimeAfter(), r.statusEqualsAsString(),
                    r.sortByAsString(), r.sortOrderAsString(), r.maxResults(), r.nextToken());
        } catch (HostingException e) {
            throw new AwsErrorException(e.code(), e.getMessage(), 400);
        }
        return ListProcessingJobsResponse.builder().processingJobSummaries(page.items().stream().map(j -> ProcessingJobSummary.builder()
                .processingJobName(j.processingJobName()).processingJobArn(j.processingJobArn()).creationTime(j.creationTime())
                .processingEndTime(j.processingEndTime()).lastModifiedTime(j.lastModifiedTime())
                .processingJobStatus(j.processingJobStatusAsString()).failureReason(j.failureReason()).exitMessage(j.exitMessage())
                .build()).toList()).nextToken(page.nextToken()).build();
    }
}
