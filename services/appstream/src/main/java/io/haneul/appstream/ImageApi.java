package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Paging;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * Images: DescribeImages over the built-in, own and shared images; copies, updated images and
 * permissions. Imports from AMIs and exports to AMIs need EC2, which Haneul does not have: they are
 * stored as AWS answers a failed import or export (state FAILED with the reason).
 */
public final class ImageApi {

    private final Catalog catalog;
    private final ImageLookup images;

    ImageApi(Catalog catalog, ImageLookup images) {
        this.catalog = catalog;
        this.images = images;
    }

    public DescribeImagesResponse describeImages(RequestContext ctx, DescribeImagesRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<Image> all = images.visible(s);
            if (r.hasNames() && !r.names().isEmpty() && r.hasArns() && !r.arns().isEmpty()) {
                throw AppStreamException.combination("Only one of Names or Arns can be specified.");
            }
            List<Image> picked = new ArrayList<>();
            if (r.hasNames() && !r.names().isEmpty()) {
                for (String n : r.names()) {
                    picked.add(all.stream().filter(i -> i.name().equals(n)).findFirst()
                            .orElseThrow(() -> AppStreamException.notFound("The image " + n + " could not be found.")));
                }
            } else if (r.hasArns() && !r.arns().isEmpty()) {
                for (String a : r.arns()) {
                    picked.add(all.stream().filter(i -> a.equals(i.arn())).findFirst()
                            .orElseThrow(() -> AppStreamException.notFound("The image " + a + " could not be found.")));
                }
            } else {
                picked = all;
            }
            String type = r.typeAsString();
            List<Image> typed = picked.stream().filter(i -> type == null || type.equals(i.visibilityAsString()))
                    .map(i -> withSharing(s, i)).toList();
            Paging.Page<Image> page = Paging.page(typed, r.nextToken(), r.maxResults(), 25, Image::arn);
            return DescribeImagesResponse.builder().images(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public DeleteImageResponse deleteImage(RequestContext ctx, DeleteImageRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Image image = own(s, r.name());
            for (Fleet f : catalog.all(s, Kinds.FLEET)) {
                if (image.arn().equals(f.imageArn())) {
                    throw AppStreamException.inUse("The image " + r.name() + " is in use by fleet " + f.name() + ".");
                }
            }
            catalog.delete(s, Kinds.IMAGE, r.name());
            catalog.links().forget(s.account(), s.region(), Kinds.IMAGE_SHARE, r.name(), true);
            return DeleteImageResponse.builder().image(image.toBuilder().state("DELETING").build()).build();
        });
    }

