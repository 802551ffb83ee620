package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.ProviderParts;
import io.haneul.core.engine.StreamingOutput;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import java.io.InputStream;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.exec.ExecutionEnvironment;
import io.haneul.lambda.exec.FunctionLogs;
import io.haneul.lambda.exec.RuntimeApiHost;
import io.haneul.lambda.url.FunctionUrlEndpoint;
import io.haneul.lambda.url.FunctionUrlHost;
import io.haneul.lambda.url.FunctionUrlService;
import software.amazon.awssdk.core.SdkBytes;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.haneul.lambda.LambdaCalls.call;

/**
 * Lambda's API: the function operations and Invoke here (SDK shapes in and out, the rules in
 * {@link FunctionService} and {@link InvokeService}), the other topics in parts of their own
 * ({@link VersionApi}, {@link AsyncConfigApi}, {@link MappingApi}, {@link UrlApi}, {@link PolicyApi},
 * {@link LayerApi}, {@link CodeSigningApi}); also the host of the Runtime API and function URL data planes,
 * and an {@link io.haneul.core.engine.HttpInterceptor} only to answer InvokeAsync, which the SDK for
 * Java v2 has no request class for.
 */
@ProviderParts.Types({VersionApi.class, AsyncConfigApi.class, MappingApi.class, UrlApi.class, PolicyApi.class, LayerApi.class,
        CodeSigningApi.class})
