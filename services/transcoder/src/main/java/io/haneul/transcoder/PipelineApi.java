package io.haneul.transcoder;

import io.haneul.core.engine.RequestContext;
import io.haneul.transcoder.store.Page;
import software.amazon.awssdk.services.elastictranscoder.model.*;

import static io.haneul.transcoder.TranscoderErrors.call;

/** Elastic Transcoder's pipelines: SDK shapes in and out, rules in {@link PipelineService}. A part of {@link TranscoderProvider}. */
public final class PipelineApi {

    private final PipelineService pipelines;

    PipelineApi(PipelineService pipelines) {
        this.pipelines = pipelines;
    }

    public CreatePipelineResponse createPipeline(RequestContext ctx, CreatePipelineRequest r) {
        Pipeline p = call(() -> pipelines.create(ctx.accountId(), ctx.region(), new PipelineService.Settings(r.name(), r.inputBucket(),
                r.outputBucket(), r.role(), r.awsKmsKeyArn(), r.notifications(), r.contentConfig(), r.thumbnailConfig())));
        return CreatePipelineResponse.builder().pipeline(p).warnings(java.util.List.of()).build();
    }

    public ReadPipelineResponse readPipeline(RequestContext ctx, ReadPipelineRequest r) {
        return ReadPipelineResponse.builder().pipeline(call(() -> pipelines.read(ctx.accountId(), ctx.region(), r.id())))
                .warnings(java.util.List.of()).build();
    }

    public ListPipelinesResponse listPipelines(RequestContext ctx, ListPipelinesRequest r) {
        Page<Pipeline> page = call(() -> pipelines.list(ctx.accountId(), ctx.region(), r.pageToken(), !"false".equals(r.ascending())));
        return ListPipelinesResponse.builder().pipelines(page.items()).nextPageToken(page.nextToken()).build();
    }

    public UpdatePipelineResponse updatePipeline(RequestContext ctx, UpdatePipelineRequest r) {
        Pipeline p = call(() -> pipelines.update(ctx.accountId(), ctx.region(), r.id(), new PipelineService.Settings(r.name(),
                r.inputBucket(), null, r.role(), r.awsKmsKeyArn(), r.notifications(), r.contentConfig(), r.thumbnailConfig())));
        return UpdatePipelineResponse.builder().pipeline(p).warnings(java.util.List.of()).build();
    }

    public UpdatePipelineStatusResponse updatePipelineStatus(RequestContext ctx, UpdatePipelineStatusRequest r) {
        return UpdatePipelineStatusResponse.builder()
                .pipeline(call(() -> pipelines.updateStatus(ctx.accountId(), ctx.region(), r.id(), r.status()))).build();
    }

    public UpdatePipelineNotificationsResponse updatePipelineNotifications(RequestContext ctx, UpdatePipelineNotificationsRequest r) {
        return UpdatePipelineNotificationsResponse.builder()
                .pipeline(call(() -> pipelines.updateNotifications(ctx.accountId(), ctx.region(), r.id(), r.notifications()))).build();
    }

    public DeletePipelineResponse deletePipeline(RequestContext ctx, DeletePipelineRequest r) {
        call(() -> {
            pipelines.delete(ctx.accountId(), ctx.region(), r.id());
            return null;
        });
        return DeletePipelineResponse.builder().build();
    }
}
