package io.haneul.sagemaker.training;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.sagemaker.script.FrameworkImages;
import io.haneul.storage.DurableScheduler;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.S3DataSource;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Training jobs' rules: what CreateTrainingJob accepts beyond the model's own constraints (an image of a
 * built-in algorithm, a ResourceConfig, unique channel names, s3:// locations), the job's document as
 * DescribeTrainingJob shows it, and the status changes StopTrainingJob and the runner make.
 */
final class TrainingJobs {

    static final String KIND = "sagemaker.training-job";
    /** AWS's default when StoppingCondition leaves MaxRuntimeInSeconds out: one day. */
    static final int DEFAULT_MAX_RUNTIME = 86_400;

    private final SqlTrainingJobs store;
    private final DurableScheduler scheduler;
    private final Algorithms algorithms;
    private final Clock clock;
    private final SdkDocuments sdk = new SdkDocuments();

    TrainingJobs(SqlTrainingJobs store, DurableScheduler scheduler, Algorithms algorithms, Clock clock) {
        this.store = store;
        this.scheduler = scheduler;
        this.algorithms = algorithms;
        this.clock = clock;
    }

    static String arn(String account, String region, String name) {
        return "arn:aws:sagemaker:" + region + ":" + account + ":training-job/" + name.toLowerCase(Locale.ROOT);
    }

    /** Stores the job (InProgress, Starting) and its scheduler entry in one transaction; answers its ARN. */
    String create(String account, String region, CreateTrainingJobRequest r, String tuningJobArn) {
        validate(r);
        Instant now = clock.instant();
        String arn = arn(account, region, r.trainingJobName());
        StoppingCondition stopping = r.stoppingCondition() == null || r.stoppingCondition().maxRuntimeInSeconds() == null
                ? (r.stoppingCondition() == null ? StoppingCondition.builder() : r.stoppingCondition().toBuilder())
                .maxRuntimeInSeconds(DEFAULT_MAX_RUNTIME).build()
                : r.stoppingCondition();
        DescribeTrainingJobResponse doc = DescribeTrainingJobResponse.builder()
                .trainingJobName(r.trainingJobName())
                .trainingJobArn(arn)
                .tuningJobArn(tuningJobArn)
                .trainingJobStatus("InProgress")
                .secondaryStatus("Starting")
                .hyperParameters(r.hasHyperParameters() ? r.hyperParameters() : null)
                .algorithmSpecification(r.algorithmSpecification())
                .roleArn(r.roleArn())
                .inputDataConfig(r.hasInputDataConfig() ? r.inputDataConfig() : null)
                .outputDataConfig(r.outputDataConfig())
                .resourceConfig(r.resourceConfig())
                .vpcConfig(r.vpcConfig())
                .stoppingCondition(stopping)
                .creationTime(now)
                .lastModifiedTime(now)
                .secondaryStatusTransitions(SecondaryStatusTransition.builder().status("Starting").startTime(now)
                        .statusMessage("Starting the training job").build())
                .enableNetworkIsolation(Boolean.TRUE.equals(r.enableNetworkIsolation()))
                .enableInterContainerTrafficEncryption(Boolean.TRUE.equals(r.enableInterContainerTrafficEncryption()))
                .enableManagedSpotTraining(Boolean.TRUE.equals(r.enableManagedSpotTraining()))
                .checkpointConfig(r.checkpointConfig())
                .environment(r.hasEnvironment() ? r.environment() : null)
                .experimentConfig(r.experimentConfig())
                .retryStrategy(r.retryStrategy())
                .build();
        SqlTrainingJobs.Row row = new SqlTrainingJobs.Row(account, region, r.trainingJobName(), "InProgress", now.toEpochMilli(),
                now.toEpochMilli(), tuningJobArn, sdk.write(doc));
        boolean created = store.database().write(c -> {
            if (!store.insert(c, row)) {
                return false;
            }
            scheduler.schedule(c, KIND, arn, TrainingJobRunner.payload(account, region, r.trainingJobName()), now);
            return true;
        });
        if (!created) {
            throw TrainingErrors.inUse("Training job names must be unique within an AWS account and region, and a training job with this name "
                    + "already exists (" + arn + ")");
        }
        scheduler.wake();
        return arn;
    }

    /** CreateTrainingJob's checks, for a tuning job's training job definition. */
    void check(CreateTrainingJobRequest r) {
        validate(r);
    }

    private void validate(CreateTrainingJobRequest r) {
        if (r.algorithmSpecification() == null) {
            throw TrainingErrors.validation("1 validation error detected: Value null at 'algorithmSpecification' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (r.resourceConfig() == null) {
            throw TrainingErrors.validation("1 validation error detected: Value null at 'resourceConfig' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (r.resourceConfig().instanceType() == null && !r.resourceConfig().hasInstanceGroups()) {
            throw TrainingErrors.validation("InstanceType or InstanceGroups must be specified in ResourceConfig.");
        }
        if (r.resourceConfig().volumeSizeInGB() == null) {
            throw TrainingErrors.validation("1 validation error detected: Value null at 'resourceConfig.volumeSizeInGB' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        String image = r.algorithmSpecification().trainingImage();
        if (r.algorithmSpecification().algorithmName() != null && image == null) {
            throw TrainingErrors.validation("Algorithm " + r.algorithmSpecification().algorithmName()
                    + " does not exist. Haneul runs the built-in algorithms named by their TrainingImage (see docs/sagemaker.md).");
        }
        if (image == null) {
            throw TrainingErrors.validation("Either AlgorithmName or TrainingImage must be specified in AlgorithmSpecification.");
        }
        boolean script = FrameworkImages.isScriptJob(image, r.hyperParameters());
        if (!script && FrameworkImages.scriptOnly(image)) {
            throw TrainingErrors.validation("TrainingImage " + image + " is a framework image: it runs a script named by the "
                    + "hyperparameters sagemaker_program and sagemaker_submit_directory, which the job does not give.");
        }
        if (!script && algorithms.forImage(image).isEmpty()) {
            throw TrainingErrors.validation("TrainingImage " + image + " is not an image Haneul can run: it runs the built-in algorithms "
                    + algorithms.all().stream().map(a -> a.name()).toList() + " by their AWS image names (see docs/sagemaker.md).");
        }
        if (!S3Location.valid(r.outputDataConfig().s3OutputPath())) {
            throw TrainingErrors.validation("Invalid S3OutputPath " + r.outputDataConfig().s3OutputPath() + ": it must be an s3:// URI.");
        }
        Set<String> names = new HashSet<>();
        for (Channel channel : r.inputDataConfig()) {
            if (!names.add(channel.channelName())) {
                throw TrainingErrors.validation("Channel names must be unique. Duplicate channel name: " + channel.channelName());
            }
            S3DataSource s3 = channel.dataSource() == null ? null : channel.dataSource().s3DataSource();
            if (s3 == null) {
                throw TrainingErrors.validation("Channel " + channel.channelName() + ": Haneul reads channels from S3; specify S3DataSource.");
            }
            if (!S3Location.valid(s3.s3Uri())) {
                throw TrainingErrors.validation("Channel " + channel.channelName() + ": invalid S3Uri " + s3.s3Uri());
            }
            if ("AugmentedManifestFile".equals(s3.s3DataTypeAsString())) {
                throw TrainingErrors.validation("Channel " + channel.channelName()
                        + ": AugmentedManifestFile is supported only for algorithms that read application/x-recordio-protobuf with RecordIO "
                        + "wrapping, which Haneul does not run; use S3Prefix or ManifestFile.");
            }
        }
        if (r.checkpointConfig() != null && !S3Location.valid(r.checkpointConfig().s3Uri())) {
            throw TrainingErrors.validation("Invalid CheckpointConfig S3Uri " + r.checkpointConfig().s3Uri());
        }
    }

    DescribeTrainingJobResponse describe(String account, String region, String name) {
        return store.find(account, region, name).map(row -> sdk.read(row.doc(), DescribeTrainingJobResponse.class))
                .orElseThrow(TrainingErrors::notFound);
    }

    Optional<DescribeTrainingJobResponse> find(String account, String region, String name) {
        return store.find(account, region, name).map(row -> sdk.read(row.doc(), DescribeTrainingJobResponse.class));
    }

    List<DescribeTrainingJobResponse> list(String account, String region, SqlTrainingJobs.Filter filter) {
        List<DescribeTrainingJobResponse> out = new ArrayList<>();
        for (SqlTrainingJobs.Row row : store.list(account, region, filter)) {
            out.add(sdk.read(row.doc(), DescribeTrainingJobResponse.class));
        }
        return out;
    }

    /** InProgress → Stopping; the runner (on whichever node runs the job) sees it and ends the job Stopped. */
    void stop(String account, String region, String name) {
        DescribeTrainingJobResponse doc = describe(account, region, name);
        if (!doc.trainingJobStatusAsString().equals("InProgress")) {
            if (doc.trainingJobStatusAsString().equals("Stopping")) {
                return;
            }
            throw TrainingErrors.validation("The request was rejected because the training job is in status "
                    + doc.trainingJobStatusAsString() + ".");
        }
        DescribeTrainingJobResponse changed = update(account, region, name, current -> {
            if (!current.trainingJobStatusAsString().equals("InProgress")) {
                return null;
            }
            return Transitions.advance(current.toBuilder().trainingJobStatus("Stopping"), current, "Stopping",
                    "Stopping the training job", clock.instant()).build();
        });
        if (changed != null && !changed.trainingJobStatusAsString().equals("Stopping")) {
            throw TrainingErrors.validation("The request was rejected because the training job is in status "
                    + changed.trainingJobStatusAsString() + ".");
        }
    }

    /**
     * Applies a change to the stored document, compare-and-set on the status it was read with (retried
     * when another node changed it meanwhile). The change answers null to leave the job as it is.
     * Answers the stored document after the change (or as it is when the change declined), or null when
     * the job is gone.
     */
    DescribeTrainingJobResponse update(String account, String region, String name, UnaryOperator<DescribeTrainingJobResponse> change) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<SqlTrainingJobs.Row> row = store.find(account, region, name);
            if (row.isEmpty()) {
                return null;
            }
            DescribeTrainingJobResponse current = sdk.read(row.get().doc(), DescribeTrainingJobResponse.class);
            DescribeTrainingJobResponse next = change.apply(current);
            if (next == null) {
                return current;
            }
            next = next.toBuilder().lastModifiedTime(clock.instant()).build();
            if (store.replaceIf(account, region, name, row.get().status(), next.trainingJobStatusAsString(),
                    next.lastModifiedTime().toEpochMilli(), sdk.write(next))) {
                return next;
            }
        }
        throw new IllegalStateException("training job " + name + " kept changing while being updated");
    }

    String statusOf(String account, String region, String name) {
        return store.find(account, region, name).map(SqlTrainingJobs.Row::status).orElse("Failed");
    }
}
