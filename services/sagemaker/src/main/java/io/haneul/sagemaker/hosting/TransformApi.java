package io.haneul.sagemaker.hosting;

import io.haneul.core.engine.RequestContext;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.domain.Listing;
import io.haneul.sagemaker.hosting.domain.S3Location;
import io.haneul.sagemaker.hosting.store.HostingStore;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTransformJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTransformJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.StopTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.StopTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TransformJobSummary;

import java.time.Instant;
import java.util.List;

/**
 * CreateTransformJob, DescribeTransformJob, ListTransformJobs, StopTransformJob. The job is stored
 * InProgress and run by {@link TransformRunner} on the durable scheduler; a stop moves it to Stopping and
 * the runner ends it Stopped between records.
 */
public final class TransformApi {

    private static final Listing<DescribeTransformJobResponse> LISTING = new Listing<>(new Listing.Keys<>(
            DescribeTransformJobResponse::transformJobName, DescribeTransformJobResponse::creationTime,
            DescribeTransformJobResponse::transformJobStatusAsString));

    private final Hosting h;
    private final ModelApi models;

    TransformApi(Hosting h, ModelApi models) {
        this.h = h;
        this.models = models;
    }

    public CreateTransformJobResponse createTransformJob(RequestContext ctx, CreateTransformJobRequest req) {
        return HostingErrors.call(() -> {
            String arn = Hosting.arn(ctx.region(), ctx.accountId(), Hosting.TRANSFORM_JOB, req.transformJobName());
            models.model(ctx, req.modelName());
            if (req.transformInput().dataSource().s3DataSource() == null) {
                throw HostingException.validation("TransformInput.DataSource.S3DataSource is required.");
            }
            if (!"S3Prefix".equals(req.transformInput().dataSource().s3DataSource().s3DataTypeAsString())) {
                throw HostingException.validation("Haneul reads transform input of S3DataType S3Prefix; "
                        + req.transformInput().dataSource().s3DataSource().s3DataTypeAsString() + " is not supported.");
            }
            S3Location.parse(req.transformInput().dataSource().s3DataSource().s3Uri(), "S3Uri");
            S3Location.parse(req.transformOutput().s3OutputPath(), "S3OutputPath");
            if (req.maxPayloadInMB() != null && (req.maxPayloadInMB() < 0 || req.maxPayloadInMB() > 100)) {
                throw HostingException.validation("MaxPayloadInMB must be between 0 and 100.");
            }
            if (req.dataProcessing() != null && (req.dataProcessing().inputFilter() != null || req.dataProcessing().outputFilter() != null)) {
                throw HostingException.validation("Haneul does not apply DataProcessing InputFilter or OutputFilter; only JoinSource is supported.");
            }
            Instant now = h.clock.instant();
            DescribeTransformJobResponse doc = DescribeTransformJobResponse.builder().transformJobName(req.transformJobName())
                    .transformJobArn(arn).transformJobStatus("InProgress").modelName(req.modelName())
                    .maxConcurrentTransforms(req.maxConcurrentTransforms() == null ? 1 : req.maxConcurrentTransforms())
                    .modelClientConfig(req.modelClientConfig()).maxPayloadInMB(req.maxPayloadInMB() == null ? 6 : req.maxPayloadInMB())
                    .batchStrategy(req.batchStrategy() == null ? "MultiRecord" : req.batchStrategyAsString())
                    .environment(req.hasEnvironment() ? req.environment() : null).transformInput(req.transformInput())
                    .transformOutput(req.transformOutput()).dataCaptureConfig(req.dataCaptureConfig())
                    .transformResources(req.transformResources()).dataProcessing(req.dataProcessing())
                    .experimentConfig(req.experimentConfig()).creationTime(now).build();
            if (!h.store.insert(new HostingStore.Row(ctx.accountId(), ctx.region(), Hosting.TRANSFORM_JOB, req.transformJobName(),
                    "InProgress", now.toEpochMilli(), h.write(doc)))) {
                throw HostingException.inUse("Job name must be unique within an AWS account and region, and a job with this name already exists ("
                        + arn + ")");
            }
            h.tag(arn, req.tags());
            h.scheduler.schedule(TransformRunner.KIND, arn, TransformRunner.payload(ctx.accountId(), ctx.region(), req.transformJobName()), now);
            return CreateTransformJobResponse.builder().transformJobArn(arn).build();
        });
    }

    public DescribeTransformJobResponse describeTransformJob(RequestContext ctx, DescribeTransformJobRequest req) {
        return HostingErrors.call(() -> job(ctx, req.transformJobName()));
    }

    private DescribeTransformJobResponse job(RequestContext ctx, String name) {
        return h.find(ctx.accountId(), ctx.region(), Hosting.TRANSFORM_JOB, name, DescribeTransformJobResponse.class)
                .orElseThrow(() -> HostingException.notFound("Could not find requested job with name " + name));
    }

    public ListTransformJobsResponse listTransformJobs(RequestContext ctx, ListTransformJobsRequest req) {
        return HostingErrors.call(() -> {
            List<DescribeTransformJobResponse> all = h.store.list(ctx.accountId(), ctx.region(), Hosting.TRANSFORM_JOB).stream()
                    .map(r -> h.docs.read(r.doc(), DescribeTransformJobResponse.class))
                    .filter(j -> req.lastModifiedTimeBefore() == null || lastModified(j).isBefore(req.lastModifiedTimeBefore()))
                    .filter(j -> req.lastModifiedTimeAfter() == null || lastModified(j).isAfter(req.lastModifiedTimeAfter()))
                    .toList();
            Listing.Page<DescribeTransformJobResponse> page = LISTING.page(all, req.nameContains(), req.creationTimeBefore(),
                    req.creationTimeAfter(), req.statusEqualsAsString(), req.sortByAsString(), req.sortOrderAsString(), req.maxResults(),
                    req.nextToken());
            return ListTransformJobsResponse.builder().transformJobSummaries(page.items().stream().map(j -> TransformJobSummary.builder()
                    .transformJobName(j.transformJobName()).transformJobArn(j.transformJobArn()).creationTime(j.creationTime())
                    .transformEndTime(j.transformEndTime()).lastModifiedTime(lastModified(j)).transformJobStatus(j.transformJobStatus())
                    .failureReason(j.failureReason()).build()).toList()).nextToken(page.nextToken()).build();
        });
    }

    private static Instant lastModified(DescribeTransformJobResponse j) {
        return j.transformEndTime() != null ? j.transformEndTime() : j.transformStartTime() != null ? j.transformStartTime() : j.creationTime();
    }

    public StopTransformJobResponse stopTransformJob(RequestContext ctx, StopTransformJobRequest req) {
        return HostingErrors.call(() -> {
            DescribeTransformJobResponse j = job(ctx, req.transformJobName());
            if (!"InProgress".equals(j.transformJobStatusAsString())) {
                throw HostingException.validation("The transform job " + req.transformJobName() + " is not in progress; its status is "
                        + j.transformJobStatusAsString() + ".");
            }
            h.store.replace(ctx.accountId(), ctx.region(), Hosting.TRANSFORM_JOB, j.transformJobName(), "InProgress", "Stopping",
                    h.write(j.toBuilder().transformJobStatus("Stopping").build()));
            return StopTransformJobResponse.builder().build();
        });
    }
}
