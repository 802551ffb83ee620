package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.lambda.domain.AliasRecord;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.url.FunctionUrlService;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasRequest;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
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
import java.util.List;
import java.util.Map;

import static io.haneul.lambda.LambdaCalls.call;

/**
 * Lambda's API, versions and aliases: PublishVersion, ListVersionsByFunction and the alias
 * operations (rules in {@link VersionService} and {@link AliasService}): SDK shapes in and out. A
 * part of {@link LambdaProvider}.
 */
public final class VersionApi {

    private final VersionService versions;
    private final AliasService aliases;
    private final FunctionUrlService urls;

    VersionApi(VersionService versions, AliasService aliases, FunctionUrlService urls) {
        this.versions = versions;
        this.aliases = aliases;
        this.urls = urls;
    }

    public PublishVersionResponse publishVersion(RequestContext ctx, PublishVersionRequest r) {
        FunctionRecord version = call(() -> versions.publish(ctx.accountId(), ctx.region(), r.functionName(), r.codeSha256(),
                r.description(), r.revisionId()));
        return FunctionMapping.into(FunctionMapping.configuration(version), PublishVersionResponse.builder()).build();
    }

    /** {@code $LATEST} (under its {@code :$LATEST} ARN) and then the versions by number; the marker is the last version given, base64url. */
    public ListVersionsByFunctionResponse listVersionsByFunction(RequestContext ctx, ListVersionsByFunctionRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 10_000));
        String after = call(() -> Markers.unmark(r.marker()));
        List<FunctionRecord> page = call(() -> versions.versions(ctx.accountId(), ctx.region(), r.functionName(), after, max + 1));
        ListVersionsByFunctionResponse.Builder b = ListVersionsByFunctionResponse.builder().versions(page.stream().limit(max)
                .map(v -> FunctionMapping.configuration(v, v.arn() + ":" + v.version())).toList());
        if (page.size() > max) {
            b.nextMarker(Markers.mark(page.get(max - 1).version()));
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
        String after = call(() -> Markers.unmark(r.marker()));
        List<AliasRecord> page = call(() -> aliases.list(ctx.accountId(), ctx.region(), r.functionName(), r.functionVersion(), after, max + 1));
        ListAliasesResponse.Builder b = ListAliasesResponse.builder().aliases(page.stream().limit(max).map(FunctionMapping::alias).toList());
        if (page.size() > max) {
            b.nextMarker(Markers.mark(page.get(max - 1).name()));
        }
        return b.build();
    }

    private static Map<String, Double> weights(AliasRoutingConfiguration routing) {
        return routing == null || !routing.hasAdditionalVersionWeights() ? Map.of() : routing.additionalVersionWeights();
    }

}
