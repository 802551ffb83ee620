package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.streams.StreamProcessorService;
import software.amazon.awssdk.services.rekognition.model.*;

import java.time.Instant;

import static io.haneul.rekognition.RekognitionErrors.call;

/** Stream processors: Create, Describe, List, Update, Start, Stop and Delete (rules in {@link StreamProcessorService}). */
public final class StreamProcessorApi {

    private final StreamProcessorService processors;

    StreamProcessorApi(StreamProcessorService processors) {
        this.processors = processors;
    }

    public CreateStreamProcessorResponse createStreamProcessor(RequestContext ctx, CreateStreamProcessorRequest r) {
        return call(() -> CreateStreamProcessorResponse.builder()
                .streamProcessorArn(processors.create(ctx.accountId(), ctx.region(), r)).build());
    }

    public DescribeStreamProcessorResponse describeStreamProcessor(RequestContext ctx, DescribeStreamProcessorRequest r) {
        return call(() -> {
            StreamProcessorService.Processor p = processors.describe(ctx.accountId(), ctx.region(), r.name());
            CreateStreamProcessorRequest d = p.definition();
            return DescribeStreamProcessorResponse.builder().name(d.name()).streamProcessorArn(p.arn()).status(p.status())
                    .statusMessage(p.row().statusMessage()).creationTimestamp(Instant.ofEpochMilli(p.row().createdMs()))
                    .lastUpdateTimestamp(Instant.ofEpochMilli(p.row().updatedMs())).input(d.input()).output(d.output())
                    .roleArn(d.roleArn()).settings(d.settings()).notificationChannel(d.notificationChannel()).kmsKeyId(d.kmsKeyId())
                    .regionsOfInterest(d.hasRegionsOfInterest() ? d.regionsOfInterest() : null)
                    .dataSharingPreference(d.dataSharingPreference()).build();
        });
    }

    public ListStreamProcessorsResponse listStreamProcessors(RequestContext ctx, ListStreamProcessorsRequest r) {
        return call(() -> {
            Page<StreamProcessorService.Processor> page = processors.list(ctx.accountId(), ctx.region(), r.nextToken(), r.maxResults());
            return ListStreamProcessorsResponse.builder().streamProcessors(page.items().stream()
                            .map(p -> StreamProcessor.builder().name(p.definition().name()).status(p.status()).build()).toList())
                    .nextToken(page.nextToken()).build();
        });
    }

    public StartStreamProcessorResponse startStreamProcessor(RequestContext ctx, StartStreamProcessorRequest r) {
        return call(() -> StartStreamProcessorResponse.builder().sessionId(processors.start(ctx.accountId(), ctx.region(), r)).build());
    }

    public StopStreamProcessorResponse stopStreamProcessor(RequestContext ctx, StopStreamProcessorRequest r) {
        return call(() -> {
            processors.stop(ctx.accountId(), ctx.region(), r.name());
            return StopStreamProcessorResponse.builder().build();
        });
    }

    public UpdateStreamProcessorResponse updateStreamProcessor(RequestContext ctx, UpdateStreamProcessorRequest r) {
        return call(() -> {
            processors.update(ctx.accountId(), ctx.region(), r);
            return UpdateStreamProcessorResponse.builder().build();
        });
    }

    public DeleteStreamProcessorResponse deleteStreamProcessor(RequestContext ctx, DeleteStreamProcessorRequest r) {
        return call(() -> {
            processors.delete(ctx.accountId(), ctx.region(), r.name());
            return DeleteStreamProcessorResponse.builder().build();
        });
    }
}
