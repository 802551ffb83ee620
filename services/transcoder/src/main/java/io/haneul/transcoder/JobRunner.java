package io.haneul.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.transcoder.domain.AesKey;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.JobHandler;
import io.haneul.transcoder.engine.MediaInfo;
import io.haneul.transcoder.engine.ProducedFile;
import io.haneul.transcoder.engine.TranscodeEngine;
import io.haneul.transcoder.engine.TranscodeException;
import io.haneul.transcoder.engine.TranscodeJob;
import io.haneul.transcoder.engine.TranscodeResult;
import io.haneul.transcoder.store.SqlJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobPlaylist;
import software.amazon.awssdk.services.elastictranscoder.model.DetectedProperties;
import software.amazon.awssdk.services.elastictranscoder.model.Job;
import software.amazon.awssdk.services.elastictranscoder.model.JobInput;
import software.amazon.awssdk.services.elastictranscoder.model.JobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.Pipeline;
import software.amazon.awssdk.services.elastictranscoder.model.Playlist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Runs jobs from the durable scheduler (kind {@value #KIND}, one entry per job, on whichever node claims
 * it): Submitted → Progressing (PROGRESSING notification), the inputs and the watermark, album art and
 * caption objects streamed from the input bucket into a work directory, {@link TranscodeEngine#transcode},
 * every produced file streamed to the content or thumbnail bucket under the OutputKeyPrefix, then
 * Complete or Error for each output, playlist and the job (a WARNING notification when an output completed
 * with warnings, then COMPLETED or ERROR).
 *
 * <p>At most {@code parallel} jobs run at once on a node; a job that finds no free slot is put back a
 * second later so that other nodes can take it. A job of a Paused pipeline stays Submitted until the
 * pipeline is Active again. A node that dies mid-job leaves the entry to be claimed again when its lease
 * expires: the job, still Progressing, runs again from the start; after {@value #MAX_RUNS} such runs it
 * ends in Error instead, so that no job stays Progressing forever.
 */
final class JobRunner implements JobHandler {

    static final String KIND = "transcoder.job";
    static final int MAX_RUNS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlJobs jobs;
    private final PipelineService pipelines;
    private final PresetService presets;
    private final Resources resources;
    private final TranscodeEngine engine;
    private final JobMessages messages;
    private final DurableScheduler scheduler;
    private final Clock clock;
    private final Semaphore slots;
    private final java.util.Set<Thread> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final SdkDocuments sdk = new SdkDocuments();
    private final SecureRandom random = new SecureRandom();

    JobRunner(SqlJobs jobs, PipelineService pipelines, PresetService presets, Resources resources, TranscodeEngine engine,
              JobMessages messages, DurableScheduler scheduler, Clock clock, int parallel) {
        this.jobs = jobs;
        this.pipelines = pipelines;
        this.presets = presets;
        this.resources = resources;
        this.engine = engine;
        this.messages = messages;
        this.scheduler = scheduler;
        this.clock = clock;
        this.slots = new Semaphore(parallel);
    }

    static String payload(String account, String region, String id) {
        return JSON.createObjectNode().put("account", account).put("region", region).put("id", id).toString();
    }

    @Override
    public void handle(io.haneul.storage.Job entry) throws Exception {
        JsonNode p = JSON.readTree(entry.payload());
        String account = p.get("account").asText();
        String region = p.get("region").asText();
        String id = p.get("id").asText();
        Optional<SqlJobs.Row> row = jobs.find(account, region, id);
        if (row.isEmpty() || !(row.get().status().equals("Submitted") || row.get().status().equals("Progressing"))) {
            return;
        }
        Job job = sdk.read(row.get().doc(), Job.class);
        Pipeline pipeline = pipelines.read(account, region, job.pipelineId());
        if (job.status().equals("Submitted") && "Paused".equals(pipeline.status())) {
            return; // held; UpdatePipelineStatus Active schedules it again
        }
        // Runs of this job before this entry (carried when the job was put back for want of a slot),
        // so that putting it back never resets the count that MAX_RUNS bounds.
        int runs = p.path("runs").asInt(0) + entry.attempts();
        if (job.status().equals("Progressing") && runs > MAX_RUNS) {
            finish(account, region, pipeline, job, failAll(job, "9001", "The job was interrupted " + (runs - 1)
                    + " times and was not run again."));
            return;
        }
        if (closed) {
            throw new IllegalStateException("Elastic Transcoder is shutting down; the job runs again later");
        }
        if (!slots.tryAcquire()) {
            scheduler.schedule(KIND, id, putBack(p, job.status().equals("Progressing"), entry.attempts()).toString(),
                    clock.instant().plus(slotWait(p.path("waits").asInt(0))));
            return;
        }
        running.add(Thread.currentThread());
        try {
            if (job.status().equals("Submitted")) {
                Job started = started(job);
                if (!jobs.replaceIf(account, region, id, "Submitted", "Progressing", sdk.write(started))) {
                    return; // canceled meanwhile
                }
                job = started;
                messages.send(account, pipeline, job, JobMessages.State.PROGRESSING, null, null);
            }
            run(account, region, pipeline, job);
        } finally {
            running.remove(Thread.currentThread());
            slots.release();
        }
    }

    /**
     * The payload of the entry that puts back a job which found no free slot. The claim that found no
     * slot did not run the job, so it does not count; the runs before it do (a Progressing job taken over
     * after its node died has run {@code attempts - 1} times in this entry).
     */
    static JsonNode putBack(JsonNode payload, boolean progressing, int attempts) {
        int earlierRuns = payload.path("runs").asInt(0);
        return ((com.fasterxml.jackson.databind.node.ObjectNode) payload.deepCopy())
                .put("runs", progressing ? earlierRuns + attempts - 1 : earlierRuns)
                .put("waits", payload.path("waits").asInt(0) + 1);
    }

    /** How long a job that found no free slot waits before it asks again: 250 ms, doubling to 5 s. */
    static Duration slotWait(int earlierWaits) {
        return Duration.ofMillis(Math.min(5_000L, 250L << Math.min(earlierWaits, 5)));
    }

    /**
     * Stops the jobs running on this node (the server is shutting down): FFmpeg is killed, and each job,
     * still Progressing, is left to its scheduler entry to run again here after a restart or on another node.
     */
    void close() {
        closed = true;
        running.forEach(Thread::interrupt);
    }

    private void run(String account, String region, Pipeline pipeline, Job job) throws IOException {
        Path work = Files.createTempDirectory("haneul-transcoder-" + job.id() + "-");
        try {
            Transfers transfers = new Transfers(resources.storage(), account);
            Job done;
            try {
                done = transcode(account, region, pipeline, job, transfers, work);
            } catch (Transfers.Missing m) {
                done = failAll(job, "3001", "The specified input file does not exist: " + m.getMessage() + ".");
            } catch (TranscodeException e) {
                if (e.isCancelled() || closed) {
                    throw interrupted(e); // shutdown: the entry runs again
                }
                done = failAll(job, e.code(), e.getMessage());
            }
            finish(account, region, pipeline, job, done);
        } catch (RuntimeException e) {
            if (closed || (e instanceof TranscodeException t && t.isCancelled())) {
                throw interrupted(e);
            }
            LOG.warn("job {} failed", job.id(), e);
            finish(account, region, pipeline, job, failAll(job, "9999", "Internal service error: " + e.getMessage()));
        } finally {
            Transfers.deleteTree(work);
        }
    }

    /** An input copied to the work directory, decrypted on the way when its Encryption is an aes-* mode. */
    private static Path download(Transfers transfers, String bucket, JobInput in, Path dir, String name) {
        if (!AesKey.isAes(in.encryption())) {
            return transfers.download(bucket, in.key(), dir, name);
        }
        AesKey key = AesKey.of(in.encryption());
        try {
            return transfers.download(bucket, in.key(), dir, name, key::decrypting);
        } catch (UncheckedIOException e) {
            throw new TranscodeException("4000", "The input file " + in.key() + " could not be decrypted with its Encryption"
                    + " settings (mode " + key.mode() + "): " + e.getCause().getMessage());
        }
    }

    private Job transcode(String account, String region, Pipeline pipeline, Job job, Transfers transfers, Path work) {
        String inputBucket = pipeline.inputBucket();
        String contentBucket = pipeline.contentConfig().bucket();
        String prefix = prefix(job);
        OutputUploads uploads = new OutputUploads(transfers, region, pipeline, prefix);

        List<TranscodeJob.Input> inputs = new ArrayList<>();
        for (int i = 0; i < job.inputs().size(); i++) {
            JobInput in = job.inputs().get(i);
            inputs.add(new TranscodeJob.Input(in, download(transfers, inputBucket, in, work.resolve("in"), i + "-" + base(in.key()))));
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (String key : JobObjects.referenced(job)) {
            files.put(key, transfers.download(inputBucket, key, work.resolve("files"), files.size() + "-" + base(key)));
        }
        // outputs whose keys exist already fail with 3002; the others run
        List<JobOutput> outputs = new ArrayList<>(job.outputs());
        List<Integer> running = new ArrayList<>();
        List<TranscodeJob.Output> engineOutputs = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            JobOutput o = outputs.get(i);
            if (transfers.exists(contentBucket, prefix + o.key())) {
                outputs.set(i, o.toBuilder().status("Error").statusDetail(detail(job, "3002",
                        "The specified object already exists: bucket=" + contentBucket + ", key=" + prefix + o.key() + ".")).build());
                continue;
            }
            o = OutputUploads.withGeneratedKeys(o, random);
            outputs.set(i, o);
            running.add(i);
            engineOutputs.add(new TranscodeJob.Output(sdk.read(sdk.write(o.toBuilder().status(null).id(null).build()), CreateJobOutput.class),
                    presets.read(account, region, o.presetId())));
        }
        List<String> runningKeys = running.stream().map(i -> outputs.get(i).key()).toList();
        List<Playlist> playlists = new ArrayList<>(job.playlists());
        List<Integer> runningPlaylists = new ArrayList<>();
        List<CreateJobPlaylist> enginePlaylists = new ArrayList<>();
        for (int i = 0; i < playlists.size(); i++) {
            Playlist pl = playlists.get(i);
            if (!runningKeys.containsAll(pl.outputKeys())) {
                playlists.set(i, pl.toBuilder().status("Error").statusDetail(detail(job, "1001",
                        "Dependency Error: an output of the playlist failed.")).build());
                continue;
            }
            runningPlaylists.add(i);
            enginePlaylists.add(sdk.read(sdk.write(pl.toBuilder().status(null).build()), CreateJobPlaylist.class));
        }
        TranscodeResult result = null;
        if (!engineOutputs.isEmpty()) {
            Path out = work.resolve("out");
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int[] last = {-1};
            result = engine.transcode(new TranscodeJob(inputs, engineOutputs, enginePlaylists, files), out, percent -> {
                if (percent != last[0]) {
                    last[0] = percent;
                    jobs.progress(account, region, job.id(), percent);
                }
            });
            for (int r = 0; r < running.size(); r++) {
                int i = running.get(r);
                TranscodeResult.OutputResult res = result.outputs().get(r);
                outputs.set(i, outputResult(job, outputs.get(i), res, uploads));
            }
            for (int r = 0; r < runningPlaylists.size(); r++) {
                int i = runningPlaylists.get(r);
                TranscodeResult.PlaylistResult res = result.playlists().get(r);
                Playlist pl = playlists.get(i);
                if (res.failed()) {
                    playlists.set(i, pl.toBuilder().status("Error").statusDetail(detail(job, res.errorCode(), res.errorMessage())).build());
                } else {
                    try {
                        uploads.upload(res.files(), null);
                        playlists.set(i, pl.toBuilder().status("Complete").build());
                    } catch (ObjectStorage.ObjectStorageException e) {
                        playlists.set(i, pl.toBuilder().status("Error").statusDetail(storageError(job, e)).build());
                    }
                }
            }
        }
        Job.Builder b = job.toBuilder().outputs(outputs).playlists(playlists);
        if (result != null && result.input() != null) {
            DetectedProperties detected = detected(result.input());
            List<JobInput> withDetected = new ArrayList<>(job.inputs());
            withDetected.set(0, withDetected.getFirst().toBuilder().detectedProperties(detected).build());
            b.inputs(withDetected);
            if (job.input() != null) {
                b.input(job.input().toBuilder().detectedProperties(detected).build());
            }
        }
        if (job.output() != null) {
            b.output(outputs.getFirst());
        }
        boolean failed = outputs.stream().anyMatch(o -> "Error".equals(o.status())) || playlists.stream().anyMatch(pl -> "Error".equals(pl.status()));
        return b.status(failed ? "Error" : "Complete").build();
    }

    private JobOutput outputResult(Job job, JobOutput o, TranscodeResult.OutputResult res, OutputUploads uploads) {
        if (res.failed()) {
            return o.toBuilder().status("Error").statusDetail(detail(job, res.errorCode(), res.errorMessage())).build();
        }
        try {
            uploads.upload(res.files(), o);
        } catch (ObjectStorage.ObjectStorageException e) {
            return o.toBuilder().status("Error").statusDetail(storageError(job, e)).build();
        }
        JobOutput.Builder b = o.toBuilder().status("Complete");
        if (!res.warnings().isEmpty()) {
            // a Complete output's StatusDetail explains what it could not honour; finish() sends the WARNING
            b.statusDetail(detail(job, res.warnings().getFirst().code(), String.join(" ",
                    res.warnings().stream().map(TranscodeResult.Warning::message).toList())));
        }
        MediaInfo m = res.media();
        if (m != null) {
            b.duration(Math.round(m.durationMillis() / 1000.0)).durationMillis(m.durationMillis()).fileSize(m.fileSize())
                    .width(m.width()).height(m.height()).frameRate(m.frameRate());
        }
        return b.build();
    }

    private static String prefix(Job job) {
        return job.outputKeyPrefix() == null ? "" : job.outputKeyPrefix();
    }

    private void finish(String account, String region, Pipeline pipeline, Job before, Job done) {
        Job finished = done.toBuilder().timing(done.timing().toBuilder().finishTimeMillis(clock.millis()).build()).build();
        if (!jobs.replaceIf(account, region, before.id(), before.status(), finished.status(), sdk.write(finished))) {
            return;
        }
        String warning = firstWarning(finished);
        if (warning != null) {
            messages.send(account, pipeline, finished, JobMessages.State.WARNING, warning.substring(0, warning.indexOf(' ')), warning);
        }
        if (finished.status().equals("Complete")) {
            messages.send(account, pipeline, finished, JobMessages.State.COMPLETED, null, null);
        } else {
            String detail = firstError(finished);
            String code = detail == null ? "9999" : detail.substring(0, detail.indexOf(' '));
            messages.send(account, pipeline, finished, JobMessages.State.ERROR, code, detail);
        }
    }

    /** The StatusDetail of the first output that completed with warnings, or null. */
    private static String firstWarning(Job job) {
        for (JobOutput o : job.outputs()) {
            if ("Complete".equals(o.status()) && o.statusDetail() != null) {
                return o.statusDetail();
            }
        }
        return null;
    }

    private static String firstError(Job job) {
        for (JobOutput o : job.outputs()) {
            if ("Error".equals(o.status()) && o.statusDetail() != null) {
                return o.statusDetail();
            }
        }
        for (Playlist p : job.playlists()) {
            if ("Error".equals(p.status()) && p.statusDetail() != null) {
                return p.statusDetail();
            }
        }
        return null;
    }

    private Job started(Job job) {
        Job.Builder b = job.toBuilder().status("Progressing")
                .timing(job.timing().toBuilder().startTimeMillis(clock.millis()).build())
                .outputs(job.outputs().stream().map(o -> o.toBuilder().status("Progressing").build()).toList())
                .playlists(job.playlists().stream().map(p -> p.toBuilder().status("Progressing").build()).toList());
        if (job.output() != null) {
            b.output(job.output().toBuilder().status("Progressing").build());
        }
        return b.build();
    }

    private Job failAll(Job job, String code, String message) {
        String detail = detail(job, code, message);
        Job.Builder b = job.toBuilder().status("Error")
                .outputs(job.outputs().stream().map(o -> o.toBuilder().status("Error").statusDetail(detail).build()).toList())
                .playlists(job.playlists().stream().map(p -> p.toBuilder().status("Error").statusDetail(detail).build()).toList());
        if (job.output() != null) {
            b.output(job.output().toBuilder().status("Error").statusDetail(detail).build());
        }
        return b.build();
    }

    /** S3 refused a write or its ACL (e.g. Permissions on a bucket whose ownership controls disable ACLs). */
    private static String storageError(Job job, ObjectStorage.ObjectStorageException e) {
        return detail(job, "3000", "Unclassified Storage Error: " + e.code() + ": " + e.getMessage());
    }

    /** StatusDetail as Elastic Transcoder writes it: the code, the job id, then the message. */
    private static String detail(Job job, String code, String message) {
        return code + " " + job.id() + ": " + message;
    }

    private static DetectedProperties detected(MediaInfo m) {
        return DetectedProperties.builder().width(m.width()).height(m.height()).frameRate(m.frameRate()).fileSize(m.fileSize())
                .durationMillis(m.durationMillis()).build();
    }

    /** Clears the interruption of a stopped job, so that the scheduler can still record its retry. */
    private static RuntimeException interrupted(RuntimeException e) {
        Thread.interrupted();
        return e;
    }

    private static String base(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "object" : name;
    }
}