public final class LambdaProvider implements RuntimeApiHost, FunctionUrlHost, ProviderParts, io.haneul.core.engine.HttpInterceptor,
        AutoCloseable {

    private final FunctionService functions;
    private final InvokeService invocations;
    private final LambdaRuntime runtime;
    private final VersionService versions;
    private final FunctionUrlService urls;
    private final FunctionUrlEndpoint urlEndpoint;
    private final AsyncConfigOperations asyncConfig;
    private final PermissionService permissions;
    private final CodeAndLayers code;
    private final AutoCloseable pollers;
    private final List<Object> parts;
    private final FunctionExtras extras;

    LambdaProvider(FunctionService functions, InvokeService invocations, LambdaRuntime runtime, AliasService aliases,
                   VersionService versions, FunctionUrlService urls, FunctionUrlEndpoint urlEndpoint, AsyncConfigOperations asyncConfig,
                   PermissionService permissions, CodeAndLayers code, MappingService mappings, AutoCloseable pollers,
                   FunctionExtras extras) {
        this.extras = extras;
        this.functions = functions;
        this.invocations = invocations;
        this.runtime = runtime;
        this.versions = versions;
        this.urls = urls;
        this.urlEndpoint = urlEndpoint;
        this.asyncConfig = asyncConfig;
        this.permissions = permissions;
        this.code = code;
        this.pollers = pollers;
        this.parts = List.of(new VersionApi(versions, aliases, urls), new AsyncConfigApi(asyncConfig), new MappingApi(mappings),
                new UrlApi(urls), new PolicyApi(permissions), new LayerApi(code), new CodeSigningApi(extras));
    }

    /** The other operations, by topic; see {@link ProviderParts}. */
    @Override
    public List<Object> operationParts() {
        return parts;
    }

    public CreateFunctionResponse createFunction(RequestContext ctx, CreateFunctionRequest r) {
        byte[] zip = r.code() == null ? null : call(() -> code.source().read(ctx.accountId(),
                r.code().zipFile() == null ? null : r.code().zipFile().asByteArray(), r.code().s3Bucket(), r.code().s3Key(),
                r.code().s3ObjectVersion(), "CreateFunction"));
        call(() -> {
            extras.codeSigning().checkNewFunction(ctx.accountId(), ctx.region(), r.codeSigningConfigArn());
            return null;
        });
        FunctionRecord created = call(() -> functions.create(ctx.accountId(), ctx.region(), r.functionName(),
                FunctionMapping.spec(r.runtimeAsString(), r.handler(), r.role(), r.description(), r.timeout(), r.memorySize(),
                        r.environment(), r.hasTags() ? r.tags() : null, r.hasArchitectures() ? r.architecturesAsStrings() : null,
                        r.ephemeralStorage(), r.hasLayers() ? r.layers() : null, r.deadLetterConfig()), zip));
        call(() -> {
            extras.codeSigning().recordNewFunction(ctx.accountId(), ctx.region(), created.name(), r.codeSigningConfigArn());
            return null;
        });
        FunctionRecord fn = Boolean.TRUE.equals(r.publish()) ? call(() -> versions.publishNow(created)) : created;
        return FunctionMapping.into(configuration(fn, fn.versionArn()), CreateFunctionResponse.builder()).build();
    }

    public GetFunctionResponse getFunction(RequestContext ctx, GetFunctionRequest r) {
        FunctionService.Resolved resolved = call(() -> functions.resolve(ctx.accountId(), ctx.region(), qualified(r.functionName(), r.qualifier())));
        FunctionRecord fn = resolved.function();
        // tags belong to the function, not to a version
        var tags = call(() -> functions.function(ctx.accountId(), ctx.region(), fn.name())).tags();
        GetFunctionResponse.Builder b = GetFunctionResponse.builder().configuration(configuration(fn, resolved.invokedArn()))
                .code(FunctionCodeLocation.builder().repositoryType("S3").location(code.links().link(fn.codeSha256()).orElse(null)).build());
        if (!tags.isEmpty()) {
            b.tags(tags);
        }
        asyncConfig.concurrency().reservedOf(fn).ifPresent(n -> b.concurrency(c -> c.reservedConcurrentExecutions(n)));
        return b.build();
    }

    public GetFunctionConfigurationResponse getFunctionConfiguration(RequestContext ctx, GetFunctionConfigurationRequest r) {
        FunctionService.Resolved resolved = call(() -> functions.resolve(ctx.accountId(), ctx.region(), qualified(r.functionName(), r.qualifier())));
        return FunctionMapping.into(configuration(resolved.function(), resolved.invokedArn()),
                GetFunctionConfigurationResponse.builder()).build();
    }

    /** Pages by name; the marker is the last name of the previous page, base64url so that callers treat it as opaque. */
    public ListFunctionsResponse listFunctions(RequestContext ctx, ListFunctionsRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 10_000));
        String after = call(() -> Markers.unmark(r.marker()));
        if ("ALL".equals(r.functionVersionAsString())) {
            return listAllVersions(ctx, after, max);
        }
        List<FunctionRecord> page = functions.list(ctx.accountId(), ctx.region(), after, max + 1);
        ListFunctionsResponse.Builder b = ListFunctionsResponse.builder()
                .functions(page.stream().limit(max).map(fn -> configuration(fn, fn.versionArn())).toList());
        if (page.size() > max) {
            b.nextMarker(Markers.mark(page.get(max - 1).name()));
        }
        return b.build();
    }

    /** {@code FunctionVersion=ALL}: every version under its qualified ARN; the marker (base64url) is {@code name:version} of the last one. */
    private ListFunctionsResponse listAllVersions(RequestContext ctx, String after, int max) {
        String afterName = after == null ? null : after.split(":", 2)[0];
        String afterVersion = after == null || !after.contains(":") ? null : after.split(":", 2)[1];
        List<FunctionRecord> page = call(() -> versions.listAllVersions(ctx.accountId(), ctx.region(), afterName, afterVersion, max + 1));
        ListFunctionsResponse.Builder b = ListFunctionsResponse.builder()
                .functions(page.stream().limit(max).map(v -> FunctionMapping.configuration(v, v.arn() + ":" + v.version())).toList());
        if (page.size() > max) {
            FunctionRecord last = page.get(max - 1);
            b.nextMarker(Markers.mark(last.name() + ":" + last.version()));
        }
        return b.build();
    }

    public UpdateFunctionCodeResponse updateFunctionCode(RequestContext ctx, UpdateFunctionCodeRequest r) {
        if (r.imageUri() != null) {
            throw LambdaErrors.toAws(LambdaException.invalidParameter("Only ZipFile and S3 code is supported by this server yet."));
        }
        call(() -> {
            extras.codeSigning().checkNewCode(ctx.accountId(), ctx.region(), r.functionName());
            return null;
        });
        byte[] zip = call(() -> code.source().read(ctx.accountId(), r.zipFile() == null ? null : r.zipFile().asByteArray(),
                r.s3Bucket(), r.s3Key(), r.s3ObjectVersion(), "UpdateFunctionCode"));
        FunctionRecord updated = call(() -> functions.updateCode(ctx.accountId(), ctx.region(), r.functionName(), zip, r.revisionId()));
        FunctionRecord fn = Boolean.TRUE.equals(r.publish()) ? call(() -> versions.publishNow(updated)) : updated;
        return FunctionMapping.into(configuration(fn, fn.versionArn()), UpdateFunctionCodeResponse.builder()).build();
    }

    public UpdateFunctionConfigurationResponse updateFunctionConfiguration(RequestContext ctx, UpdateFunctionConfigurationRequest r) {
        FunctionRecord fn = call(() -> functions.updateConfiguration(ctx.accountId(), ctx.region(), r.functionName(),
                FunctionMapping.spec(r.runtimeAsString(), r.handler(), r.role(), r.description(), r.timeout(), r.memorySize(),
                        r.environment(), null, null, r.ephemeralStorage(), r.hasLayers() ? r.layers() : null, r.deadLetterConfig()),
                r.revisionId()));
        return FunctionMapping.into(configuration(fn, fn.versionArn()), UpdateFunctionConfigurationResponse.builder()).build();
    }

    public DeleteFunctionResponse deleteFunction(RequestContext ctx, DeleteFunctionRequest r) {
        call(() -> {
            functions.delete(ctx.accountId(), ctx.region(), qualified(r.functionName(), r.qualifier()));
            urls.forgetFunction(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            asyncConfig.forgetDeleted(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            FunctionArns.Named named = FunctionArns.parse(r.functionName(), ctx.region(), ctx.accountId());
            if (r.qualifier() == null && named.qualifier() == null) {
                permissions.functionDeleted(ctx.accountId(), ctx.region(), named.name());
                extras.settings().functionDeleted(ctx.accountId(), ctx.region(), named.name());
            }
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
        return ListTagsResponse.builder().tags(call(() -> functions.function(ctx.accountId(), ctx.region(), r.resource())).tags()).build();
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

    /**
     * The function's answer as {@code PayloadChunk} events, as it streams them or whole, and a final
     * {@code InvokeComplete} ({@link ResponseStreams}), written with no length; DryRun answers 204 with no events.
     */
    public StreamingOutput invokeWithResponseStream(RequestContext ctx, InvokeWithResponseStreamRequest r) {
        byte[] payload = r.payload() == null ? null : r.payload().asByteArray();
        if ("DryRun".equals(r.invocationTypeAsString())) {
            InvokeService.Answer a = call(() -> invocations.invoke(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(),
                    FunctionInvoker.InvocationType.DRY_RUN, payload, false));
            return new StreamingOutput(InvokeWithResponseStreamResponse.builder().statusCode(a.statusCode()).build(), a.statusCode(),
                    InputStream.nullInputStream(), 0);
        }
        ResponseStreams.Started s = call(() -> extras.streams().start(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(),
                payload, "Tail".equals(r.logTypeAsString())));
        return new StreamingOutput(InvokeWithResponseStreamResponse.builder().statusCode(200).executedVersion(s.executedVersion())
                .responseStreamContentType(ResponseStreamEvents.CONTENT_TYPE).build(), 200, s.body(), -1);
    }

    /** InvokeAsync, which the SDK for Java v2 has no request class for: answered before routing ({@link InvokeAsyncRoute}). */
    @Override
    public WireResponse before(RequestContext context, WireRequest request) {
        return extras.invokeAsync().answer(context, request);
    }

    @Override
    public FunctionUrlEndpoint functionUrls() {
        return urlEndpoint;
    }

    /** A configuration under the ARN the caller named, with its layers' sizes. */
    private software.amazon.awssdk.services.lambda.model.FunctionConfiguration configuration(FunctionRecord fn, String functionArn) {
        return FunctionMapping.configuration(fn, functionArn, fn.layers().isEmpty() ? java.util.Map.of() : code.layers().sizes(fn.layers()));
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
        try {
            pollers.close();
        } catch (Exception e) {
            // the pollers stop their own threads; nothing else to release
        }
        runtime.close();
    }

    private static String qualified(String name, String qualifier) {
        return call(() -> FunctionArns.qualified(name, qualifier));
    }

}
