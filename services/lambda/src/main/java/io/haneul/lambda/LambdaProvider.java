package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionPolicy;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.PermissionStatements;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.exec.ExecutionEnvironment;
import io.haneul.lambda.exec.FunctionLogs;
import io.haneul.lambda.exec.RuntimeApiHost;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemovePermissionResponse;
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
    private final PermissionService permissions;

    LambdaProvider(FunctionService functions, InvokeService invocations, LambdaRuntime runtime, PermissionService permissions) {
        this.functions = functions;
        this.invocations = invocations;
        this.runtime = runtime;
        this.permissions = permissions;
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
            FunctionArns.Named named = FunctionArns.parse(r.functionName(), ctx.region(), ctx.accountId());
            if (r.qualifier() == null && named.qualifier() == null) {
                permissions.functionDeleted(ctx.accountId(), ctx.region(), named.name());
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
