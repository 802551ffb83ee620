package io.haneul.sagemaker.hosting;

import io.haneul.core.engine.RequestContext;
import io.haneul.sagemaker.hosting.domain.Arns;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.domain.Listing;
import io.haneul.sagemaker.hosting.store.HostingStore;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageGroupRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelPackageGroupRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelPackageGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageGroupRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackageGroupsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackageGroupsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageGroupSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model registry as bookkeeping: model package groups, and model packages that are either versions
 * in a group ({@code model-package/<group>/<version>}, approval status PendingManualApproval unless
 * given) or unversioned ({@code model-package/<name>}); UpdateModelPackage moves the approval status.
 * Packages are stored, not validated or run (no ValidationSpecification jobs).
 */
public final class ModelPackageApi {

    static final String GROUP = "model-package-group";
    static final String PACKAGE = "model-package";
    private static final Listing<DescribeModelPackageGroupResponse> GROUPS = new Listing<>(new Listing.Keys<>(
            DescribeModelPackageGroupResponse::modelPackageGroupName, DescribeModelPackageGroupResponse::creationTime,
            DescribeModelPackageGroupResponse::modelPackageGroupStatusAsString));
    private static final Listing<DescribeModelPackageResponse> PACKAGES = new Listing<>(new Listing.Keys<>(
            p -> p.modelPackageGroupName() != null ? p.modelPackageGroupName() : p.modelPackageName(),
            DescribeModelPackageResponse::creationTime, DescribeModelPackageResponse::modelApprovalStatusAsString));

    private final Hosting h;

    ModelPackageApi(Hosting h) {
        this.h = h;
    }

    public CreateModelPackageGroupResponse createModelPackageGroup(RequestContext ctx, CreateModelPackageGroupRequest req) {
        return HostingErrors.call(() -> {
            String arn = Hosting.arn(ctx.region(), ctx.accountId(), GROUP, req.modelPackageGroupName());
            DescribeModelPackageGroupResponse doc = DescribeModelPackageGroupResponse.builder().modelPackageGroupName(req.modelPackageGroupName())
                    .modelPackageGroupArn(arn).modelPackageGroupDescription(req.modelPackageGroupDescription()).creationTime(h.clock.instant())
                    .modelPackageGroupStatus("Completed").build();
            if (!h.store.insert(new HostingStore.Row(ctx.accountId(), ctx.region(), GROUP, req.modelPackageGroupName(), "Completed",
                    h.clock.millis(), h.write(doc)))) {
                throw HostingException.validation("Model Package Group already exists: " + arn);
            }
            h.tag(arn, req.tags());
            return CreateModelPackageGroupResponse.builder().modelPackageGroupArn(arn).build();
        });
    }

    public DescribeModelPackageGroupResponse describeModelPackageGroup(RequestContext ctx, DescribeModelPackageGroupRequest req) {
        return HostingErrors.call(() -> group(ctx, nameOf(req.modelPackageGroupName())));
    }

    private DescribeModelPackageGroupResponse group(RequestContext ctx, String name) {
        return h.find(ctx.accountId(), ctx.region(), GROUP, name, DescribeModelPackageGroupResponse.class)
                .orElseThrow(() -> HostingException.validation("ModelPackageGroup " + name + " does not exist."));
    }

    public ListModelPackageGroupsResponse listModelPackageGroups(RequestContext ctx, ListModelPackageGroupsRequest req) {
        return HostingErrors.call(() -> {
            List<DescribeModelPackageGroupResponse> all = h.store.list(ctx.accountId(), ctx.region(), GROUP).stream()
                    .map(r -> h.docs.read(r.doc(), DescribeModelPackageGroupResponse.class)).toList();
            Listing.Page<DescribeModelPackageGroupResponse> page = GROUPS.page(all, req.nameContains(), req.creationTimeBefore(),
                    req.creationTimeAfter(), null, req.sortByAsString(), req.sortOrderAsString(), req.maxResults(), req.nextToken());
            return ListModelPackageGroupsResponse.builder().modelPackageGroupSummaryList(page.items().stream().map(g -> ModelPackageGroupSummary
                    .builder().modelPackageGroupName(g.modelPackageGroupName()).modelPackageGroupArn(g.modelPackageGroupArn())
                    .modelPackageGroupDescription(g.modelPackageGroupDescription()).creationTime(g.creationTime())
                    .modelPackageGroupStatus(g.modelPackageGroupStatus()).build()).toList()).nextToken(page.nextToken()).build();
        });
    }

