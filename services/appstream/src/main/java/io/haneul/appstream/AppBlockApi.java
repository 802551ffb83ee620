package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Arns;
import io.haneul.appstream.domain.Paging;
import io.haneul.appstream.streaming.SessionRequest;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.List;
import java.util.Map;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * App blocks (where an application's files come from, stored) and app block builders: STOPPED after
 * creation, STARTING to RUNNING and STOPPING to STOPPED, and a streaming URL into a running builder
 * that opens the built-in desktop, where a user would install an application.
 */
public final class AppBlockApi {

    private final Catalog catalog;
    private final StreamingUrls urls;

    AppBlockApi(Catalog catalog, StreamingUrls urls) {
        this.catalog = catalog;
        this.urls = urls;
    }

    public CreateAppBlockResponse createAppBlock(RequestContext ctx, CreateAppBlockRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            String packaging = r.packagingTypeAsString() != null ? r.packagingTypeAsString() : "CUSTOM";
            if ("CUSTOM".equals(packaging) && r.setupScriptDetails() == null) {
                throw AppStreamException.combination("SetupScriptDetails is required for app blocks of packaging type CUSTOM.");
            }
            if ("APPSTREAM2".equals(packaging) && r.setupScriptDetails() != null) {
                throw AppStreamException.combination("SetupScriptDetails is not supported for app blocks of packaging type APPSTREAM2.");
            }
            AppBlock block = AppBlock.builder().name(r.name()).arn(catalog.arn(s, Kinds.APP_BLOCK, r.name())).description(r.description())
                    .displayName(r.displayName()).sourceS3Location(r.sourceS3Location()).setupScriptDetails(r.setupScriptDetails())
                    .postSetupScriptDetails(r.postSetupScriptDetails()).packagingType(packaging)
                    .state("CUSTOM".equals(packaging) ? "ACTIVE" : "INACTIVE").createdTime(catalog.now()).build();
            if (!catalog.insert(s, Kinds.APP_BLOCK, r.name(), block)) {
                throw AppStreamException.exists("The app block " + r.name() + " already exists.");
            }
            if (r.hasTags()) {
                catalog.tags().put(s.account(), s.region(), block.arn(), r.tags());
            }
            return CreateAppBlockResponse.builder().appBlock(block).build();
        });
    }

    public DescribeAppBlocksResponse describeAppBlocks(RequestContext ctx, DescribeAppBlocksRequest r) {
        return call(() -> {
            List<AppBlock> all = catalog.all(Scope.of(ctx), Kinds.APP_BLOCK);
            List<AppBlock> picked = r.hasArns() && !r.arns().isEmpty() ? all.stream().filter(b -> r.arns().contains(b.arn())).toList() : all;
            Paging.Page<AppBlock> page = Paging.page(picked, r.nextToken(), r.maxResults(), 25, AppBlock::name);
            return DescribeAppBlocksResponse.builder().appBlocks(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public DeleteAppBlockResponse deleteAppBlock(RequestContext ctx, DeleteAppBlockRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            AppBlock block = catalog.find(s, Kinds.APP_BLOCK, r.name())
                    .orElseThrow(() -> AppStreamException.notFound("The app block " + r.name() + " could not be found."));
            for (Application a : catalog.all(s, Kinds.APPLICATION)) {
                if (block.arn().equals(a.appBlockArn())) {
                    throw AppStreamException.inUse("The app block " + r.name() + " is used by application " + a.name() + ".");
                }
            }
            catalog.delete(s, Kinds.APP_BLOCK, r.name());
            catalog.links().forget(s.account(), s.region(), Kinds.BUILDER_APP_BLOCK, block.arn(), false);
            return DeleteAppBlockResponse.builder().build();
        });
    }

    public CreateAppBlockBuilderResponse createAppBlockBuilder(RequestContext ctx, CreateAppBlockBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            io.haneul.appstream.domain.FleetRules.checkInstanceType(r.instanceType());
            AppBlockBuilder b = AppBlockBuilder.builder().name(r.name()).arn(catalog.arn(s, Kinds.APP_BLOCK_BUILDER, r.name()))
                    .displayName(r.displayName()).description(r.description()).platform(r.platformAsString()).instanceType(r.instanceType())
                    .enableDefaultInternetAccess(r.enableDefaultInternetAccess() != null ? r.enableDefaultInternetAccess() : false)
                    .iamRoleArn(r.iamRoleArn()).vpcConfig(r.vpcConfig()).state("STOPPED").createdTime(catalog.now())
                    .accessEndpoints(r.hasAccessEndpoints() ? r.accessEndpoints() : null).build();
            if (!catalog.insert(s, Kinds.APP_BLOCK_BUILDER, r.name(), b)) {
                throw AppStreamException.exists("The app block builder " + r.name() + " already exists.");
            }
            if (r.hasTags()) {
                catalog.tags().put(s.account(), s.region(), b.arn(), r.tags());
            }
            return CreateAppBlockBuilderResponse.builder().appBlockBuilder(b).build();
        });
    }

    public DescribeAppBlockBuildersResponse describeAppBlockBuilders(RequestContext ctx, DescribeAppBlockBuildersRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<AppBlockBuilder> picked = r.hasNames() && !r.names().isEmpty()
                    ? r.names().stream().map(n -> builder(s, n)).toList() : catalog.all(s, Kinds.APP_BLOCK_BUILDER);
            Paging.Page<AppBlockBuilder> page = Paging.page(picked, r.nextToken(), r.maxResults(), 25, AppBlockBuilder::name);
            return DescribeAppBlockBuildersResponse.builder().appBlockBuilders(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public UpdateAppBlockBuilderResponse updateAppBlockBuilder(RequestContext ctx, UpdateAppBlockBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            AppBlockBuilder current = builder(s, r.name());
            if (!"STOPPED".equals(current.stateAsString())) {
                throw AppStreamException.notPermitted("The app block builder " + r.name() + " can only be updated while it is stopped.");
            }
            io.haneul.appstream.domain.FleetRules.checkInstanceType(r.instanceType());
            AppBlockBuilder.Builder b = current.toBuilder();
            if (r.description() != null) b.description(r.description());
            if (r.displayName() != null) b.displayName(r.displayName());
            if (r.platformAsString() != null) b.platform(r.platformAsString());
            if (r.instanceType() != null) b.instanceType(r.instanceType());
            if (r.vpcConfig() != null) b.vpcConfig(r.vpcConfig());
            if (r.enableDefaultInternetAccess() != null) b.enableDefaultInternetAccess(r.enableDefaultInternetAccess());
            if (r.iamRoleArn() != null) b.iamRoleArn(r.iamRoleArn());
            if (r.hasAccessEndpoints()) b.accessEndpoints(r.accessEndpoints());
            for (String attr : r.attributesToDeleteAsStrings()) {
                AppBlockBuilder now = b.build();
                switch (attr) {
                    case "IAM_ROLE_ARN" -> b.iamRoleArn(null);
                    case "ACCESS_ENDPOINTS" -> b.accessEndpoints((java.util.Collection<AccessEndpoint>) null);
                    case "VPC_CONFIGURATION_SECURITY_GROUP_IDS" -> {
                        if (now.vpcConfig() != null) {
                            b.vpcConfig(now.vpcConfig().toBuilder().securityGroupIds((java.util.Collection<String>) null).build());
                        }
                    }
                    default -> { }
                }
            }
            AppBlockBuilder updated = b.build();
            catalog.replace(s, Kinds.APP_BLOCK_BUILDER, r.name(), updated);
            return UpdateAppBlockBuilderResponse.builder().appBlockBuilder(updated).build();
        });
    }

    public StartAppBlockBuilderResponse startAppBlockBuilder(RequestContext ctx, StartAppBlockBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            AppBlockBuilder b = builder(s, r.name());
            if (!"STOPPED".equals(b.stateAsString())) {
                throw AppStreamException.notPermitted("The app block builder " + r.name() + " cannot be started in its current state: " + b.stateAsString() + ".");
            }
            AppBlockBuilder starting = b.toBuilder().state("STARTING").build();
            catalog.replaceChanging(s, Kinds.APP_BLOCK_BUILDER, r.name(), starting, "RUNNING");
            return StartAppBlockBuilderResponse.builder().appBlockBuilder(starting).build();
        });
    }

    public StopAppBlockBuilderResponse stopAppBlockBuilder(RequestContext ctx, StopAppBlockBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            AppBlockBuilder b = builder(s, r.name());
            if (!"RUNNING".equals(b.stateAsString())) {
                throw AppStreamException.notPermitted("The app block builder " + r.name() + " cannot be stopped in its current state: " + b.stateAsString() + ".");
            }
            urls.engine().sessions(b.arn()).forEach(v -> urls.engine().expire(v.id()));
            AppBlockBuilder stopping = b.toBuilder().state("STOPPING").build();
            catalog.replaceChanging(s, Kinds.APP_BLOCK_BUILDER, r.name(), stopping, "STOPPED");
            return StopAppBlockBuilderResponse.builder().appBlockBuilder(stopping).build();
        });
    }

    public DeleteAppBlockBuilderResponse deleteAppBlockBuilder(RequestContext ctx, DeleteAppBlockBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            AppBlockBuilder b = builder(s, r.name());
            if (!"STOPPED".equals(b.stateAsString())) {
                throw AppStreamException.notPermitted("The app block builder " + r.name() + " must be stopped before it is deleted.");
            }
            catalog.delete(s, Kinds.APP_BLOCK_BUILDER, r.name());
            catalog.links().forget(s.account(), s.region(), Kinds.BUILDER_APP_BLOCK, r.name(), true);
            return DeleteAppBlockBuilderResponse.builder().build();
        });
    }

    public AssociateAppBlockBuilderAppBlockResponse associateAppBlockBuilderAppBlock(RequestContext ctx, AssociateAppBlockBuilderAppBlockRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            builder(s, r.appBlockBuilderName());
            Arns.parse(r.appBlockArn()).filter(p -> "app-block".equals(p.type())).flatMap(p -> catalog.find(s, Kinds.APP_BLOCK, p.name()))
                    .orElseThrow(() -> AppStreamException.notFound("The app block " + r.appBlockArn() + " could not be found."));
            catalog.links().put(s.account(), s.region(), Kinds.BUILDER_APP_BLOCK, r.appBlockBuilderName(), r.appBlockArn(), null);
            return AssociateAppBlockBuilderAppBlockResponse.builder().appBlockBuilderAppBlockAssociation(
                    AppBlockBuilderAppBlockAssociation.builder().appBlockArn(r.appBlockArn()).appBlockBuilderName(r.appBlockBuilderName()).build())
                    .build();
        });
    }

    public DisassociateAppBlockBuilderAppBlockResponse disassociateAppBlockBuilderAppBlock(RequestContext ctx,
                                                                                          DisassociateAppBlockBuilderAppBlockRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            if (!catalog.links().delete(s.account(), s.region(), Kinds.BUILDER_APP_BLOCK, r.appBlockBuilderName(), r.appBlockArn())) {
                throw AppStreamException.notFound("The app block " + r.appBlockArn() + " is not associated with app block builder "
                        + r.appBlockBuilderName() + ".");
            }
            return DisassociateAppBlockBuilderAppBlockResponse.builder().build();
        });
    }

    public DescribeAppBlockBuilderAppBlockAssociationsResponse describeAppBlockBuilderAppBlockAssociations(RequestContext ctx,
            DescribeAppBlockBuilderAppBlockAssociationsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<AppBlockBuilderAppBlockAssociation> list = catalog.links().all(s.account(), s.region(), Kinds.BUILDER_APP_BLOCK).stream()
                    .filter(l -> (r.appBlockBuilderName() == null || r.appBlockBuilderName().equals(l.a()))
                            && (r.appBlockArn() == null || r.appBlockArn().equals(l.b())))
                    .map(l -> AppBlockBuilderAppBlockAssociation.builder().appBlockBuilderName(l.a()).appBlockArn(l.b()).build()).toList();
            Paging.Page<AppBlockBuilderAppBlockAssociation> page = Paging.page(list, r.nextToken(), r.maxResults(), 25,
                    a -> a.appBlockBuilderName() + " " + a.appBlockArn());
            return DescribeAppBlockBuilderAppBlockAssociationsResponse.builder().appBlockBuilderAppBlockAssociations(page.items())
                    .nextToken(page.nextToken()).build();
        });
    }

    public CreateAppBlockBuilderStreamingUrlResponse createAppBlockBuilderStreamingURL(RequestContext ctx, CreateAppBlockBuilderStreamingUrlRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            AppBlockBuilder b = builder(s, r.appBlockBuilderName());
            if (!"RUNNING".equals(b.stateAsString())) {
                throw AppStreamException.notPermitted("The app block builder " + b.name() + " is not running.");
            }
            var validity = StreamingUrls.validity(r.validity(), 3600);
            Image desktop = BuiltInImages.all(s.region()).get(1);
            // a builder has no stack: the session names none (the engine sets AppStream_Stack_Name empty)
            SessionRequest request = new SessionRequest(s.account(), s.region(), "", b.name(), b.arn(), "AppBlockBuilderAdmin", null,
                    StreamingUrls.launches(desktop.applications()), null, 0, 0, 0, 1, List.of(), Map.of());
            StreamingUrls.Url url = urls.open(request, validity, catalog.now());
            return CreateAppBlockBuilderStreamingUrlResponse.builder().streamingURL(url.url()).expires(url.expires()).build();
        });
    }

    private AppBlockBuilder builder(Scope s, String name) {
        return catalog.find(s, Kinds.APP_BLOCK_BUILDER, name)
                .orElseThrow(() -> AppStreamException.notFound("The app block builder " + name + " could not be found."));
    }
}
