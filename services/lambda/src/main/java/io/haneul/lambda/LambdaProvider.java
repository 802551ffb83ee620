package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.StreamingOutput;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.lambda.domain.CodeSigningConfigRecord;
import java.io.InputStream;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.CreateCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.CreateCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.UpdateCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.UpdateCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListCodeSigningConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListCodeSigningConfigsResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsByCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsByCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionCodeSigningConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionCodeSigningConfigResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionRecursionConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionRecursionConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionRecursionConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionRecursionConfigResponse;
import software.amazon.awssdk.services.lambda.model.PutRuntimeManagementConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutRuntimeManagementConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetRuntimeManagementConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetRuntimeManagementConfigResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionScalingConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionScalingConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionScalingConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionScalingConfigResponse;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfig;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.lambda.domain.AliasRecord;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionPolicy;
import io.haneul.lambda.domain.EventSourceMapping;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.PermissionStatements;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.exec.ExecutionEnvironment;
import io.haneul.lambda.exec.FunctionLogs;
import io.haneul.lambda.exec.RuntimeApiHost;
import io.haneul.lambda.url.FunctionUrlConfig;
import io.haneul.lambda.url.FunctionUrlEndpoint;
import io.haneul.lambda.url.FunctionUrlHost;
import io.haneul.lambda.url.FunctionUrlService;
import io.haneul.lambda.url.UrlTimes;
import io.haneul.lambda.domain.EventInvokeConfig;
import io.haneul.lambda.domain.ProvisionedConcurrency;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionEventInvokeConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionEventInvokeConfigsResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsRequest;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteProvisionedConcurrencyConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsResponse;
import java.util.OptionalInt;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasRequest;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemovePermissionResponse;
import io.haneul.lambda.domain.LayerVersionRecord;
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
import software.amazon.awssdk.services.lambda.model.DeleteAliasRequest;
import software.amazon.awssdk.services.lambda.model.DeleteAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetAliasRequest;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.ListAliasesRequest;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionRequest;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PublishVersionRequest;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionUrlConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionUrlConfigsResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigResponse;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lambda's API operations: SDK shapes in and out, everything else in {@link FunctionService},
 * {@link InvokeService}, {@link VersionService}, {@link AliasService}, {@link FunctionUrlService} and
 * {@link FunctionExtras} (response streams, InvokeAsync, code signing and the recorded settings).
 * It is an {@link io.haneul.core.engine.HttpInterceptor} only to answer InvokeAsync, which the SDK
 * for Java v2 has no request class for.
 */
public final class LambdaProvider implements RuntimeApiHost, FunctionUrlHost, io.haneul.core.engine.HttpInterceptor, AutoCloseable {

    private final FunctionService functions;
    private final InvokeService invocations;
    private final LambdaRuntime runtime;
    private final AliasService aliases;
    private final VersionService versions;
    private final FunctionUrlService urls;
    private final FunctionUrlEndpoint urlEndpoint;
    private final AsyncConfigOperations asyncConfig;
    private final PermissionService permissions;
    private final CodeAndLayers code;
    private final MappingService mappings;
    private final AutoCloseable pollers;
    private final FunctionExtras extras;