    public DeleteModelPackageGroupResponse deleteModelPackageGroup(RequestContext ctx, DeleteModelPackageGroupRequest req) {
        return HostingErrors.call(() -> {
            DescribeModelPackageGroupResponse g = group(ctx, req.modelPackageGroupName());
            boolean hasVersions = h.store.list(ctx.accountId(), ctx.region(), PACKAGE).stream()
                    .anyMatch(r -> r.name().startsWith(g.modelPackageGroupName() + "/"));
            if (hasVersions) {
                throw new HostingException("ConflictException", "Model Package Group " + g.modelPackageGroupName()
                        + " contains model packages; delete them first.");
            }
            h.store.delete(ctx.accountId(), ctx.region(), GROUP, g.modelPackageGroupName(), g.modelPackageGroupArn());
            return DeleteModelPackageGroupResponse.builder().build();
        });
    }

    public CreateModelPackageResponse createModelPackage(RequestContext ctx, CreateModelPackageRequest req) {
        return HostingErrors.call(() -> {
            if ((req.modelPackageGroupName() == null) == (req.modelPackageName() == null)) {
                throw HostingException.validation("Exactly one of ModelPackageName and ModelPackageGroupName must be specified.");
            }
            Instant now = h.clock.instant();
            DescribeModelPackageResponse.Builder b = DescribeModelPackageResponse.builder().modelPackageDescription(req.modelPackageDescription())
                    .inferenceSpecification(req.inferenceSpecification()).sourceAlgorithmSpecification(req.sourceAlgorithmSpecification())
                    .validationSpecification(req.validationSpecification()).certifyForMarketplace(req.certifyForMarketplace())
                    .metadataProperties(req.metadataProperties()).modelMetrics(req.modelMetrics())
                    .customerMetadataProperties(req.hasCustomerMetadataProperties() ? req.customerMetadataProperties() : null)
                    .domain(req.domain()).task(req.task()).samplePayloadUrl(req.samplePayloadUrl()).sourceUri(req.sourceUri())
                    .modelPackageStatus("Completed").creationTime(now).lastModifiedTime(now);
            if (req.modelPackageName() != null) {
                String arn = Hosting.arn(ctx.region(), ctx.accountId(), PACKAGE, req.modelPackageName());
                DescribeModelPackageResponse doc = b.modelPackageName(req.modelPackageName()).modelPackageArn(arn).build();
                if (!h.store.insert(new HostingStore.Row(ctx.accountId(), ctx.region(), PACKAGE, req.modelPackageName(), "Completed",
                        now.toEpochMilli(), h.write(doc)))) {
                    throw HostingException.validation("Model Package already exists: " + arn);
                }
                h.tag(arn, req.tags());
                return CreateModelPackageResponse.builder().modelPackageArn(arn).build();
            }
            String group = group(ctx, nameOf(req.modelPackageGroupName())).modelPackageGroupName();
            String approval = req.modelApprovalStatus() == null ? "PendingManualApproval" : req.modelApprovalStatusAsString();
            while (true) {
                int version = 1 + h.store.list(ctx.accountId(), ctx.region(), PACKAGE).stream().filter(r -> r.name().startsWith(group + "/"))
                        .mapToInt(r -> Integer.parseInt(r.name().substring(group.length() + 1))).max().orElse(0);
                String arn = Hosting.arn(ctx.region(), ctx.accountId(), PACKAGE, group + "/" + version);
                DescribeModelPackageResponse doc = b.modelPackageName(group).modelPackageGroupName(group).modelPackageVersion(version)
                        .modelPackageArn(arn).modelApprovalStatus(approval).build();
                if (h.store.insert(new HostingStore.Row(ctx.accountId(), ctx.region(), PACKAGE, group + "/" + version, approval,
                        now.toEpochMilli(), h.write(doc)))) {
                    h.tag(arn, req.tags());
                    return CreateModelPackageResponse.builder().modelPackageArn(arn).build();
                }
            }
        });
    }

    public DescribeModelPackageResponse describeModelPackage(RequestContext ctx, DescribeModelPackageRequest req) {
        return HostingErrors.call(() -> modelPackage(ctx, req.modelPackageName()));
    }

    /** A package by name (unversioned) or ARN (either kind). */
    private DescribeModelPackageResponse modelPackage(RequestContext ctx, String nameOrArn) {
        String key = Arns.parse(nameOrArn).filter(p -> p.type().equals(PACKAGE)).map(Arns.Parts::name).orElse(nameOrArn);
        return h.store.list(ctx.accountId(), ctx.region(), PACKAGE).stream().filter(r -> r.name().equalsIgnoreCase(key)).findFirst()
                .map(r -> h.docs.read(r.doc(), DescribeModelPackageResponse.class))
                .orElseThrow(() -> HostingException.validation("ModelPackage " + nameOrArn + " does not exist."));
    }

