package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.lambda.domain.EventSourceMapping;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.exec.ExecutionEnvironment;
import io.haneul.lambda.exec.FunctionLogs;
import io.haneul.lambda.exec.RuntimeApiHost;
import software.amazon.awssdk.core.SdkBytes;
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
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ListTagsRequest;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;
import software.amazon.awssdk.services.lambda.model.TagResourceRequest;
import software.amazon.awssdk.services.lambda.model.TagResourceResponse;
import software.amazon.awssdk.services.lambda.model.UntagResourceRequest;
import software.amazon.awssdk.services.lambda.model.UntagResourceResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Lambda's API operations: SDK shapes in and out, everything else in {@link FunctionService} and {@link InvokeService}. */
public final class LambdaProvider implements RuntimeApiHost, AutoCloseable {

    private final FunctionService functions;
    private final InvokeService invocations;
    private final LambdaRuntime runtime;
    private final MappingService mappings;
    private final AutoCloseable pollers;

    LambdaProvider(FunctionService functions, InvokeService invocations, LambdaRuntime runtime, MappingService mappings,
                   AutoCloseable pollers) {
        this.functions = functions;
        this.invocations = invocations;
        this.runtime = runtime;
        this.mappings = mappings;
        this.pollers = pollers;
    }

    public CreateFunctionResponse createFunction(RequestContext ctx, CreateFunctionRequest r) {
        byte[] zip = r.code() == null || r.code().zipFile() == null ? null : r.code().zipFile().asByteArray();
        FunctionRecord fn = call(() -> functions.create(ctx.accountId(), ctx.region(), r.functionName(),
                FunctionMapping.spec(r.runtimeAsString(), r.handler(), r.role(), r.description(), r.timeout(), r.memorySize(),
                        r.environment(), r.hasTags() ? r.tags() : null, r.hasArchitectures() ? r.architecturesAsStrings() : null,
                        r.ephemeralStorage(), r.hasLayers() ? r.layers() : null, r.deadLetterConfig()), zip));
        return FunctionMapping.into(FunctionMapping.configuration(fn), CreateFunctionResponse.builder()).build();
    }

    public GetFunctionResponse getFunction(RequestContext ctx, GetFunctionRequest r) {
        FunctionRecord fn = call(() -> functions.get(ctx.accountId(), ctx.region(), qualified(r.functionName(), r.qualifier())));
        GetFunctionResponse.Builder b = GetFunctionResponse.builder().configuration(FunctionMapping.configuration(fn))
                .code(FunctionCodeLocation.builder().repositoryType("S3").build());
        if (!fn.tags().isEmpty()) {
            b.tags(fn.tags());
        }
        return b.build();
    }

    public GetFunctionConfigurationResponse getFunctionConfiguration(RequestContext ctx, GetFunctionConfigurationRequest r) {
        FunctionRecord fn = call(() -> functions.get(ctx.accountId(), ctx.region(), qualified(r.functionName(), r.qualifier())));
        return FunctionMapping.into(FunctionMapping.configuration(fn), GetFunctionConfigurationResponse.builder()).build();
    }