    LambdaProvider(FunctionService functions, InvokeService invocations, LambdaRuntime runtime, AliasService aliases,
                   VersionService versions, FunctionUrlService urls, FunctionUrlEndpoint urlEndpoint, AsyncConfigOperations asyncConfig,
                   PermissionService permissions, CodeAndLayers code,
                   MappingService mappings, AutoCloseable pollers, FunctionExtras extras) {
        this.extras = extras;
        this.mappings = mappings;
        this.pollers = pollers;
        this.code = code;
        this.asyncConfig = asyncConfig;
        this.permissions = permissions;
        this.versions = versions;
        this.urls = urls;
        this.urlEndpoint = urlEndpoint;
        this.functions = functions;
        this.invocations = invocations;
        this.runtime = runtime;
        this.aliases = aliases;
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
        String after = null;
        if (r.marker() != null && !r.marker().isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(r.marker()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw LambdaErrors.toAws(LambdaException.invalidParameter("Invalid marker: " + r.marker()));
            }
        }
        if ("ALL".equals(r.functionVersionAsString())) {
            return listAllVersions(ctx, after, max);
        }
        List<FunctionRecord> page = functions.list(ctx.accountId(), ctx.region(), after, max + 1);
        ListFunctionsResponse.Builder b = ListFunctionsResponse.builder()
                .functions(page.stream().limit(max).map(fn -> configuration(fn, fn.versionArn())).toList());
        if (page.size() > max) {
            b.nextMarker(Base64.getUrlEncoder().withoutPadding().encodeToString(page.get(max - 1).name().getBytes(StandardCharsets.UTF_8)));
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
            b.nextMarker(mark(last.name() + ":" + last.version()));
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

    // ---- versions and aliases (PublishVersion, ListVersionsByFunction, the alias operations): AliasService, FunctionService

    public PublishVersionResponse publishVersion(RequestContext ctx, PublishVersionRequest r) {
        FunctionRecord version = call(() -> versions.publish(ctx.accountId(), ctx.region(), r.functionName(), r.codeSha256(),
                r.description(), r.revisionId()));
        return FunctionMapping.into(FunctionMapping.configuration(version), PublishVersionResponse.builder()).build();
    }

    /** {@code $LATEST} (under its {@code :$LATEST} ARN) and then the versions by number; the marker is the last version given, base64url. */
    public ListVersionsByFunctionResponse listVersionsByFunction(RequestContext ctx, ListVersionsByFunctionRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 10_000));
        String after = call(() -> unmark(r.marker()));
        List<FunctionRecord> page = call(() -> versions.versions(ctx.accountId(), ctx.region(), r.functionName(), after, max + 1));
        ListVersionsByFunctionResponse.Builder b = ListVersionsByFunctionResponse.builder().versions(page.stream().limit(max)
                .map(v -> FunctionMapping.configuration(v, v.arn() + ":" + v.version())).toList());
        if (page.size() > max) {
            b.nextMarker(mark(page.get(max - 1).version()));
        }
        return b.build();
    }

    public CreateAliasResponse createAlias(RequestContext ctx, CreateAliasRequest r) {
        AliasRecord alias = call(() -> aliases.create(ctx.accountId(), ctx.region(), r.functionName(), r.name(), r.functionVersion(),
                r.description(), weights(r.routingConfig())));
        return FunctionMapping.into(FunctionMapping.alias(alias), CreateAliasResponse.builder()).build();
    }

    public GetAliasResponse getAlias(RequestContext ctx, GetAliasRequest r) {
        AliasRecord alias = call(() -> aliases.get(ctx.accountId(), ctx.region(), r.functionName(), r.name()));
        return FunctionMapping.into(FunctionMapping.alias(alias), GetAliasResponse.builder()).build();
    }

    public UpdateAliasResponse updateAlias(RequestContext ctx, UpdateAliasRequest r) {
        AliasRecord alias = call(() -> aliases.update(ctx.accountId(), ctx.region(), r.functionName(), r.name(), r.functionVersion(),
                r.description(), r.routingConfig() == null ? null : weights(r.routingConfig()), r.revisionId()));
        return FunctionMapping.into(FunctionMapping.alias(alias), UpdateAliasResponse.builder()).build();
    }

    public DeleteAliasResponse deleteAlias(RequestContext ctx, DeleteAliasRequest r) {
        call(() -> {
            aliases.delete(ctx.accountId(), ctx.region(), r.functionName(), r.name());
            urls.forgetAlias(ctx.accountId(), ctx.region(), r.functionName(), r.name());
            return null;
        });
        return DeleteAliasResponse.builder().build();
    }

