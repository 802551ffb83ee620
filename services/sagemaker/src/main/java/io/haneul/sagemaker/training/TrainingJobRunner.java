package io.haneul.sagemaker.training;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.algorithms.Algorithm;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.sagemaker.algorithms.TrainingRequest;
import io.haneul.sagemaker.script.FrameworkImages;
import io.haneul.sagemaker.script.ScriptTrainer;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import io.haneul.storage.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs training jobs from the durable scheduler (kind {@value TrainingJobs#KIND}, one entry per job):
 * Starting → Downloading (channels from S3) → Training (the built-in algorithm, or the user's script for a framework
 * image: {@link ScriptTrainer}) → Uploading
 * ({@code <S3OutputPath>/<job>/output/model.tar.gz}) → Completed, each step recorded in
 * SecondaryStatusTransitions. Bad hyperparameters or data end the job Failed with a
 * {@code ClientError: ...} FailureReason; StopTrainingJob and MaxRuntimeInSeconds stop it between
 * rounds (Stopped; MaxRuntimeExceeded as secondary status for the latter).
 *
 * <p>At most {@code parallel} jobs train at once on a node; a job that finds no free slot is put back a
 * second later. A job that was already past Starting when its entry comes round again was interrupted
 * by a node that died; and a node shutting down stops its jobs: both end Failed with a reason saying so,
 * since a training run cannot resume where it stopped.
 */
final class TrainingJobRunner implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingJobRunner.class);
    static final String INTERRUPTED = "InternalServerError: The training job was interrupted because the Haneul server running it stopped. "
            + "Training does not resume after a restart; start a new training job.";
    private static final long STOP_POLL_NANOS = Duration.ofMillis(200).toNanos();

    private final TrainingJobs jobs;
    private final SqlTrainingJobs store;
    private final Algorithms algorithms;
    private final ChannelDownloads downloads;
    private final Checkpoints checkpointStore;
    private final Supplier<Optional<ObjectStorage>> storage;
    private final DurableScheduler scheduler;
    private final Clock clock;
    private final Semaphore slots;
    private final ScriptTrainer scriptTrainer;
    private final EarlyStopping earlyStopping;
    /** The early stopping of the jobs training on this node, by job name: their series is stored when they end. */
    private final Map<String, EarlyStopping.Watch> watches = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TrainingJobRunner(TrainingJobs jobs, SqlTrainingJobs store, Algorithms algorithms, Supplier<Optional<ObjectStorage>> storage,
                      DurableScheduler scheduler, Clock clock, int parallel, ScriptTrainer scriptTrainer, EarlyStopping earlyStopping) {
        this.scriptTrainer = scriptTrainer;
        this.earlyStopping = earlyStopping;
        this.jobs = jobs;
        this.store = store;
        this.algorithms = algorithms;
        this.storage = storage;
        this.downloads = new ChannelDownloads(storage);
        this.checkpointStore = new Checkpoints(storage);
        this.scheduler = scheduler;
        this.clock = clock;
        this.slots = new Semaphore(parallel);
    }

    static String payload(String account, String region, String name) {
        return new io.haneul.sagemaker.JobKey(account, region, name).payload();
    }

    @Override
    public void handle(Job entry) throws Exception {
        io.haneul.sagemaker.JobKey key = io.haneul.sagemaker.JobKey.parse(entry.payload());
        String account = key.account();
        String region = key.region();
        String name = key.name();
        Optional<DescribeTrainingJobResponse> found = jobs.find(account, region, name);
        if (found.isEmpty()) {
            return;
        }
        DescribeTrainingJobResponse job = found.get();
        String status = job.trainingJobStatusAsString();
        if (!status.equals("InProgress") && !status.equals("Stopping")) {
            return;
        }
        boolean started = job.secondaryStatusTransitions().stream().anyMatch(t -> !t.statusAsString().equals("Starting")
                && !t.statusAsString().equals("Stopping"));
        if (started) {
            finish(account, region, name, "Failed", "Failed", "Training job failed", INTERRUPTED, null, null);
            return;
        }
        if (status.equals("Stopping")) {
            finish(account, region, name, "Stopped", "Stopped", "The job was stopped before it started", null, null, null);
            return;
        }
        if (closed) {
            throw new IllegalStateException("SageMaker is shutting down; the training job starts later");
        }
        if (!slots.tryAcquire()) {
            scheduler.schedule(TrainingJobs.KIND, job.trainingJobArn(), entry.payload(), clock.instant().plus(Duration.ofSeconds(1)));
            return;
        }
        running.add(name);
        try {
            run(account, region, job);
        } finally {
            running.remove(name);
            slots.release();
        }
    }

    /** Stops the jobs training on this node (the server is shutting down); they end Failed with {@link #INTERRUPTED}. */
    void close() {
        closed = true;
    }

    private void run(String account, String region, DescribeTrainingJobResponse job) throws IOException {
        String name = job.trainingJobName();
        TrainingLog log = new TrainingLog(store, clock, account, region, name,
                job.algorithmSpecification().hasMetricDefinitions() ? job.algorithmSpecification().metricDefinitions() : List.of());
        Path work = Files.createTempDirectory("haneul-sagemaker-training-");
        Instant started = clock.instant();
        Instant deadline = started.plusSeconds(job.stoppingCondition().maxRuntimeInSeconds());
        Optional<EarlyStopping.Watch> watch = Optional.empty();
        StopFlag stop = new StopFlag(account, region, name, deadline, log::earlyStopRequested);
        Path modelDir = work.resolve("model");
        try {
            watch = earlyStopping.watchFor(account, region, job);
            watch.ifPresent(w -> {
                log.watch(w);
                watches.put(name, w);
            });
            boolean script = FrameworkImages.isScriptJob(job.algorithmSpecification().trainingImage(), job.hyperParameters());
            Algorithm algorithm = script ? null : algorithms.forImage(job.algorithmSpecification().trainingImage())
                    .orElseThrow(() -> AlgorithmException.client("The training image is not an algorithm Haneul runs"));
            log.log("Haneul SageMaker: training job " + name + (script ? " in script mode (" + job.algorithmSpecification().trainingImage()
                    + ")" : " with algorithm " + algorithm.name()) + " on "
                    + job.resourceConfig().instanceCount() + " x " + job.resourceConfig().instanceTypeAsString());
            Map<String, String> hyperParameters = script ? job.hyperParameters() : algorithm.validated(job.hyperParameters());
            advance(account, region, name, "Downloading", "Starting the training job", b -> b.trainingStartTime(started));
            Map<String, TrainingRequest.Channel> channels = downloads.download(account, region, job.roleArn(),
                    job.hasInputDataConfig() ? job.inputDataConfig() : List.of(),
                    Files.createDirectories(work.resolve("input/data")));
            channels.values().forEach(c -> log.log("Channel " + c.name() + ": " + c.files().size() + " file(s), content type "
                    + (c.contentType() == null ? "(default)" : c.contentType())));
            advance(account, region, name, "Training", "Training image download completed. Training in progress.", b -> b);
            Files.createDirectories(modelDir);
            Path checkpoints = null;
            if (job.checkpointConfig() != null) {
                checkpoints = Files.createDirectories(work.resolve("checkpoints"));
                int restored = checkpointStore.restore(account, job.checkpointConfig().s3Uri(), checkpoints);
                if (restored > 0) {
                    log.log("Restored " + restored + " checkpoint file(s) from " + job.checkpointConfig().s3Uri());
                }
            }
            try {
                TrainingRequest request = new TrainingRequest(hyperParameters, channels, modelDir, checkpoints, log, stop);
                if (script) {
                    scriptTrainer.train(account, job, request, work);
                } else {
                    algorithm.train(request);
                }
            } finally {
                if (checkpoints != null) {
                    checkpointStore.save(account, region, job.checkpointConfig().s3Uri(), checkpoints);
                }
            }
            advance(account, region, name, "Uploading", "Uploading generated training model", b -> b);
            String artifact = upload(account, region, job, modelDir, work, "model.tar.gz");
            Path outputData = work.resolve("output/data");
            if (script && Files.isDirectory(outputData) && hasFiles(outputData)) {
                log.log("Output data written to " + upload(account, region, job, outputData, work, "output.tar.gz"));
            }
            log.log("Model written to " + artifact);
            finish(account, region, name, jobs.statusOf(account, region, name).equals("Stopping") ? "Stopped" : "Completed",
                    jobs.statusOf(account, region, name).equals("Stopping") ? "Stopped" : "Completed",
                    "Training job completed", null, artifact, log.finalMetrics());
        } catch (AlgorithmException e) {
            if (closed) {
                finish(account, region, name, "Failed", "Failed", "Training job failed", INTERRUPTED, null, log.finalMetrics());
            } else if (e.isStopped() && log.earlyStopRequested() && watch.isPresent()) {
                finish(account, region, name, "Stopped", "Stopped", watch.get().rule().stopMessage(), null,
                        stoppedModel(account, region, job, modelDir, work, log), log.finalMetrics());
            } else if (e.isStopped()) {
                boolean timedOut = !clock.instant().isBefore(deadline) && !stop.requested();
                log.log(timedOut ? "Training stopped: MaxRuntimeInSeconds (" + job.stoppingCondition().maxRuntimeInSeconds() + ") reached"
                        : "Training stopped on request");
                finish(account, region, name, "Stopped", timedOut ? "MaxRuntimeExceeded" : "Stopped",
                        timedOut ? "Training job exceeded MaxRuntimeInSeconds provided" : "Training job stopped", null,
                        stoppedModel(account, region, job, modelDir, work, log), log.finalMetrics());
            } else {
                log.log((e.clientError() ? "ClientError: " : "AlgorithmError: ") + e.getMessage());
                finish(account, region, name, "Failed", "Failed", "Training job failed",
                        (e.clientError() ? "ClientError: " : "AlgorithmError: ") + e.getMessage(), null, log.finalMetrics());
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("training job {} failed", name, e);
            finish(account, region, name, "Failed", "Failed", "Training job failed",
                    closed ? INTERRUPTED : "InternalServerError: " + e.getMessage(), null, log.finalMetrics());
        } finally {
            watches.remove(name);
            io.haneul.sagemaker.WorkFolders.deleteTree(work);
        }
    }

    /**
     * The model a stopped job left in its model folder, uploaded as a completed job's (AWS keeps the model of a stopped job);
     * null when it left none or the upload failed.
     */
    private String stoppedModel(String account, String region, DescribeTrainingJobResponse job, Path modelDir, Path work, TrainingLog log) {
        try {
            if (!Files.isDirectory(modelDir) || !hasFiles(modelDir)) {
                return null;
            }
            String artifact = upload(account, region, job, modelDir, work, "model.tar.gz");
            log.log("Model of the stopped job written to " + artifact);
            return artifact;
        } catch (IOException | AlgorithmException | RuntimeException e) {
            log.log("The stopped job's model could not be uploaded: " + e.getMessage());
            return null;
        }
    }

    /** Packs a folder to {@code <S3OutputPath>/<job>/output/<name>} (model.tar.gz; output.tar.gz of a script's output/data). */
    private String upload(String account, String region, DescribeTrainingJobResponse job, Path modelDir, Path work, String name)
            throws IOException, AlgorithmException {
        Path archive = work.resolve(name);
        ModelArchive.write(modelDir, archive);
        S3Location target = S3Location.parse(job.outputDataConfig().s3OutputPath()).child(job.trainingJobName() + "/output/" + name);
        ObjectStorage s3 = storage.get().orElseThrow(() -> AlgorithmException.internal("S3 is not running on this server"));
        try (InputStream in = Files.newInputStream(archive)) {
            s3.putObject(account, region, target.bucket(), target.key(), in, "application/x-tar", Map.of());
        } catch (ObjectStorage.ObjectStorageException e) {
            throw AlgorithmException.client("Unable to upload the model to " + target.uri() + ": " + e.getMessage());
        }
        return target.uri();
    }

    private void advance(String account, String region, String name, String secondary, String message,
                         java.util.function.UnaryOperator<DescribeTrainingJobResponse.Builder> more) {
        jobs.update(account, region, name, current -> {
            String status = current.trainingJobStatusAsString();
            if (!status.equals("InProgress") && !status.equals("Stopping")) {
                return null;
            }
            if (status.equals("Stopping")) {
                return more.apply(current.toBuilder()).build(); // the Stopping transition stays the last one
            }
            return more.apply(Transitions.advance(current.toBuilder(), current, secondary, message, clock.instant())).build();
        });
    }

    private void finish(String account, String region, String name, String status, String secondary, String message, String failure,
                        String artifact, List<MetricData> metrics) {
        EarlyStopping.Watch watch = watches.remove(name);
        if (watch != null) {
            earlyStopping.ended(account, region, watch);
        }
        jobs.update(account, region, name, current -> {
            String now = current.trainingJobStatusAsString();
            if (!now.equals("InProgress") && !now.equals("Stopping")) {
                return null;
            }
            Instant end = clock.instant();
            DescribeTrainingJobResponse.Builder b = Transitions.advance(current.toBuilder(), current, secondary, message, end)
                    .trainingJobStatus(status)
                    .trainingEndTime(end)
                    .failureReason(failure);
            if (artifact != null) {
                b.modelArtifacts(a -> a.s3ModelArtifacts(artifact));
            }
            if (metrics != null && !metrics.isEmpty()) {
                b.finalMetricDataList(metrics);
            }
            if (current.trainingStartTime() != null) {
                long seconds = Math.max(1, Duration.between(current.trainingStartTime(), end).toSeconds());
                b.trainingTimeInSeconds((int) seconds).billableTimeInSeconds((int) seconds);
            }
            return b.build();
        });
    }

    /**
     * Stop requested (StopTrainingJob, seen in the store at most every 200 ms), early stopping's rule, MaxRuntimeInSeconds
     * passed, or shutdown.
     */
    private final class StopFlag implements BooleanSupplier {
        private final String account;
        private final String region;
        private final String name;
        private final Instant deadline;
        private final BooleanSupplier earlyStop;
        private volatile boolean requested;
        private long lastCheck = System.nanoTime();

        StopFlag(String account, String region, String name, Instant deadline, BooleanSupplier earlyStop) {
            this.account = account;
            this.region = region;
            this.name = name;
            this.deadline = deadline;
            this.earlyStop = earlyStop;
        }

        boolean requested() {
            return requested;
        }

        @Override
        public boolean getAsBoolean() {
            if (closed || earlyStop.getAsBoolean() || !clock.instant().isBefore(deadline)) {
                return true;
            }
            long now = System.nanoTime();
            if (!requested && now - lastCheck >= STOP_POLL_NANOS) {
                lastCheck = now;
                requested = !jobs.statusOf(account, region, name).equals("InProgress");
            }
            return requested;
        }
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(Files::isRegularFile);
        }
    }
}
