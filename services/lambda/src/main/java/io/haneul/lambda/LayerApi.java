package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
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
import java.util.List;

import static io.haneul.lambda.LambdaCalls.call;

/**
 * Lambda's API, layers: PublishLayerVersion and the rest (rules in {@link LayerService}): SDK
 * shapes in and out. A part of {@link LambdaProvider}.
 */
public final class LayerApi {

    private final CodeAndLayers code;

    LayerApi(CodeAndLayers code) {
        this.code = code;
    }

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
}
