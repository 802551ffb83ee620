package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.lambda.domain.EventSourceMapping;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.DeleteEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.DeleteEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsRequest;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingResponse;
import java.util.List;

import static io.haneul.lambda.LambdaCalls.call;

/**
 * Lambda's API, event source mappings (rules in {@link MappingService}): SDK shapes in and out. A
 * part of {@link LambdaProvider}.
 */
public final class MappingApi {

    private final MappingService mappings;

    MappingApi(MappingService mappings) {
        this.mappings = mappings;
    }

    public CreateEventSourceMappingResponse createEventSourceMapping(RequestContext ctx, CreateEventSourceMappingRequest r) {
        EventSourceMapping m = call(() -> mappings.create(ctx.accountId(), ctx.region(), new MappingService.Settings(r.functionName(),
                r.eventSourceArn(), r.enabled(), r.batchSize(), r.maximumBatchingWindowInSeconds(),
                r.hasFunctionResponseTypes() ? r.functionResponseTypesAsStrings() : null,
                MappingShapes.maximumConcurrency(r.scalingConfig()), MappingShapes.patterns(r.filterCriteria()))));
        return MappingShapes.into(MappingShapes.configuration(m), CreateEventSourceMappingResponse.builder()).build();
    }

    public GetEventSourceMappingResponse getEventSourceMapping(RequestContext ctx, GetEventSourceMappingRequest r) {
        EventSourceMapping m = call(() -> mappings.get(ctx.accountId(), ctx.region(), r.uuid()));
        return MappingShapes.into(MappingShapes.configuration(m), GetEventSourceMappingResponse.builder()).build();
    }

    public UpdateEventSourceMappingResponse updateEventSourceMapping(RequestContext ctx, UpdateEventSourceMappingRequest r) {
        EventSourceMapping m = call(() -> mappings.update(ctx.accountId(), ctx.region(), r.uuid(), new MappingService.Settings(
                r.functionName(), null, r.enabled(), r.batchSize(), r.maximumBatchingWindowInSeconds(),
                r.hasFunctionResponseTypes() ? r.functionResponseTypesAsStrings() : null,
                MappingShapes.maximumConcurrency(r.scalingConfig()), MappingShapes.patterns(r.filterCriteria()))));
        return MappingShapes.into(MappingShapes.configuration(m), UpdateEventSourceMappingResponse.builder()).build();
    }

    public DeleteEventSourceMappingResponse deleteEventSourceMapping(RequestContext ctx, DeleteEventSourceMappingRequest r) {
        EventSourceMapping m = call(() -> mappings.delete(ctx.accountId(), ctx.region(), r.uuid()));
        return MappingShapes.into(MappingShapes.configuration(m), DeleteEventSourceMappingResponse.builder()).build();
    }

    /** Pages by UUID with {@code MaxItems} (default 100, at most 10,000) and the last UUID of the previous page as {@code Marker}. */
    public ListEventSourceMappingsResponse listEventSourceMappings(RequestContext ctx, ListEventSourceMappingsRequest r) {
        int max = r.maxItems() == null ? 100 : Math.max(1, Math.min(r.maxItems(), 10_000));
        String after = r.marker() == null || r.marker().isEmpty() ? null : r.marker();
        List<EventSourceMapping> page = call(() -> mappings.list(ctx.accountId(), ctx.region(), r.eventSourceArn(), r.functionName(),
                after, max + 1));
        ListEventSourceMappingsResponse.Builder b = ListEventSourceMappingsResponse.builder()
                .eventSourceMappings(page.stream().limit(max).map(MappingShapes::configuration).toList());
        if (page.size() > max) {
            b.nextMarker(page.get(max - 1).uuid());
        }
        return b.build();
    }
}
