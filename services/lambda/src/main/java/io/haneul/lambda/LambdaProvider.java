package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.exec.ExecutionEnvironment;
import io.haneul.lambda.exec.FunctionLogs;
import io.haneul.lambda.exec.RuntimeApiHost;
import io.haneul.lambda.domain.LayerVersionRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.AddLayerVersionPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddLayerVersionPermissionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteLayerVersionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionByArnRequest;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionByArnResponse;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionPolicyResponse;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionRequest;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.LayerVersionContentInput;
import software.amazon.awssdk.services.lambda.model.ListLayerVersionsRequest;
import software.amazon.awssdk.services.lambda.model.ListLayerVersionsResponse;
import software.amazon.awssdk.services.lambda.model.ListLayersRequest;
import software.amazon.awssdk.services.lambda.model.ListLayersResponse;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionRequest;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.RemoveLayerVersionPermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemoveLayerVersionPermissionResponse;
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
    private final CodeAndLayers code;

    LambdaProvider(FunctionService functions, InvokeService invocations, LambdaRuntime runtime, CodeAndLayers code) {
        this.code = code;
        this.functions = functions;
        this.invocations = invocations;
        this.runtime = runtime;
    }

    public CreateFunctionResponse createFunction(RequestContext ctx, CreateFunctionRequest r) {
        byte[] zip = r.code() == null ? null : call(() -> code.source().read(ctx.accountId(),
                r.code().zipFile() == null ? null : r.code().zipFile().asByteArray(), r.code().s3Bucket(), r.code().s3Key(), r.code().s3ObjectVersion(), "CreateFunction"));
        FunctionRecord fn = call(() -> functions.create(ctx.accountId(), ctx.region(), r.functionName(),
                FunctionMapping.spec(r.runtimeAsString(), r.handler(), r.role(), r.description(), r.timeout(), r.memorySize(),
                        r.environment(), r.hasTags() ? r.tags() : null, r.hasArchitectures() ? r.architecturesAsStrings() : null,
                        r.ephemeralStorage(), r.hasLayers() ? r.layers() : null, r.deadLetterConfig()), zip));
        return FunctionMapping.into(configuration(fn), CreateFunctionResponse.builder()).build();
    }

    public GetFunctionResponse getFunction(RequestContext ctx, GetFunctionRequest r) {
        FunctionRecord fn = call(() -> functions.get(ctx.accountId(), ctx.region(), qualified(r.functionName(), r.qualifier())));
        GetFunctionResponse.Builder b = GetFunctionResponse.builder().configuration(configuration(fn))
                .code(FunctionCodeLocation.builder().repositoryType("S3").location(code.links().link(fn.codeSha256()).orElse(null)).build());
        if (!fn.tags().isEmpty()) {
            b.tags(fn.tags());
        }
        return b.build();
    }

    public GetFunctionConfigurationResponse getFunctionConfiguration(RequestContext ctx, GetFunctionConfigurationRequest r) {
        FunctionRecord fn = call(() -> functions.get(ctx.accountId(), ctx.region(), qualified(r.functionName(), r.qualifier())));
        return FunctionMapping.into(configuration(fn), GetFunctionConfigurationResponse.builder()).build();
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
                .functions(page.stream().limit(max).map(this::configuration).toList());
        if (page.size() > max) {
            b.nextMarker(Base64.getUrlEncoder().withoutPadding().encodeToString(page.get(max - 1).name().getBytes(StandardCharsets.UTF_8)));
        }
        return b.build();
    }

    public UpdateFunctionCodeResponse updateFunctionCode(RequestContext ctx, UpdateFunctionCodeRequest r) {
        if (r.imageUri() != null) {
            throw LambdaErrors.toAws(LambdaException.invalidParameter("Only ZipFile and S3 code is supported by this server yet."));
        }
        byte[] zip = call(() -> code.source().read(ctx.accountId(), r.zipFile() == null ? null : r.zipFile().asByteArray(),
                r.s3Bucket(), r.s3Key(), r.s3ObjectVersion(), "UpdateFunctionCode"));
        FunctionRecord fn = call(() -> functions.updateCode(ctx.accountId(), ctx.region(), r.functionName(), zip, r.revisionId()));
        return FunctionMapping.into(configuration(fn), UpdateFunctionCodeResponse.builder()).build();
    }

    public UpdateFunctionConfigurationResponse updateFunctionConfiguration(RequestContext ctx, UpdateFunctionConfigurationRequest r) {
        FunctionRecord fn = call(() -> functions.updateConfiguration(ctx.accountId(), ctx.region(), r.functionName(),
                FunctionMapping.spec(r.runtimeAsString(), r.handler(), r.role(), r.description(), r.timeout(), r.memorySize(),
                        r.environment(), null, null, r.ephemeralStorage(), r.hasLayers() ? r.layers() : null, r.deadLetterConfig()),
                r.revisionId()));
        return FunctionMapping.into(configuration(fn), UpdateFunctionConfigurationResponse.builder()).build();
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

    // ---- layers (PublishLayerVersion and the rest): SDK shapes only, the rules are in LayerService ----

    public PublishLayerVersionResponse publishLayerVersion(RequestContext ctx, PublishLayerVersionRequest r) {
        LayerVersionContentInput content = r.content();
        byte[] zip = content == null ? null : call(() -> code.source().read(ctx.accountId(),
                content.zipFile() == null ? null : content.zipFile().asByteArray(), content.s3Bucket(), content.s3Key(), content.s3ObjectVersion(), "PublishLayerVersion"));
        LayerVersionRecord v = call(() -> code.layers().publish(ctx.accountId(), ctx.region(), r.layerName(), r.description(), r.licenseInfo(),
                r.hasCompatibleRuntimes() ? r.compatibleRuntimesAsStrings() : null,
                r.hasCompatibleArchitectures() ? r.compatibleArchitecturesAsStrings() : null, zip));
        return LayerMapping.published(v, content(v));
    }

    public GetLayerVersionResponse getLayerVersion(RequestContext ctx, GetLayerVersionRequest r) {
        LayerVersionRecord v = call(() -> code.layers().get(ctx.accountId(), ctx.region(), r.layerName(), r.versionNumber()));
        return LayerMapping.into(v, content(v), GetLayerVersionResponse.builder()).build();
    }

    public GetLayerVersionByArnResponse getLayerVersionByArn(RequestContext ctx, GetLayerVersionByArnRequest r) {
        LayerVersionRecord v = call(() -> code.layers().getByArn(ctx.accountId(), r.arn()));
        return LayerMapping.into(v, content(v), GetLayerVersionByArnResponse.builder()).build();
    }

    public ListLayersResponse listLayers(RequestContext ctx, ListLayersRequest r) {
        List<LayerVersionRecord> all = call(() -> code.layers().listLayers(ctx.accountId(), ctx.region(),
                r.compatibleRuntimeAsString(), r.compatibleArchitectureAsString()));
        LayerMapping.Page<LayerVersionRecord> page = call(() -> LayerMapping.page(all, LayerVersionRecord::name, r.marker(), r.maxItems()));
        return ListLayersResponse.builder().layers(page.items().stream().map(LayerMapping::listed).toList())
                .nextMarker(page.nextMarker()).build();
    }

    public ListLayerVersionsResponse listLayerVersions(RequestContext ctx, ListLayerVersionsRequest r) {
        List<LayerVersionRecord> all = call(() -> code.layers().listVersions(ctx.accountId(), ctx.region(), r.layerName(),
                r.compatibleRuntimeAsString(), r.compatibleArchitectureAsString()));
        LayerMapping.Page<LayerVersionRecord> page = call(() -> LayerMapping.page(all, v -> String.format("%019d", Long.MAX_VALUE - v.version()),
                r.marker(), r.maxItems()));
        return ListLayerVersionsResponse.builder().layerVersions(page.items().stream().map(LayerMapping::item).toList())
                .nextMarker(page.nextMarker()).build();
    }

    public DeleteLayerVersionResponse deleteLayerVersion(RequestContext ctx, DeleteLayerVersionRequest r) {
        call(() -> {
            code.layers().delete(ctx.accountId(), ctx.region(), r.layerName(), r.versionNumber());
            return null;
        });
        return DeleteLayerVersionResponse.builder().build();
    }

    public AddLayerVersionPermissionResponse addLayerVersionPermission(RequestContext ctx, AddLayerVersionPermissionRequest r) {
        LayerService.Granted g = call(() -> code.layers().addPermission(ctx.accountId(), ctx.region(), r.layerName(), r.versionNumber(),
                r.statementId(), r.action(), r.principal(), r.organizationId(), r.revisionId()));
        return AddLayerVersionPermissionResponse.builder().statement(g.statement()).revisionId(g.revisionId()).build();
    }

    public RemoveLayerVersionPermissionResponse removeLayerVersionPermission(RequestContext ctx, RemoveLayerVersionPermissionRequest r) {
        call(() -> {
            code.layers().removePermission(ctx.accountId(), ctx.region(), r.layerName(), r.versionNumber(), r.statementId(), r.revisionId());
            return null;
        });
        return RemoveLayerVersionPermissionResponse.builder().build();
    }

    public GetLayerVersionPolicyResponse getLayerVersionPolicy(RequestContext ctx, GetLayerVersionPolicyRequest r) {
        LayerService.Granted g = call(() -> code.layers().policy(ctx.accountId(), ctx.region(), r.layerName(), r.versionNumber()));
        return GetLayerVersionPolicyResponse.builder().policy(g.statement()).revisionId(g.revisionId()).build();
    }

    private software.amazon.awssdk.services.lambda.model.LayerVersionContentOutput content(LayerVersionRecord v) {
        return software.amazon.awssdk.services.lambda.model.LayerVersionContentOutput.builder()
                .location(code.links().link(v.codeSha256()).orElse(null)).codeSha256(v.codeSha256()).codeSize(v.codeSize()).build();
    }

    private software.amazon.awssdk.services.lambda.model.FunctionConfiguration configuration(FunctionRecord fn) {
        return FunctionMapping.configuration(fn, fn.layers().isEmpty() ? java.util.Map.of() : code.layers().sizes(fn.layers()));
    }

    CodeLinks codeLinks() {
        return code.links();
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
