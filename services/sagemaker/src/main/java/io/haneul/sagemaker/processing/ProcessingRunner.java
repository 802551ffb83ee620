package io.haneul.sagemaker.processing;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.script.PythonFinder;
import io.haneul.sagemaker.script.S3Files;
import io.haneul.sagemaker.script.ScriptProcess;
import io.haneul.sagemaker.script.ScriptTrainer;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import io.haneul.storage.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInput;
import software.amazon.awssdk.services.sagemaker.model.ProcessingOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs processing jobs from the durable scheduler (kind {@value ProcessingJobs#KIND}): each S3 input is copied
 * to its LocalPath, the container's entry point and arguments run with the machine's Python (the
 * {@code /opt/ml/} paths in them mapped to the job folder, {@code python3} to the interpreter), and on a zero exit
 * each output's LocalPath is uploaded to its S3Uri: Completed. A non-zero exit ends it Failed
 * ({@code AlgorithmError: } and the last error line); StopProcessingJob and MaxRuntimeInSeconds end the process group
 * (Stopped). An entry found already started was interrupted by a node that stopped: the job ends Failed, as
 * training jobs do, since the script cannot resume.
 */
final class ProcessingRunner implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingRunner.class);
    static final String INTERRUPTED = "InternalServerError: The processing job was interrupted because the Haneul server running it "
            + "stopped. Processing jobs do not resume after a restart; start a new processing job.";
    private static final long STOP_POLL_MS = 500;

    private final ProcessingJobs jobs;
    private final Supplier<Optional<ObjectStorage>> storage;
    private final PythonFinder python;
    private final Clock clock;
    private final Supplier<String> endpoint;
    private final DurableScheduler scheduler;
    /** At most {@code --sagemaker-parallel-jobs} processing jobs run at once on a node, as training jobs. */
    private final Semaphore slots;
    private final SdkDocuments docs = new SdkDocuments();
    private volatile boolean closed;

    ProcessingRunner(ProcessingJobs jobs, Supplier<Optional<ObjectStorage>> storage, PythonFinder python, Clock clock,
                     Supplier<String> endpoint, DurableScheduler scheduler, int parallel) {
        this.endpoint = endpoint;
        this.scheduler = scheduler;
        this.slots = new Semaphore(parallel);
        this.jobs = jobs;
        this.storage = storage;
        this.python = python;
        this.clock = clock;
    }

    static String payload(String account, String region, String name) {
        return new io.haneul.sagemaker.JobKey(account, region, name).payload();
    }

    void close() {
        closed = true;
    }

    @Override
    public void handle(Job entry) throws Exception {
        io.haneul.sagemaker.JobKey key = io.haneul.sagemaker.JobKey.parse(entry.payload());
        String account = key.account();
        String region = key.region();
        String name = key.name();
        Optional<DescribeProcessingJobResponse> found = jobs.find(account, region, name);
        if (found.isEmpty()) {
            return;
        }
        DescribeProcessingJobResponse job = found.get();
        String status = job.processingJobStatusAsString();
        if (status.equals("Stopping")) {
            finish(account, region, name, "Stopped", null, null);
            return;
        }
        if (!status.equals("InProgress")) {
            return;
        }
        if (job.processingStartTime() != null) {
            finish(account, region, name, "Failed", INTERRUPTED, null);
            return;
        }
        if (closed) {
            throw new IllegalStateException("SageMaker is shutting down; the processing job starts later");
        }
        if (!slots.tryAcquire()) {
            // every slot busy: the job waits in the scheduler (still without a start time) and comes round a second later
            scheduler.schedule(ProcessingJobs.KIND, job.processingJobArn(), entry.payload(), clock.instant().plusSeconds(1));
            return;
        }
        DescribeProcessingJobResponse started;
        try {
            started = jobs.update(account, region, name, "InProgress",
                    j -> j.toBuilder().processingStartTime(clock.instant()).build());
            if (started != null) {
                run(account, region, started);
            }
        } finally {
            slots.release();
        }
        if (started == null) {
            handle(entry); // stopped meanwhile
        }
    }

    private void run(String account, String region, DescribeProcessingJobResponse job) throws IOException {
        String name = job.processingJobName();
        Path work = Files.createTempDirectory("haneul-sagemaker-processing-");
        Instant deadline = clock.instant().plusSeconds(job.stoppingCondition().maxRuntimeInSeconds());
        try {
            ObjectStorage s3 = storage.get().orElseThrow(() -> AlgorithmException.internal("S3 is not running on this server"));
            S3Files files = new S3Files(s3);
            for (ProcessingInput in : job.processingInputs()) {
                int n = files.downloadPrefix(account, in.s3Input().s3Uri(), local(work, in.s3Input().localPath()));
                LOG.info("[processing {}] input {}: {} file(s) from {}", name, in.inputName(), n, in.s3Input().s3Uri());
            }
            List<ProcessingOutput> outputs = job.processingOutputConfig() == null ? List.of() : job.processingOutputConfig().outputs();
            for (ProcessingOutput out : outputs) {
                Files.createDirectories(local(work, out.s3Output().localPath()));
            }
            Path config = Files.createDirectories(work.resolve("config"));
            Files.writeString(config.resolve("processingjobconfig.json"), docs.write(job));
            Files.writeString(config.resolve("resourceconfig.json"), "{\"current_host\":\"algo-1\",\"hosts\":[\"algo-1\"]}");
            List<String> command = command(job, work);
            Map<String, String> env = new HashMap<>();
            if (job.hasEnvironment()) {
                env.putAll(job.environment());
            }
            env.putAll(ScriptProcess.awsVariables(endpoint.get(), region, account));
            env.put("PYTHONUNBUFFERED", "1");
            LOG.info("[processing {}] running {}", name, command);
            ScriptProcess.Result result;
            try {
                result = ScriptProcess.run(command, Files.createDirectories(work.resolve("processing")), env,
                        line -> LOG.info("[processing {}] {}", name, line), stopFlag(account, region, name, deadline));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(account, region, name, "Failed", INTERRUPTED, null);
                return;
            }
            if (result.stopped()) {
                boolean timedOut = !clock.instant().isBefore(deadline);
                finish(account, region, name, closed ? "Failed" : "Stopped", closed ? INTERRUPTED : null,
                        timedOut ? "Processing job exceeded MaxRuntimeInSeconds (" + job.stoppingCondition().maxRuntimeInSeconds() + ")" : null);
                return;
            }
            if (result.exitCode() != 0) {
                String error = ScriptTrainer.lastError(result.tail());
                finish(account, region, name, "Failed", truncate("AlgorithmError: " + error + ", exit code: " + result.exitCode()),
                        truncate(String.join("\n", result.tail().subList(Math.max(0, result.tail().size() - 5), result.tail().size()))));
                return;
            }
            for (ProcessingOutput out : outputs) {
                files.uploadFolder(account, region, local(work, out.s3Output().localPath()), out.s3Output().s3Uri());
            }
            finish(account, region, name, "Completed", null, null);
        } catch (AlgorithmException e) {
            finish(account, region, name, "Failed", (e.clientError() ? "ClientError: " : "AlgorithmError: ") + e.getMessage(), null);
        } catch (RuntimeException | IOException e) {
            LOG.warn("processing job {} failed", name, e);
            finish(account, region, name, "Failed", "InternalServerError: " + e.getMessage(), null);
        } finally {
            io.haneul.sagemaker.WorkFolders.deleteTree(work);
        }
    }

    /** {@code /opt/ml/processing/x} → {@code <work>/processing/x}. */
    static Path local(Path work, String containerPath) {
        Path p = work.resolve(containerPath.substring("/opt/ml/".length())).normalize();
        if (!p.startsWith(work)) {
            throw new IllegalArgumentException("path outside the job folder: " + containerPath);
        }
        return p;
    }

    /** The entry point and arguments with {@code /opt/ml/} mapped to the job folder and a leading python to the interpreter. */
    private List<String> command(DescribeProcessingJobResponse job, Path work) throws AlgorithmException {
        List<String> entry = job.appSpecification().containerEntrypoint();
        if (entry == null || entry.isEmpty()) {
            throw AlgorithmException.client("AppSpecification.ContainerEntrypoint is required: Haneul runs no container image, only the "
                    + "entry point given (e.g. [\"python3\", \"/opt/ml/processing/input/code/process.py\"]).");
        }
        List<String> command = new ArrayList<>();
        for (String part : entry) {
            command.add(part.replace("/opt/ml/", work + "/"));
        }
        if (job.appSpecification().hasContainerArguments()) {
            for (String part : job.appSpecification().containerArguments()) {
                command.add(part.replace("/opt/ml/", work + "/"));
            }
        }
        if (command.getFirst().matches("(.*/)?python(3(\\.\\d+)?)?")) {
            command.set(0, python.find().orElseThrow(() -> AlgorithmException.client("No Python interpreter was found on the Haneul server "
                    + "(python3.11 under pyenv or on PATH, or the --sagemaker-python option).")).toString());
        }
        return command;
    }

    private BooleanSupplier stopFlag(String account, String region, String name, Instant deadline) {
        long[] last = {System.currentTimeMillis()};
        boolean[] requested = {false};
        return () -> {
            if (closed || !clock.instant().isBefore(deadline)) {
                return true;
            }
            long now = System.currentTimeMillis();
            if (!requested[0] && now - last[0] >= STOP_POLL_MS) {
                last[0] = now;
                requested[0] = !jobs.statusOf(account, region, name).equals("InProgress");
            }
            return requested[0];
        };
    }

    private void finish(String account, String region, String name, String status, String failure, String exitMessage) {
        for (String from : List.of("InProgress", "Stopping")) {
            if (jobs.update(account, region, name, from, j -> j.toBuilder().processingJobStatus(status).failureReason(failure)
                    .exitMessage(exitMessage).processingEndTime(clock.instant()).build()) != null) {
                return;
            }
        }
    }

    private static String truncate(String s) {
        return s.length() > 1024 ? s.substring(0, 1024) : s;
    }
}
