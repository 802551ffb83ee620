package io.haneul.transcoder;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.storage.DurableScheduler;
import io.haneul.transcoder.domain.Ids;
import io.haneul.transcoder.domain.JobRules;
import io.haneul.transcoder.domain.TranscoderException;
import io.haneul.transcoder.store.Page;
import io.haneul.transcoder.store.SqlJobs;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobPlaylist;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobRequest;
import software.amazon.awssdk.services.elastictranscoder.model.Job;
import software.amazon.awssdk.services.elastictranscoder.model.JobInput;
import software.amazon.awssdk.services.elastictranscoder.model.JobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.Playlist;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;
import software.amazon.awssdk.services.elastictranscoder.model.Timing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs as the API sees them: CreateJob validates and stores the job with the durable scheduler entry
 * that will run it (one transaction), ReadJob and the listings read the stored {@code Job} document,
 * CancelJob wins only while the job is still Submitted. {@link JobRunner} does the work.
 */
final class JobService implements PipelineService.PipelineListener {

    static final int PAGE_SIZE = 50;

    private final SqlJobs jobs;
    private final PipelineService pipelines;
    private final PresetService presets;
    private final DurableScheduler scheduler;
    private final Ids ids;
    private final Clock clock;
    private final SdkDocuments sdk = new SdkDocuments();

    JobService(SqlJobs jobs, PipelineService pipelines, PresetService presets, DurableScheduler scheduler, Ids ids, Clock clock) {
        this.jobs = jobs;
        this.pipelines = pipelines;
        this.presets = presets;
        this.scheduler = scheduler;
        this.ids = ids;
        this.clock = clock;
    }

    Job create(String account, String region, CreateJobRequest r) {
        pipelines.read(account, region, r.pipelineId());
        List<JobInput> inputs = oneOrMany("Input", r.input(), r.hasInputs() ? r.inputs() : List.of());
        List<CreateJobOutput> outputs = oneOrMany("Output", r.output(), r.hasOutputs() ? r.outputs() : List.of());
        Map<String, Preset> byId = new LinkedHashMap<>();
        for (CreateJobOutput o : outputs) {
            if (o.presetId() == null) {
                throw TranscoderException.validation("Outputs:PresetId is required.");
            }
            byId.computeIfAbsent(o.presetId(), id -> presets.read(account, region, id));
        }
        List<CreateJobPlaylist> playlists = r.hasPlaylists() ? r.playlists() : List.of();
        Map<String, String> metadata = r.hasUserMetadata() ? r.userMetadata() : Map.of();
        JobRules.check(inputs, outputs, playlists, byId, metadata);

        String id = ids.next();
        List<JobOutput> jobOutputs = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            jobOutputs.add(sdk.read(sdk.write(outputs.get(i)), JobOutput.class).toBuilder().id(String.valueOf(i + 1))
                    .status("Submitted").build());
        }
        Job.Builder job = Job.builder().id(id).arn("arn:aws:elastictranscoder:" + region + ":" + account + ":job/" + id)
                .pipelineId(r.pipelineId()).inputs(inputs).outputs(jobOutputs).outputKeyPrefix(r.outputKeyPrefix())
                .playlists(playlists.stream().map(p -> sdk.read(sdk.write(p), Playlist.class).toBuilder().status("Submitted").build())
                        .toList())
                .status("Submitted").timing(Timing.builder().submitTimeMillis(clock.millis()).build());
        if (r.input() != null) {
            job.input(r.input());
        }
        if (r.output() != null) {
            job.output(jobOutputs.getFirst());
        }
        if (!metadata.isEmpty()) {
            job.userMetadata(metadata);
        }
        Job created = job.build();
        SqlJobs.Row row = new SqlJobs.Row(account, region, id, r.pipelineId(), "Submitted", 0, sdk.write(created));
        jobs.database().write(c -> {
            jobs.insert(c, row);
            return scheduler.schedule(c, JobRunner.KIND, id, JobRunner.payload(account, region, id), clock.instant());
        });
        scheduler.wake();
        return created;
    }

    Job read(String account, String region, String id) {
        return jobs.find(account, region, id).map(row -> sdk.read(row.doc(), Job.class)).orElseThrow(() -> notFound(account, id));
    }

    Page<Job> byPipeline(String account, String region, String pipelineId, String pageToken, boolean ascending) {
        pipelines.read(account, region, pipelineId);
        return page(jobs.byPipeline(account, region, pipelineId, pageToken, ascending, PAGE_SIZE + 1));
    }

    Page<Job> byStatus(String account, String region, String status, String pageToken, boolean ascending) {
        return page(jobs.byStatus(account, region, status, pageToken, ascending, PAGE_SIZE + 1));
    }

    void cancel(String account, String region, String id) {
        Job job = read(account, region, id);
        if (!"Submitted".equals(job.status())) {
            throw cannotCancel(id, job.status());
        }
        Job canceled = job.toBuilder().status("Canceled")
                .outputs(job.outputs().stream().map(o -> o.toBuilder().status("Canceled").build()).toList())
                .playlists(job.playlists().stream().map(p -> p.toBuilder().status("Canceled").build()).toList())
                .output(job.output() == null ? null : job.output().toBuilder().status("Canceled").build())
                .build();
        if (!jobs.replaceIf(account, region, id, "Submitted", "Canceled", sdk.write(canceled))) {
            throw cannotCancel(id, read(account, region, id).status());
        }
        scheduler.cancelByKey(JobRunner.KIND, id);
    }

    /** A paused pipeline became Active: its held (Submitted) jobs are scheduled again. */
    @Override
    public void resumed(String account, String region, String pipelineId) {
        for (String id : jobs.idsInStatus(account, region, pipelineId, "Submitted")) {
            scheduler.cancelByKey(JobRunner.KIND, id);
            scheduler.schedule(JobRunner.KIND, id, JobRunner.payload(account, region, id), clock.instant());
        }
    }

    private Page<Job> page(List<SqlJobs.Row> rows) {
        Page<SqlJobs.Row> page = Page.of(rows, PAGE_SIZE, SqlJobs.Row::id);
        return new Page<>(page.items().stream().map(r -> sdk.read(r.doc(), Job.class)).toList(), page.nextToken());
    }

    private static <T> List<T> oneOrMany(String name, T one, List<T> many) {
        if (one != null && !many.isEmpty()) {
            throw TranscoderException.validation("Specify either " + name + " or " + name + "s, not both.");
        }
        if (one == null && many.isEmpty()) {
            throw TranscoderException.validation(name + " or " + name + "s is required.");
        }
        return one != null ? List.of(one) : many;
    }

    private static TranscoderException cannotCancel(String id, String status) {
        return TranscoderException.inUse("The job cannot be canceled because its status is " + status
                + "; only Submitted jobs can be canceled: jobId=" + id + ".");
    }

    static TranscoderException notFound(String account, String id) {
        return TranscoderException.notFound("The specified job was not found: account=" + account + ", jobId=" + id + ".");
    }
}