    /** By alias name; the marker is the last name given, base64url. */
    public ListAliasesResponse listAliases(RequestContext ctx, ListAliasesRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 10_000));
        String after = call(() -> unmark(r.marker()));
        List<AliasRecord> page = call(() -> aliases.list(ctx.accountId(), ctx.region(), r.functionName(), r.functionVersion(), after, max + 1));
        ListAliasesResponse.Builder b = ListAliasesResponse.builder().aliases(page.stream().limit(max).map(FunctionMapping::alias).toList());
        if (page.size() > max) {
            b.nextMarker(mark(page.get(max - 1).name()));
        }
        return b.build();
    }

    private static Map<String, Double> weights(AliasRoutingConfiguration routing) {
        return routing == null || !routing.hasAdditionalVersionWeights() ? Map.of() : routing.additionalVersionWeights();
    }

    private static String mark(String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    private static String unmark(String marker) {
        if (marker == null || marker.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LambdaException.invalidParameter("Invalid marker: " + marker);
        }
    }


    // ---- Asynchronous invocation (EventInvokeConfig) and concurrency: AsyncConfigOperations ----

    public PutFunctionEventInvokeConfigResponse putFunctionEventInvokeConfig(RequestContext ctx, PutFunctionEventInvokeConfigRequest r) {
        EventInvokeConfig c = call(() -> asyncConfig.eventConfigs().put(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(),
                AsyncConfigMapping.change(r.maximumRetryAttempts(), r.maximumEventAgeInSeconds(), r.destinationConfig())));
        return AsyncConfigMapping.into(AsyncConfigMapping.eventInvokeConfig(c), PutFunctionEventInvokeConfigResponse.builder()).build();
    }

    public UpdateFunctionEventInvokeConfigResponse updateFunctionEventInvokeConfig(RequestContext ctx,
                                                                                   UpdateFunctionEventInvokeConfigRequest r) {
        EventInvokeConfig c = call(() -> asyncConfig.eventConfigs().update(ctx.accountId(), ctx.region(), r.functionName(),
                r.qualifier(), AsyncConfigMapping.change(r.maximumRetryAttempts(), r.maximumEventAgeInSeconds(), r.destinationConfig())));
        return AsyncConfigMapping.into(AsyncConfigMapping.eventInvokeConfig(c), UpdateFunctionEventInvokeConfigResponse.builder()).build();
    }

    public GetFunctionEventInvokeConfigResponse getFunctionEventInvokeConfig(RequestContext ctx, GetFunctionEventInvokeConfigRequest r) {
        EventInvokeConfig c = call(() -> asyncConfig.eventConfigs().get(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier()));
        return AsyncConfigMapping.into(AsyncConfigMapping.eventInvokeConfig(c), GetFunctionEventInvokeConfigResponse.builder()).build();
    }

    public DeleteFunctionEventInvokeConfigResponse deleteFunctionEventInvokeConfig(RequestContext ctx,
                                                                                   DeleteFunctionEventInvokeConfigRequest r) {
        call(() -> {
            asyncConfig.eventConfigs().delete(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            return null;
        });
        return DeleteFunctionEventInvokeConfigResponse.builder().build();
    }

    /** Pages by qualifier; the marker is the last qualifier of the previous page, base64url. */
    public ListFunctionEventInvokeConfigsResponse listFunctionEventInvokeConfigs(RequestContext ctx, ListFunctionEventInvokeConfigsRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 50));
        String after = call(() -> unmark(r.marker()));
        List<EventInvokeConfig> page = call(() -> asyncConfig.eventConfigs().list(ctx.accountId(), ctx.region(), r.functionName(),
                after, max + 1));
        ListFunctionEventInvokeConfigsResponse.Builder b = ListFunctionEventInvokeConfigsResponse.builder()
                .functionEventInvokeConfigs(page.stream().limit(max).map(AsyncConfigMapping::eventInvokeConfig).toList());
        if (page.size() > max) {
            b.nextMarker(mark(page.get(max - 1).qualifier()));
        }
        return b.build();
    }

    public PutFunctionConcurrencyResponse putFunctionConcurrency(RequestContext ctx, PutFunctionConcurrencyRequest r) {
        int n = call(() -> asyncConfig.concurrency().put(ctx.accountId(), ctx.region(), r.functionName(), r.reservedConcurrentExecutions()));
        return PutFunctionConcurrencyResponse.builder().reservedConcurrentExecutions(n).build();
    }

    public GetFunctionConcurrencyResponse getFunctionConcurrency(RequestContext ctx, GetFunctionConcurrencyRequest r) {
        OptionalInt n = call(() -> asyncConfig.concurrency().get(ctx.accountId(), ctx.region(), r.functionName()));
        GetFunctionConcurrencyResponse.Builder b = GetFunctionConcurrencyResponse.builder();
        n.ifPresent(b::reservedConcurrentExecutions);
        return b.build();
    }

    public DeleteFunctionConcurrencyResponse deleteFunctionConcurrency(RequestContext ctx, DeleteFunctionConcurrencyRequest r) {
        call(() -> {
            asyncConfig.concurrency().delete(ctx.accountId(), ctx.region(), r.functionName());
            return null;
        });
        return DeleteFunctionConcurrencyResponse.builder().build();
    }

    /** The account's real limits here: {@code --lambda-concurrency-limit}, {@code --lambda-max-unzipped-bytes}, 50 MB zips. */
    public GetAccountSettingsResponse getAccountSettings(RequestContext ctx, GetAccountSettingsRequest r) {
        ConcurrencyService.AccountSettings a = asyncConfig.concurrency().accountSettings(ctx.accountId(), ctx.region());
        return GetAccountSettingsResponse.builder()
                .accountLimit(l -> l.concurrentExecutions(a.concurrentExecutions()).unreservedConcurrentExecutions((int) a.unreservedConcurrentExecutions())
                        .codeSizeZipped(ConcurrencyService.CODE_SIZE_ZIPPED).codeSizeUnzipped(a.codeSizeUnzipped())
                        .totalCodeSize(ConcurrencyService.TOTAL_CODE_SIZE))
                .accountUsage(u -> u.totalCodeSize(a.totalCodeSize()).functionCount(a.functionCount()))
                .build();
    }

    public PutProvisionedConcurrencyConfigResponse putProvisionedConcurrencyConfig(RequestContext ctx, PutProvisionedConcurrencyConfigRequest r) {
        ProvisionedConcurrency p = call(() -> asyncConfig.concurrency().putProvisioned(ctx.accountId(), ctx.region(), r.functionName(),
                r.qualifier(), r.provisionedConcurrentExecutions()));
        return AsyncConfigMapping.into(AsyncConfigMapping.provisioned(p), PutProvisionedConcurrencyConfigResponse.builder()).build();
    }

    public GetProvisionedConcurrencyConfigResponse getProvisionedConcurrencyConfig(RequestContext ctx, GetProvisionedConcurrencyConfigRequest r) {
        ProvisionedConcurrency p = call(() -> asyncConfig.concurrency().getProvisioned(ctx.accountId(), ctx.region(), r.functionName(),
                r.qualifier()));
        return AsyncConfigMapping.into(AsyncConfigMapping.provisioned(p), GetProvisionedConcurrencyConfigResponse.builder()).build();
    }

    public DeleteProvisionedConcurrencyConfigResponse deleteProvisionedConcurrencyConfig(RequestContext ctx,
                                                                                         DeleteProvisionedConcurrencyConfigRequest r) {
        call(() -> {
            asyncConfig.concurrency().deleteProvisioned(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            return null;
        });
        return DeleteProvisionedConcurrencyConfigResponse.builder().build();
    }

    public ListProvisionedConcurrencyConfigsResponse listProvisionedConcurrencyConfigs(RequestContext ctx,
                                                                                       ListProvisionedConcurrencyConfigsRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 50));
        String after = call(() -> unmark(r.marker()));
        List<ProvisionedConcurrency> page = call(() -> asyncConfig.concurrency().listProvisioned(ctx.accountId(), ctx.region(),
                r.functionName(), after, max + 1));
        ListProvisionedConcurrencyConfigsResponse.Builder b = ListProvisionedConcurrencyConfigsResponse.builder()
                .provisionedConcurrencyConfigs(page.stream().limit(max).map(AsyncConfigMapping::provisioned).toList());
        if (page.size() > max) {
            b.nextMarker(mark(page.get(max - 1).qualifier()));
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


    // ---- function URLs (FunctionUrlService; the data plane is FunctionUrlPlane) ----

    public CreateFunctionUrlConfigResponse createFunctionUrlConfig(RequestContext ctx, CreateFunctionUrlConfigRequest r) {
        FunctionUrlConfig url = call(() -> urls.create(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(),
                r.authTypeAsString(), FunctionUrlMapping.cors(r.cors()), r.invokeModeAsString()));
        return CreateFunctionUrlConfigResponse.builder().functionUrl(urls.functionUrl(url)).functionArn(url.functionArn())
                .authType(url.authType()).cors(FunctionUrlMapping.cors(url.cors())).invokeMode(url.invokeMode())
                .creationTime(UrlTimes.api(url.createdMicros())).build();
    }

    public GetFunctionUrlConfigResponse getFunctionUrlConfig(RequestContext ctx, GetFunctionUrlConfigRequest r) {
        FunctionUrlConfig url = call(() -> urls.get(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier()));
        return GetFunctionUrlConfigResponse.builder().functionUrl(urls.functionUrl(url)).functionArn(url.functionArn())
                .authType(url.authType()).cors(FunctionUrlMapping.cors(url.cors())).invokeMode(url.invokeMode())
                .creationTime(UrlTimes.api(url.createdMicros())).lastModifiedTime(UrlTimes.api(url.modifiedMicros())).build();
    }

    public UpdateFunctionUrlConfigResponse updateFunctionUrlConfig(RequestContext ctx, UpdateFunctionUrlConfigRequest r) {
        FunctionUrlConfig url = call(() -> urls.update(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(),
                r.authTypeAsString(), FunctionUrlMapping.cors(r.cors()), r.invokeModeAsString()));
        return UpdateFunctionUrlConfigResponse.builder().functionUrl(urls.functionUrl(url)).functionArn(url.functionArn())
                .authType(url.authType()).cors(FunctionUrlMapping.cors(url.cors())).invokeMode(url.invokeMode())
                .creationTime(UrlTimes.api(url.createdMicros())).lastModifiedTime(UrlTimes.api(url.modifiedMicros())).build();
    }

    public DeleteFunctionUrlConfigResponse deleteFunctionUrlConfig(RequestContext ctx, DeleteFunctionUrlConfigRequest r) {
        call(() -> {
            urls.delete(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            return null;
        });
        return DeleteFunctionUrlConfigResponse.builder().build();
    }

    /** Pages by qualifier; the marker is the last qualifier of the previous page, base64url. */
    public ListFunctionUrlConfigsResponse listFunctionUrlConfigs(RequestContext ctx, ListFunctionUrlConfigsRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 50));
        String after = null;
        if (r.marker() != null && !r.marker().isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(r.marker()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw LambdaErrors.toAws(LambdaException.invalidParameter("Invalid marker: " + r.marker()));
            }
        }
        String from = after;
        List<FunctionUrlConfig> page = call(() -> urls.list(ctx.accountId(), ctx.region(), r.functionName(), from, max + 1));
        ListFunctionUrlConfigsResponse.Builder b = ListFunctionUrlConfigsResponse.builder()
                .functionUrlConfigs(page.stream().limit(max).map(u -> FunctionUrlMapping.listed(u, urls.functionUrl(u))).toList());
        if (page.size() > max) {
            b.nextMarker(Base64.getUrlEncoder().withoutPadding().encodeToString(page.get(max - 1).qualifier().getBytes(StandardCharsets.UTF_8)));
        }
        return b.build();
    }

    @Override
    public FunctionUrlEndpoint functionUrls() {
        return urlEndpoint;
    }

    // ---- resource policies (PermissionService) ----

    public AddPermissionResponse addPermission(RequestContext ctx, AddPermissionRequest r) {
        PermissionStatements.Grant grant = new PermissionStatements.Grant(r.statementId(), r.action(), r.principal(), r.sourceArn(),
                r.sourceAccount(), r.principalOrgID(), r.eventSourceToken(), r.functionUrlAuthTypeAsString());
        return AddPermissionResponse.builder().statement(call(() -> permissions.add(ctx.accountId(), ctx.region(), r.functionName(),
                r.qualifier(), grant, r.revisionId()))).build();
    }

    public RemovePermissionResponse removePermission(RequestContext ctx, RemovePermissionRequest r) {
        call(() -> {
            permissions.remove(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(), r.statementId(), r.revisionId());
            return null;
        });
        return RemovePermissionResponse.builder().build();
    }

    public GetPolicyResponse getPolicy(RequestContext ctx, GetPolicyRequest r) {
        FunctionPolicy p = call(() -> permissions.get(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier()));
        return GetPolicyResponse.builder().policy(p.statements()).revisionId(p.revisionId()).build();
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

    // ---- the remaining operations: InvokeWithResponseStream, InvokeAsync, code signing configs, recursion,
    // runtime management and scaling configs (FunctionExtras: CodeSigningService, FunctionSettingsService,
    // ResponseStreamEvents, InvokeAsyncRoute) ----

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

    public CreateCodeSigningConfigResponse createCodeSigningConfig(RequestContext ctx, CreateCodeSigningConfigRequest r) {
        CodeSigningConfigRecord c = call(() -> extras.codeSigning().create(ctx.accountId(), ctx.region(), r.description(),
                r.allowedPublishers() == null ? null : r.allowedPublishers().signingProfileVersionArns(),
                r.codeSigningPolicies() == null ? null : r.codeSigningPolicies().untrustedArtifactOnDeploymentAsString()));
        return CreateCodeSigningConfigResponse.builder().codeSigningConfig(codeSigningConfig(c)).build();
    }

    public GetCodeSigningConfigResponse getCodeSigningConfig(RequestContext ctx, GetCodeSigningConfigRequest r) {
        CodeSigningConfigRecord c = call(() -> extras.codeSigning().get(ctx.accountId(), ctx.region(), r.codeSigningConfigArn()));
        return GetCodeSigningConfigResponse.builder().codeSigningConfig(codeSigningConfig(c)).build();
    }

    public UpdateCodeSigningConfigResponse updateCodeSigningConfig(RequestContext ctx, UpdateCodeSigningConfigRequest r) {
        CodeSigningConfigRecord c = call(() -> extras.codeSigning().update(ctx.accountId(), ctx.region(), r.codeSigningConfigArn(),
                r.description(), r.allowedPublishers() == null ? null : r.allowedPublishers().signingProfileVersionArns(),
                r.codeSigningPolicies() == null ? null : r.codeSigningPolicies().untrustedArtifactOnDeploymentAsString()));
        return UpdateCodeSigningConfigResponse.builder().codeSigningConfig(codeSigningConfig(c)).build();
    }

    public DeleteCodeSigningConfigResponse deleteCodeSigningConfig(RequestContext ctx, DeleteCodeSigningConfigRequest r) {
        call(() -> {
            extras.codeSigning().delete(ctx.accountId(), ctx.region(), r.codeSigningConfigArn());
            return null;
        });
        return DeleteCodeSigningConfigResponse.builder().build();
    }

    /** By id; the marker is the last id of the previous page, base64url. */
    public ListCodeSigningConfigsResponse listCodeSigningConfigs(RequestContext ctx, ListCodeSigningConfigsRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 10_000));
        String after = call(() -> unmark(r.marker()));
        List<CodeSigningConfigRecord> page = extras.codeSigning().list(ctx.accountId(), ctx.region(), after, max + 1);
        ListCodeSigningConfigsResponse.Builder b = ListCodeSigningConfigsResponse.builder()
                .codeSigningConfigs(page.stream().limit(max).map(LambdaProvider::codeSigningConfig).toList());
        if (page.size() > max) {
            b.nextMarker(mark(page.get(max - 1).id()));
        }
        return b.build();
    }

    /** By function name; the marker is the last name of the previous page, base64url. */
    public ListFunctionsByCodeSigningConfigResponse listFunctionsByCodeSigningConfig(RequestContext ctx,
                                                                                     ListFunctionsByCodeSigningConfigRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 10_000));
        String after = call(() -> unmark(r.marker()));
        List<String> page = call(() -> extras.codeSigning().functionsUsing(ctx.accountId(), ctx.region(), r.codeSigningConfigArn(),
                after, max + 1));
        ListFunctionsByCodeSigningConfigResponse.Builder b = ListFunctionsByCodeSigningConfigResponse.builder()
                .functionArns(page.stream().limit(max).toList());
        if (page.size() > max) {
            String last = page.get(max - 1);
            b.nextMarker(mark(last.substring(last.lastIndexOf(':') + 1)));
        }
        return b.build();
    }

    public PutFunctionCodeSigningConfigResponse putFunctionCodeSigningConfig(RequestContext ctx, PutFunctionCodeSigningConfigRequest r) {
        String name = call(() -> extras.codeSigning().attach(ctx.accountId(), ctx.region(), r.functionName(), r.codeSigningConfigArn()));
        return PutFunctionCodeSigningConfigResponse.builder().functionName(name).codeSigningConfigArn(r.codeSigningConfigArn()).build();
    }

    /** A function without a config answers its name and an empty ARN, as AWS does. */
    public GetFunctionCodeSigningConfigResponse getFunctionCodeSigningConfig(RequestContext ctx, GetFunctionCodeSigningConfigRequest r) {
        CodeSigningService.Attached a = call(() -> extras.codeSigning().attached(ctx.accountId(), ctx.region(), r.functionName()));
        return GetFunctionCodeSigningConfigResponse.builder().functionName(a.functionName()).codeSigningConfigArn(a.configArn().orElse(""))
                .build();
    }

    public DeleteFunctionCodeSigningConfigResponse deleteFunctionCodeSigningConfig(RequestContext ctx,
                                                                                   DeleteFunctionCodeSigningConfigRequest r) {
        call(() -> {
            extras.codeSigning().detach(ctx.accountId(), ctx.region(), r.functionName());
            return null;
        });
        return DeleteFunctionCodeSigningConfigResponse.builder().build();
    }

    public PutFunctionRecursionConfigResponse putFunctionRecursionConfig(RequestContext ctx, PutFunctionRecursionConfigRequest r) {
        String loop = call(() -> extras.settings().putRecursion(ctx.accountId(), ctx.region(), r.functionName(), r.recursiveLoopAsString()));
        return PutFunctionRecursionConfigResponse.builder().recursiveLoop(loop).build();
    }

    public GetFunctionRecursionConfigResponse getFunctionRecursionConfig(RequestContext ctx, GetFunctionRecursionConfigRequest r) {
        String loop = call(() -> extras.settings().recursion(ctx.accountId(), ctx.region(), r.functionName()));
        return GetFunctionRecursionConfigResponse.builder().recursiveLoop(loop).build();
    }

    public PutRuntimeManagementConfigResponse putRuntimeManagementConfig(RequestContext ctx, PutRuntimeManagementConfigRequest r) {
        FunctionSettingsService.RuntimeManagement m = call(() -> extras.settings().putRuntimeManagement(ctx.accountId(), ctx.region(),
                r.functionName(), r.qualifier(), r.updateRuntimeOnAsString(), r.runtimeVersionArn()));
        return PutRuntimeManagementConfigResponse.builder().updateRuntimeOn(m.updateRuntimeOn()).runtimeVersionArn(m.runtimeVersionArn())
                .functionArn(m.functionArn()).build();
    }

    public GetRuntimeManagementConfigResponse getRuntimeManagementConfig(RequestContext ctx, GetRuntimeManagementConfigRequest r) {
        FunctionSettingsService.RuntimeManagement m = call(() -> extras.settings().runtimeManagement(ctx.accountId(), ctx.region(),
                r.functionName(), r.qualifier()));
        return GetRuntimeManagementConfigResponse.builder().updateRuntimeOn(m.updateRuntimeOn()).runtimeVersionArn(m.runtimeVersionArn())
                .functionArn(m.functionArn()).build();
    }

    public PutFunctionScalingConfigResponse putFunctionScalingConfig(RequestContext ctx, PutFunctionScalingConfigRequest r) {
        call(() -> {
            extras.settings().refuseScalingConfig(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            return null;
        });
        return PutFunctionScalingConfigResponse.builder().build();
    }

    public GetFunctionScalingConfigResponse getFunctionScalingConfig(RequestContext ctx, GetFunctionScalingConfigRequest r) {
        call(() -> {
            extras.settings().refuseScalingConfig(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            return null;
        });
        return GetFunctionScalingConfigResponse.builder().build();
    }

    private static CodeSigningConfig codeSigningConfig(CodeSigningConfigRecord c) {
        return CodeSigningConfig.builder().codeSigningConfigId(c.id()).codeSigningConfigArn(c.arn()).description(c.description())
                .allowedPublishers(p -> p.signingProfileVersionArns(c.signingProfileVersionArns()))
                .codeSigningPolicies(p -> p.untrustedArtifactOnDeployment(c.untrustedArtifactOnDeployment()))
                .lastModified(c.lastModified()).build();
    }

    private software.amazon.awssdk.services.lambda.model.LayerVersionContentOutput content(LayerVersionRecord v) {
        return software.amazon.awssdk.services.lambda.model.LayerVersionContentOutput.builder()
                .location(code.links().link(v.codeSha256()).orElse(null)).codeSha256(v.codeSha256()).codeSize(v.codeSize()).build();
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

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (LambdaException e) {
            throw LambdaErrors.toAws(e);
        }
    }
}
