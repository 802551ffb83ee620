package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.lambda.domain.CodeSigningConfigRecord;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfig;
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

import java.util.List;

import static io.haneul.lambda.LambdaCalls.call;

/**
 * Lambda's code signing operations (configs, and the config a function uses) and the recorded
 * function settings (recursion, runtime management, scaling): SDK shapes in and out, the rules in
 * {@link CodeSigningService} and {@link FunctionSettingsService}.
 */
public final class CodeSigningApi {

    private final FunctionExtras extras;

    CodeSigningApi(FunctionExtras extras) {
        this.extras = extras;
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
        String after = call(() -> Markers.unmark(r.marker()));
        List<CodeSigningConfigRecord> page = extras.codeSigning().list(ctx.accountId(), ctx.region(), after, max + 1);
        ListCodeSigningConfigsResponse.Builder b = ListCodeSigningConfigsResponse.builder()
                .codeSigningConfigs(page.stream().limit(max).map(CodeSigningApi::codeSigningConfig).toList());
        if (page.size() > max) {
            b.nextMarker(Markers.mark(page.get(max - 1).id()));
        }
        return b.build();
    }

    /** By function name; the marker is the last name of the previous page, base64url. */
    public ListFunctionsByCodeSigningConfigResponse listFunctionsByCodeSigningConfig(RequestContext ctx,
                                                                                     ListFunctionsByCodeSigningConfigRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 10_000));
        String after = call(() -> Markers.unmark(r.marker()));
        List<String> page = call(() -> extras.codeSigning().functionsUsing(ctx.accountId(), ctx.region(), r.codeSigningConfigArn(),
                after, max + 1));
        ListFunctionsByCodeSigningConfigResponse.Builder b = ListFunctionsByCodeSigningConfigResponse.builder()
                .functionArns(page.stream().limit(max).toList());
        if (page.size() > max) {
            String last = page.get(max - 1);
            b.nextMarker(Markers.mark(last.substring(last.lastIndexOf(':') + 1)));
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
}
