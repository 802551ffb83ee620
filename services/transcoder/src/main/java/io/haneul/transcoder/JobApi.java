package io.haneul.transcoder;

import io.haneul.core.engine.RequestContext;
import io.haneul.transcoder.store.Page;
import software.amazon.awssdk.services.elastictranscoder.model.*;

import static io.haneul.transcoder.TranscoderErrors.call;

/** Elastic Transcoder's jobs: SDK shapes in and out, rules in {@link JobService}. A part of {@link TranscoderProvider}. */
public final class JobApi {

    private final JobService jobs;

    JobApi(JobService jobs) {
        this.jobs = jobs;
    }

    public CreateJobResponse createJob(RequestContext ctx, CreateJobRequest r) {
        return CreateJobResponse.builder().job(call(() -> jobs.create(ctx.accountId(), ctx.region(), r))).build();
    }

    public ReadJobResponse readJob(RequestContext ctx, ReadJobRequest r) {
        return ReadJobResponse.builder().job(call(() -> jobs.read(ctx.accountId(), ctx.region(), r.id()))).build();
    }

    public ListJobsByPipelineResponse listJobsByPipeline(RequestContext ctx, ListJobsByPipelineRequest r) {
        Page<Job> page = call(() -> jobs.byPipeline(ctx.accountId(), ctx.region(), r.pipelineId(), r.pageToken(),
                "true".equals(r.ascending())));
        return ListJobsByPipelineResponse.builder().jobs(page.items()).nextPageToken(page.nextToken()).build();
    }

    public ListJobsByStatusResponse listJobsByStatus(RequestContext ctx, ListJobsByStatusRequest r) {
        Page<Job> page = call(() -> jobs.byStatus(ctx.accountId(), ctx.region(), r.status(), r.pageToken(), "true".equals(r.ascending())));
        return ListJobsByStatusResponse.builder().jobs(page.items()).nextPageToken(page.nextToken()).build();
    }

    public CancelJobResponse cancelJob(RequestContext ctx, CancelJobRequest r) {
        call(() -> {
            jobs.cancel(ctx.accountId(), ctx.region(), r.id());
            return null;
        });
        return CancelJobResponse.builder().build();
    }
}
