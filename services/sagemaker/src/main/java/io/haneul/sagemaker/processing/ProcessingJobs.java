package io.haneul.sagemaker.processing;

import io.haneul.core.error.AwsErrorException;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.sagemaker.hosting.domain.Arns;
import io.haneul.sagemaker.hosting.domain.TagMaps;
import io.haneul.sagemaker.hosting.store.HostingStore;
import io.haneul.storage.DurableScheduler;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInput;
import software.amazon.awssdk.services.sagemaker.model.ProcessingOutput;
import software.amazon.awssdk.services.sagemaker.model.ProcessingStoppingCondition;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Processing jobs' rules: what CreateProcessingJob accepts beyond the model's constraints (unique input and
 * output names, S3 inputs of S3DataType S3Prefix and S3 outputs, local paths under {@code /opt/ml/processing/}),
 * the job's document as DescribeProcessingJob shows it (kept in the hosting resource table as kind
 * {@value #KIND_ROW}), and the status changes StopProcessingJob, DeleteProcessingJob and the runner make
 * (compare-and-set on the stored status).
 */
final class ProcessingJobs {

    static final String KIND = "sagemaker.processing-job";
    static final String KIND_ROW = "processing-job";
    static final String LOCAL_ROOT = "/opt/ml/processing/";
    /** AWS's default when StoppingCondition is absent: one day. */
    static final int DEFAULT_MAX_RUNTIME = 86_400;

    private final HostingStore store;
    private final DurableScheduler scheduler;
    private final Clock clock;
    private final SdkDocuments docs = new SdkDocuments();

    ProcessingJobs(HostingStore store, DurableScheduler scheduler, Clock clock) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    static AwsErrorException validation(String message) {
        return new AwsErrorException("ValidationException", message, 400);
    }

    static AwsErrorException notFound(String name) {
        return new AwsErrorException("ResourceNotFound", "Could not find requested job with name " + name, 400);
    }

    String create(String account, String region, CreateProcessingJobRequest r) {
        validate(r);
        Instant now = clock.instant();
        String arn = Arns.of(region, account, KIND_ROW, r.processingJobName());
        DescribeProcessingJobResponse doc = DescribeProcessingJobResponse.builder()
                .processingJobName(r.processingJobName()).processingJobArn(arn).processingJobStatus("InProgress")
                .processingInputs(r.hasProcessingInputs() ? r.processingInputs() : null)
                .processingOutputConfig(r.processingOutputConfig()).processingResources(r.processingResources())
                .stoppingCondition(r.stoppingCondition() == null
                        ? ProcessingStoppingCondition.builder().maxRuntimeInSeconds(DEFAULT_MAX_RUNTIME).build() : r.stoppingCondition())
                .appSpecification(r.appSpecification()).environment(r.hasEnvironment() ? r.environment() : null)
                .networkConfig(r.networkConfig()).roleArn(r.roleArn()).experimentConfig(r.experimentConfig())
                .creationTime(now).lastModifiedTime(now).build();
        if (!store.insert(new HostingStore.Row(account, region, KIND_ROW, r.processingJobName(), "InProgress", now.toEpochMilli(),
                docs.write(doc)))) {
            throw new AwsErrorException("ResourceInUse", "Job name must be unique within an AWS account and region, and a job with this "
                    + "name already exists (" + arn + ")", 400);
        }
        if (r.hasTags() && !r.tags().isEmpty()) {
            store.putTags(arn, TagMaps.of(r.tags()));
        }
        scheduler.schedule(KIND, arn, ProcessingRunner.payload(account, region, r.processingJobName()), now);
        return arn;
    }

    private static void validate(CreateProcessingJobRequest r) {
        Set<String> names = new HashSet<>();
        for (ProcessingInput in : r.processingInputs()) {
            if (!names.add(in.inputName())) {
                throw validation("ProcessingInputs and ProcessingOutputs must have unique names. Duplicate name: " + in.inputName());
            }
            if (in.s3Input() == null) {
                throw validation("ProcessingInput " + in.inputName() + ": Haneul reads processing inputs from S3; specify S3Input "
                        + "(DatasetDefinition is not supported).");
            }
            if (!"S3Prefix".equals(in.s3Input().s3DataTypeAsString())) {
                throw validation("ProcessingInput " + in.inputName() + ": S3DataType " + in.s3Input().s3DataTypeAsString()
                        + " is not supported by Haneul; use S3Prefix.");
            }
            checkS3(in.s3Input().s3Uri(), "ProcessingInput " + in.inputName());
            checkLocal(in.s3Input().localPath(), "ProcessingInput " + in.inputName());
        }
        if (r.processingOutputConfig() != null) {
            for (ProcessingOutput out : r.processingOutputConfig().outputs()) {
                if (!names.add(out.outputName())) {
                    throw validation("ProcessingInputs and ProcessingOutputs must have unique names. Duplicate name: " + out.outputName());
                }
                if (out.s3Output() == null) {
                    throw validation("ProcessingOutput " + out.outputName() + ": Haneul writes processing outputs to S3; specify S3Output "
                            + "(FeatureStoreOutput is not supported).");
                }
                checkS3(out.s3Output().s3Uri(), "ProcessingOutput " + out.outputName());
                checkLocal(out.s3Output().localPath(), "ProcessingOutput " + out.outputName());
            }
        }
    }

    private static void checkS3(String uri, String what) {
        if (uri == null || !uri.startsWith("s3://") || uri.length() <= 5) {
            throw validation(what + ": S3Uri \"" + uri + "\" is not a valid S3 URI (s3://bucket/key).");
        }
    }

    private static void checkLocal(String path, String what) {
        if (path == null || !path.startsWith(LOCAL_ROOT) || path.contains("/../")) {
            throw validation(what + ": LocalPath \"" + path + "\" must be an absolute path that begins with " + LOCAL_ROOT);
        }
    }

    Optional<DescribeProcessingJobResponse> find(String account, String region, String name) {
        return store.find(account, region, KIND_ROW, name).map(r -> docs.read(r.doc(), DescribeProcessingJobResponse.class));
    }

    DescribeProcessingJobResponse describe(String account, String region, String name) {
        return find(account, region, name).orElseThrow(() -> notFound(name));
    }

    List<DescribeProcessingJobResponse> all(String account, String region) {
        return store.list(account, region, KIND_ROW).stream().map(r -> docs.read(r.doc(), DescribeProcessingJobResponse.class)).toList();
    }

    String statusOf(String account, String region, String name) {
        return store.find(account, region, KIND_ROW, name).map(HostingStore.Row::status).orElse("Failed");
    }

    /** InProgress → Stopping; the runner ends the process and the job Stopped. */
    void stop(String account, String region, String name) {
        DescribeProcessingJobResponse job = describe(account, region, name);
        String status = job.processingJobStatusAsString();
        if (status.equals("Stopping")) {
            return;
        }
        if (!status.equals("InProgress")) {
            throw validation("The request was rejected because the processing job is in status " + status + ".");
        }
        if (update(account, region, name, "InProgress", j -> j.toBuilder().processingJobStatus("Stopping").build()) == null) {
            throw validation("The request was rejected because the processing job is in status " + statusOf(account, region, name) + ".");
        }
    }

    /** Deletes a job that has ended; one still running answers ResourceInUse. */
    void delete(String account, String region, String name) {
        DescribeProcessingJobResponse job = describe(account, region, name);
        String status = job.processingJobStatusAsString();
        if (status.equals("InProgress") || status.equals("Stopping")) {
            throw new AwsErrorException("ResourceInUse", "Cannot delete processing job " + name + " in status " + status
                    + "; stop it and wait for it to end first.", 400);
        }
        store.delete(account, region, KIND_ROW, name, job.processingJobArn());
    }

    /** Applies a change when the stored status is still {@code expected}; answers the new document, or null when the status moved. */
    DescribeProcessingJobResponse update(String account, String region, String name, String expected,
                                         UnaryOperator<DescribeProcessingJobResponse> change) {
        Optional<DescribeProcessingJobResponse> current = find(account, region, name);
        if (current.isEmpty() || !current.get().processingJobStatusAsString().equals(expected)) {
            return null;
        }
        DescribeProcessingJobResponse next = change.apply(current.get()).toBuilder().lastModifiedTime(clock.instant()).build();
        return store.replace(account, region, KIND_ROW, name, expected, next.processingJobStatusAsString(), docs.write(next)) ? next : null;
    }
}