    public CopyImageResponse copyImage(RequestContext ctx, CopyImageRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Image source = own(s, r.sourceImageName());
            if (!"AVAILABLE".equals(source.stateAsString())) {
                throw AppStreamException.notAvailable("The image " + source.name() + " is not available.");
            }
            Scope dest = new Scope(s.account(), r.destinationRegion());
            Image copy = source.toBuilder().name(r.destinationImageName())
                    .arn(catalog.arn(dest, Kinds.IMAGE, r.destinationImageName()))
                    .description(r.destinationImageDescription() != null ? r.destinationImageDescription() : source.description())
                    .state("PENDING").createdTime(catalog.now()).imageBuilderName(null).imageSharedWithOthers("FALSE").build();
            if (!catalog.insertChanging(dest, Kinds.IMAGE, copy.name(), copy, "AVAILABLE")) {
                throw AppStreamException.exists("The image " + r.destinationImageName() + " already exists.");
            }
            return CopyImageResponse.builder().destinationImageName(r.destinationImageName()).build();
        });
    }

    public CreateUpdatedImageResponse createUpdatedImage(RequestContext ctx, CreateUpdatedImageRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Image existing = own(s, r.existingImageName());
            if (catalog.find(s, Kinds.IMAGE, r.newImageName()).isPresent()) {
                throw AppStreamException.exists("The image " + r.newImageName() + " already exists.");
            }
            if (Boolean.TRUE.equals(r.dryRun())) {
                return CreateUpdatedImageResponse.builder().canUpdateImage(true).build();
            }
            Image updated = existing.toBuilder().name(r.newImageName()).arn(catalog.arn(s, Kinds.IMAGE, r.newImageName()))
                    .description(r.newImageDescription() != null ? r.newImageDescription() : existing.description())
                    .displayName(r.newImageDisplayName() != null ? r.newImageDisplayName() : existing.displayName())
                    .baseImageArn(existing.arn()).state("PENDING").createdTime(catalog.now()).imageSharedWithOthers("FALSE")
                    .latestAppstreamAgentVersion("TRUE").build();
            if (!catalog.insertChanging(s, Kinds.IMAGE, updated.name(), updated, "AVAILABLE")) {
                throw AppStreamException.exists("The image " + r.newImageName() + " already exists.");
            }
            if (r.hasNewImageTags()) {
                catalog.tags().put(s.account(), s.region(), updated.arn(), r.newImageTags());
            }
            return CreateUpdatedImageResponse.builder().image(updated).canUpdateImage(true).build();
        });
    }

    public CreateImportedImageResponse createImportedImage(RequestContext ctx, CreateImportedImageRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            if (r.sourceAmiId() == null) {
                throw AppStreamException.combination("SourceAmiId must be specified.");
            }
            if (catalog.find(s, Kinds.IMAGE, r.name()).isPresent()) {
                throw AppStreamException.exists("The image " + r.name() + " already exists.");
            }
            Image image = Image.builder().name(r.name()).arn(catalog.arn(s, Kinds.IMAGE, r.name())).displayName(r.displayName())
                    .description(r.description()).visibility("PRIVATE").platform("AMAZON_LINUX2").createdTime(catalog.now())
                    .state("FAILED").imageBuilderSupported(false).imageSharedWithOthers("FALSE")
                    .stateChangeReason(ImageStateChangeReason.builder().code("IMAGE_IMPORT_FAILURE")
                            .message("Haneul has no EC2: the AMI " + r.sourceAmiId()
                                    + " cannot be imported.").build())
                    .build();
            if (Boolean.TRUE.equals(r.dryRun())) {
                throw new AppStreamException("DryRunOperationException", "The request would have succeeded, but the DryRun parameter was set.");
            }
            if (!catalog.insert(s, Kinds.IMAGE, r.name(), image)) {
                throw AppStreamException.exists("The image " + r.name() + " already exists.");
            }
            if (r.hasTags()) {
                catalog.tags().put(s.account(), s.region(), image.arn(), r.tags());
            }
            return CreateImportedImageResponse.builder().image(image).build();
        });
    }

    public DescribeImagePermissionsResponse describeImagePermissions(RequestContext ctx, DescribeImagePermissionsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            own(s, r.name());
            List<SharedImagePermissions> shared = catalog.links().byA(s.account(), s.region(), Kinds.IMAGE_SHARE, r.name()).stream()
                    .filter(l -> !r.hasSharedAwsAccountIds() || r.sharedAwsAccountIds().isEmpty() || r.sharedAwsAccountIds().contains(l.b()))
                    .map(l -> SharedImagePermissions.builder().sharedAccountId(l.b())
                            .imagePermissions(catalog.read(l.doc(), ImagePermissions.class)).build())
                    .toList();
            Paging.Page<SharedImagePermissions> page = Paging.page(shared, r.nextToken(), r.maxResults(), 100, SharedImagePermissions::sharedAccountId);
            return DescribeImagePermissionsResponse.builder().name(r.name()).sharedImagePermissionsList(page.items())
                    .nextToken(page.nextToken()).build();
        });
    }

    public UpdateImagePermissionsResponse updateImagePermissions(RequestContext ctx, UpdateImagePermissionsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            own(s, r.name());
            if (r.sharedAccountId().equals(s.account())) {
                throw AppStreamException.combination("You cannot share an image with your own account.");
            }
            catalog.links().put(s.account(), s.region(), Kinds.IMAGE_SHARE, r.name(), r.sharedAccountId(), catalog.write(r.imagePermissions()));
            return UpdateImagePermissionsResponse.builder().build();
        });
    }

    public DeleteImagePermissionsResponse deleteImagePermissions(RequestContext ctx, DeleteImagePermissionsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            own(s, r.name());
            if (!catalog.links().delete(s.account(), s.region(), Kinds.IMAGE_SHARE, r.name(), r.sharedAccountId())) {
                throw AppStreamException.notFound("The image " + r.name() + " is not shared with account " + r.sharedAccountId() + ".");
            }
            return DeleteImagePermissionsResponse.builder().build();
        });
    }

    public CreateExportImageTaskResponse createExportImageTask(RequestContext ctx, CreateExportImageTaskRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Image image = own(s, r.imageName());
            String id = UUID.randomUUID().toString();
            ExportImageTask task = ExportImageTask.builder().taskId(id).imageArn(image.arn()).amiName(r.amiName())
                    .amiDescription(r.amiDescription()).createdDate(catalog.now()).state("FAILED")
                    .tagSpecifications(r.tagSpecifications())
                    .errorDetails(ErrorDetails.builder().errorCode("EXPORT_NOT_SUPPORTED")
                            .errorMessage("Haneul has no EC2: the image cannot be exported as an AMI.").build())
                    .build();
            catalog.insert(s, Kinds.EXPORT_TASK, id, task);
            return CreateExportImageTaskResponse.builder().exportImageTask(task).build();
        });
    }

    public GetExportImageTaskResponse getExportImageTask(RequestContext ctx, GetExportImageTaskRequest r) {
        return call(() -> GetExportImageTaskResponse.builder().exportImageTask(catalog.find(Scope.of(ctx), Kinds.EXPORT_TASK, r.taskId())
                .orElseThrow(() -> AppStreamException.notFound("The export image task " + r.taskId() + " could not be found."))).build());
    }

    public ListExportImageTasksResponse listExportImageTasks(RequestContext ctx, ListExportImageTasksRequest r) {
        return call(() -> {
            List<ExportImageTask> tasks = new ArrayList<>(catalog.all(Scope.of(ctx), Kinds.EXPORT_TASK));
            if (r.hasFilters()) {
                for (Filter f : r.filters()) {
                    tasks.removeIf(t -> !matches(t, f));
                }
            }
            Paging.Page<ExportImageTask> page = Paging.page(tasks, r.nextToken(), r.maxResults(), 25, ExportImageTask::taskId);
            return ListExportImageTasksResponse.builder().exportImageTasks(page.items()).nextToken(page.nextToken()).build();
        });
    }

    private static boolean matches(ExportImageTask t, Filter f) {
        String value = switch (f.name()) {
            case "TaskId", "task-id" -> t.taskId();
            case "State", "state" -> t.stateAsString();
            case "ImageArn", "image-arn" -> t.imageArn();
            case "AmiName", "ami-name" -> t.amiName();
            default -> null;
        };
        return value != null && f.hasValues() && f.values().contains(value);
    }

    /** An image of the caller's own (not a built-in or shared one), which the caller may change. */
    private Image own(Scope s, String name) {
        if (BuiltInImages.isBuiltIn(name)) {
            throw AppStreamException.notPermitted("The image " + name + " is a public image and cannot be modified.");
        }
        return catalog.find(s, Kinds.IMAGE, name).orElseThrow(() -> AppStreamException.notFound("The image " + name + " could not be found."));
    }

    private Image withSharing(Scope s, Image image) {
        if (!"PRIVATE".equals(image.visibilityAsString())) {
            return image;
        }
        boolean shared = !catalog.links().byA(s.account(), s.region(), Kinds.IMAGE_SHARE, image.name()).isEmpty();
        return image.toBuilder().imageSharedWithOthers(shared ? "TRUE" : "FALSE").build();
    }
}