    /** Pages by name; the marker is the last name of the previous page, base64url so that callers treat it as opaque. */
    public ListFunctionsResponse listFunctions(RequestContext ctx, ListFunctionsRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 10_000));
        String after = null;
        if (r.marker() != null && !r.marker().isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(r.marker()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw LambdaErrors.toAws(LambdaException.invalidParameter("Invalid marker: " + r.marker()));
            }
        }
        List<FunctionRecord> page = functions.list(ctx.accountId(), ctx.region(), after, max + 1);
        ListFunctionsResponse.Builder b = ListFunctionsResponse.builder()
                .functions(page.stream().limit(max).map(FunctionMapping::configuration).toList());
        if (page.size() > max) {
            b.nextMarker(Base64.getUrlEncoder().withoutPadding().encodeToString(page.get(max - 1).name().getBytes(StandardCharsets.UTF_8)));
        }
        return b.build();
    }

    public UpdateFunctionCodeResponse updateFunctionCode(RequestContext ctx, UpdateFunctionCodeRequest r) {
        if (r.s3Bucket() != null || r.imageUri() != null) {
            throw LambdaErrors.toAws(LambdaException.invalidParameter("Only ZipFile code is supported by this server yet."));
        }
        byte[] zip = r.zipFile() == null ? null : r.zipFile().asByteArray();
        FunctionRecord fn = call(() -> functions.updateCode(ctx.accountId(), ctx.region(), r.functionName(), zip, r.revisionId()));
        return FunctionMapping.into(FunctionMapping.configuration(fn), UpdateFunctionCodeResponse.builder()).build();
    }

    public UpdateFunctionConfigurationResponse updateFunctionConfiguration(RequestContext ctx, UpdateFunctionConfigurationRequest r) {
        FunctionRecord fn = call(() -> functions.updateConfiguration(ctx.accountId(), ctx.region(), r.functionName(),
                FunctionMapping.spec(r.runtimeAsString(), r.handler(), r.role(), r.description(), r.timeout(), r.memorySize(),
                        r.environment(), null, null, r.ephemeralStorage(), r.hasLayers() ? r.layers() : null, r.deadLetterConfig()),
                r.revisionId()));
        return FunctionMapping.into(FunctionMapping.configuration(fn), UpdateFunctionConfigurationResponse.builder()).build();
    }

    public DeleteFunctionResponse deleteFunction(RequestContext ctx, DeleteFunctionRequest r) {
        call(() -> {
            functions.delete(ctx.accountId(), ctx.region(), qualified(r.functionName(), r.qualifier()));
            return null;
        });
        return DeleteFunctionResponse.builder().statusCode(204).build();
    }

    public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest r) {
        call(() -> functions.retag(ctx.accountId(), ctx.region(), r.resource(), r.tags(), List.of()));
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest r) {
        call(() -> functions.retag(ctx.accountId(), ctx.region(), r.resource(), java.util.Map.of(), r.tagKeys()));
        return UntagResourceResponse.builder().build();
    }

    public ListTagsResponse listTags(RequestContext ctx, ListTagsRequest r) {
        return ListTagsResponse.builder().tags(call(() -> functions.get(ctx.accountId(), ctx.region(), r.resource())).tags()).build();
    }

    public InvokeResponse invoke(RequestContext ctx, InvokeRequest r) {
        FunctionInvoker.InvocationType type = switch (r.invocationTypeAsString() == null ? "RequestResponse" : r.invocationTypeAsString()) {
            case "Event" -> FunctionInvoker.InvocationType.EVENT;
            case "DryRun" -> FunctionInvoker.InvocationType.DRY_RUN;
            default -> FunctionInvoker.InvocationType.REQUEST_RESPONSE;
        };
        byte[] payload = r.payload() == null ? null : r.payload().asByteArray();
        InvokeService.Answer a = call(() -> invocations.invoke(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(), type,
                payload, "Tail".equals(r.logTypeAsString())));
        InvokeResponse.Builder b = InvokeResponse.builder().statusCode(a.statusCode()).functionError(a.functionError())
                .logResult(a.logResult()).executedVersion(a.executedVersion());
        if (a.statusCode() == 200) {
            b.payload(SdkBytes.fromByteArray(a.payload()));
        }
        return b.build();
    }

    // --- Event source mappings (SQS): MappingService ---

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

    FunctionInvoker invoker() {
        return invocations;
    }

    FunctionLogs logs() {
        return runtime.logs();
    }

    @Override
    public Optional<ExecutionEnvironment> environment(String id) {
        return runtime.pool().byId(id);
    }

    @Override
    public Duration nextPoll() {
        return runtime.settings().nextPoll();
    }

    @Override
    public void close() {
        try {
            pollers.close();
        } catch (Exception e) {
            // the pollers stop their own threads; nothing else to release
        }
        runtime.close();
    }

    private static String qualified(String name, String qualifier) {
        return qualifier == null ? name : name + ":" + qualifier;
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (LambdaException e) {
            throw LambdaErrors.toAws(e);
        }
    }
}