    public ListModelPackagesResponse listModelPackages(RequestContext ctx, ListModelPackagesRequest req) {
        return HostingErrors.call(() -> {
            String type = req.modelPackageTypeAsString() == null ? "Both" : req.modelPackageTypeAsString();
            List<DescribeModelPackageResponse> all = h.store.list(ctx.accountId(), ctx.region(), PACKAGE).stream()
                    .map(r -> h.docs.read(r.doc(), DescribeModelPackageResponse.class))
                    .filter(p -> req.modelPackageGroupName() == null || req.modelPackageGroupName().equals(p.modelPackageGroupName()))
                    .filter(p -> req.modelApprovalStatus() == null || req.modelApprovalStatusAsString().equals(p.modelApprovalStatusAsString()))
                    .filter(p -> type.equals("Both") || (type.equals("Versioned") == (p.modelPackageVersion() != null)))
                    .toList();
            Listing.Page<DescribeModelPackageResponse> page = PACKAGES.page(all, req.nameContains(), req.creationTimeBefore(),
                    req.creationTimeAfter(), null, req.sortByAsString(), req.sortOrderAsString(), req.maxResults(), req.nextToken());
            return ListModelPackagesResponse.builder().modelPackageSummaryList(page.items().stream().map(p -> ModelPackageSummary.builder()
                    .modelPackageName(p.modelPackageName()).modelPackageGroupName(p.modelPackageGroupName())
                    .modelPackageVersion(p.modelPackageVersion()).modelPackageArn(p.modelPackageArn())
                    .modelPackageDescription(p.modelPackageDescription()).creationTime(p.creationTime())
                    .modelPackageStatus(p.modelPackageStatus()).modelApprovalStatus(p.modelApprovalStatus()).build()).toList())
                    .nextToken(page.nextToken()).build();
        });
    }

    public UpdateModelPackageResponse updateModelPackage(RequestContext ctx, UpdateModelPackageRequest req) {
        return HostingErrors.call(() -> {
            DescribeModelPackageResponse p = modelPackage(ctx, req.modelPackageArn());
            DescribeModelPackageResponse.Builder b = p.toBuilder().lastModifiedTime(h.clock.instant());
            if (req.modelApprovalStatus() != null) {
                if (p.modelPackageVersion() == null) {
                    throw HostingException.validation("ModelApprovalStatus applies to versioned model packages only.");
                }
                b.modelApprovalStatus(req.modelApprovalStatus());
            }
            if (req.approvalDescription() != null) {
                b.approvalDescription(req.approvalDescription());
            }
            if (req.hasCustomerMetadataProperties() || req.hasCustomerMetadataPropertiesToRemove()) {
                Map<String, String> meta = new HashMap<>(p.hasCustomerMetadataProperties() ? p.customerMetadataProperties() : Map.of());
                meta.putAll(req.hasCustomerMetadataProperties() ? req.customerMetadataProperties() : Map.of());
                if (req.hasCustomerMetadataPropertiesToRemove()) {
                    req.customerMetadataPropertiesToRemove().forEach(meta::remove);
                }
                b.customerMetadataProperties(meta);
            }
            DescribeModelPackageResponse updated = b.build();
            String key = p.modelPackageVersion() == null ? p.modelPackageName() : p.modelPackageGroupName() + "/" + p.modelPackageVersion();
            h.store.replace(ctx.accountId(), ctx.region(), PACKAGE, key, null,
                    updated.modelApprovalStatus() == null ? "Completed" : updated.modelApprovalStatusAsString(), h.write(updated));
            return UpdateModelPackageResponse.builder().modelPackageArn(p.modelPackageArn()).build();
        });
    }

    public DeleteModelPackageResponse deleteModelPackage(RequestContext ctx, DeleteModelPackageRequest req) {
        return HostingErrors.call(() -> {
            DescribeModelPackageResponse p = modelPackage(ctx, req.modelPackageName());
            String key = p.modelPackageVersion() == null ? p.modelPackageName() : p.modelPackageGroupName() + "/" + p.modelPackageVersion();
            h.store.delete(ctx.accountId(), ctx.region(), PACKAGE, key, p.modelPackageArn());
            return DeleteModelPackageResponse.builder().build();
        });
    }

    /** A group named by name or by ARN. */
    private static String nameOf(String nameOrArn) {
        return Arns.parse(nameOrArn).map(Arns.Parts::name).orElse(nameOrArn);
    }
}
