package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Paging;
import io.haneul.appstream.streaming.SessionRequest;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * Image builders: PENDING to RUNNING on create and start, STOPPING to STOPPED on stop, a streaming URL
 * into the builder's image while it runs (through the streaming engine), and the license-included
 * software AWS installs on builders, which is stored (a deployment fails: Haneul installs no such software).
 */
public final class ImageBuilderApi {

    private final Catalog catalog;
    private final ImageLookup images;
    private final StreamingUrls urls;

    ImageBuilderApi(Catalog catalog, ImageLookup images, StreamingUrls urls) {
        this.catalog = catalog;
        this.images = images;
        this.urls = urls;
    }

    public CreateImageBuilderResponse createImageBuilder(RequestContext ctx, CreateImageBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Image image = images.forUse(s, r.imageName(), r.imageArn(), true);
            ImageBuilder b = ImageBuilder.builder().name(r.name()).arn(catalog.arn(s, Kinds.IMAGE_BUILDER, r.name()))
                    .imageArn(image.arn()).description(r.description()).displayName(r.displayName()).vpcConfig(r.vpcConfig())
                    .instanceType(r.instanceType()).platform(image.platformAsString()).iamRoleArn(r.iamRoleArn())
                    .enableDefaultInternetAccess(r.enableDefaultInternetAccess()).domainJoinInfo(r.domainJoinInfo())
                    .accessEndpoints(r.accessEndpoints()).rootVolumeConfig(r.rootVolumeConfig())
                    .appstreamAgentVersion(r.appstreamAgentVersion() != null ? r.appstreamAgentVersion() : "LATEST")
                    .latestAppstreamAgentVersion("TRUE").state("PENDING").createdTime(catalog.now())
                    .networkAccessConfiguration(NetworkAccessConfiguration.builder().eniPrivateIpAddress("127.0.0.1").build())
                    .build();
            if (!catalog.insertChanging(s, Kinds.IMAGE_BUILDER, r.name(), b, "RUNNING")) {
                throw AppStreamException.exists("The image builder " + r.name() + " already exists.");
            }
            if (r.hasSoftwaresToInstall()) {
                for (String sw : r.softwaresToInstall()) {
                    stage(s, r.name(), sw, "STAGED_FOR_INSTALLATION");
                }
            }
            if (r.hasTags()) {
                catalog.tags().put(s.account(), s.region(), b.arn(), r.tags());
            }
            return CreateImageBuilderResponse.builder().imageBuilder(b).build();
        });
    }

    public DescribeImageBuildersResponse describeImageBuilders(RequestContext ctx, DescribeImageBuildersRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<ImageBuilder> picked = r.hasNames() && !r.names().isEmpty()
                    ? r.names().stream().map(n -> builder(s, n)).toList() : catalog.all(s, Kinds.IMAGE_BUILDER);
            Paging.Page<ImageBuilder> page = Paging.page(picked, r.nextToken(), r.maxResults(), 25, ImageBuilder::name);
            return DescribeImageBuildersResponse.builder().imageBuilders(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public StartImageBuilderResponse startImageBuilder(RequestContext ctx, StartImageBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            ImageBuilder b = builder(s, r.name());
            if (!"STOPPED".equals(b.stateAsString())) {
                throw AppStreamException.notPermitted("The image builder " + r.name() + " cannot be started in its current state: " + b.stateAsString() + ".");
            }
            ImageBuilder.Builder next = b.toBuilder().state("PENDING");
            if (r.appstreamAgentVersion() != null) {
                next.appstreamAgentVersion(r.appstreamAgentVersion());
            }
            ImageBuilder started = next.build();
            catalog.replaceChanging(s, Kinds.IMAGE_BUILDER, r.name(), started, "RUNNING");
            return StartImageBuilderResponse.builder().imageBuilder(started).build();
        });
    }

    public StopImageBuilderResponse stopImageBuilder(RequestContext ctx, StopImageBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            ImageBuilder b = builder(s, r.name());
            if (!"RUNNING".equals(b.stateAsString())) {
                throw AppStreamException.notPermitted("The image builder " + r.name() + " cannot be stopped in its current state: " + b.stateAsString() + ".");
            }
            expireSessions(b.arn());
            ImageBuilder stopping = b.toBuilder().state("STOPPING").build();
            catalog.replaceChanging(s, Kinds.IMAGE_BUILDER, r.name(), stopping, "STOPPED");
            return StopImageBuilderResponse.builder().imageBuilder(stopping).build();
        });
    }

    public DeleteImageBuilderResponse deleteImageBuilder(RequestContext ctx, DeleteImageBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            ImageBuilder b = builder(s, r.name());
            if ("PENDING".equals(b.stateAsString()) || "STOPPING".equals(b.stateAsString())) {
                throw AppStreamException.notPermitted("The image builder " + r.name() + " cannot be deleted in its current state: " + b.stateAsString() + ".");
            }
            expireSessions(b.arn());
            catalog.delete(s, Kinds.IMAGE_BUILDER, r.name());
            catalog.links().forget(s.account(), s.region(), Kinds.BUILDER_SOFTWARE, r.name(), true);
            return DeleteImageBuilderResponse.builder().imageBuilder(b.toBuilder().state("DELETING").build()).build();
        });
    }

    public CreateImageBuilderStreamingUrlResponse createImageBuilderStreamingURL(RequestContext ctx, CreateImageBuilderStreamingUrlRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            ImageBuilder b = builder(s, r.name());
            if (!"RUNNING".equals(b.stateAsString())) {
                throw AppStreamException.notPermitted("The image builder " + r.name() + " is not running.");
            }
            var validity = StreamingUrls.validity(r.validity(), 3600);
            Image image = images.find(s, null, b.imageArn()).orElse(null);
            List<Application> apps = image == null || !image.hasApplications() ? List.of() : image.applications();
            // a builder has no stack: the session names none (the engine sets AppStream_Stack_Name empty)
            SessionRequest request = new SessionRequest(s.account(), s.region(), "", b.name(), b.arn(), "ImageBuilderAdmin", null,
                    StreamingUrls.launches(apps), null, 0, 0, 0, 1, List.of(), Map.of());
            StreamingUrls.Url url = urls.open(request, validity, catalog.now());
            return CreateImageBuilderStreamingUrlResponse.builder().streamingURL(url.url()).expires(url.expires()).build();
        });
    }

    public AssociateSoftwareToImageBuilderResponse associateSoftwareToImageBuilder(RequestContext ctx, AssociateSoftwareToImageBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            builder(s, r.imageBuilderName());
            for (String sw : r.softwareNames()) {
                stage(s, r.imageBuilderName(), sw, "STAGED_FOR_INSTALLATION");
            }
            return AssociateSoftwareToImageBuilderResponse.builder().build();
        });
    }

    public DisassociateSoftwareFromImageBuilderResponse disassociateSoftwareFromImageBuilder(RequestContext ctx,
                                                                                            DisassociateSoftwareFromImageBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            builder(s, r.imageBuilderName());
            for (String sw : r.softwareNames()) {
                if (!catalog.links().delete(s.account(), s.region(), Kinds.BUILDER_SOFTWARE, r.imageBuilderName(), sw)) {
                    throw AppStreamException.notFound("The software " + sw + " is not associated with image builder " + r.imageBuilderName() + ".");
                }
            }
            return DisassociateSoftwareFromImageBuilderResponse.builder().build();
        });
    }

    public DescribeSoftwareAssociationsResponse describeSoftwareAssociations(RequestContext ctx, DescribeSoftwareAssociationsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            String name = io.haneul.appstream.domain.Arns.parse(r.associatedResource())
                    .filter(p -> "image-builder".equals(p.type())).map(io.haneul.appstream.domain.Arns.Parsed::name)
                    .orElseThrow(() -> AppStreamException.notFound("The resource " + r.associatedResource() + " could not be found."));
            builder(s, name);
            List<SoftwareAssociations> list = new ArrayList<>();
            for (var l : catalog.links().byA(s.account(), s.region(), Kinds.BUILDER_SOFTWARE, name)) {
                list.add(catalog.read(l.doc(), SoftwareAssociations.class));
            }
            Paging.Page<SoftwareAssociations> page = Paging.page(list, r.nextToken(), r.maxResults(), 25, SoftwareAssociations::softwareName);
            return DescribeSoftwareAssociationsResponse.builder().associatedResource(r.associatedResource())
                    .softwareAssociations(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public StartSoftwareDeploymentToImageBuilderResponse startSoftwareDeploymentToImageBuilder(RequestContext ctx,
                                                                                              StartSoftwareDeploymentToImageBuilderRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            builder(s, r.imageBuilderName());
            for (var l : catalog.links().byA(s.account(), s.region(), Kinds.BUILDER_SOFTWARE, r.imageBuilderName())) {
                SoftwareAssociations a = catalog.read(l.doc(), SoftwareAssociations.class);
                boolean retry = Boolean.TRUE.equals(r.retryFailedDeployments()) && a.statusAsString().startsWith("FAILED");
                if (a.statusAsString().startsWith("STAGED") || retry) {
                    boolean install = a.statusAsString().contains("INSTALLATION") || "FAILED_TO_INSTALL".equals(a.statusAsString());
                    SoftwareAssociations failed = a.toBuilder().status(install ? "FAILED_TO_INSTALL" : "FAILED_TO_UNINSTALL")
                            .deploymentError(List.of(ErrorDetails.builder().errorCode("SOFTWARE_NOT_AVAILABLE")
                                    .errorMessage("Haneul installs no license-included software: " + a.softwareName() + " is not available.").build()))
                            .build();
                    catalog.links().put(s.account(), s.region(), Kinds.BUILDER_SOFTWARE, r.imageBuilderName(), a.softwareName(), catalog.write(failed));
                }
            }
            return StartSoftwareDeploymentToImageBuilderResponse.builder().build();
        });
    }

    private void stage(Scope s, String builder, String software, String status) {
        SoftwareAssociations a = SoftwareAssociations.builder().softwareName(software).status(status).build();
        catalog.links().put(s.account(), s.region(), Kinds.BUILDER_SOFTWARE, builder, software, catalog.write(a));
    }

    private void expireSessions(String arn) {
        urls.engine().sessions(arn).forEach(v -> urls.engine().expire(v.id()));
    }

    private ImageBuilder builder(Scope s, String name) {
        return catalog.find(s, Kinds.IMAGE_BUILDER, name)
                .orElseThrow(() -> AppStreamException.notFound("The image builder " + name + " could not be found."));
    }
}
