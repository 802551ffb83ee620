package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Paging;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.List;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * Account-wide settings that have no effect on one machine and are stored as AWS returns them:
 * directory configs (Active Directory joins; the service account's password is kept but never
 * returned, as on AWS), the usage report subscription, and app license usage (none: Haneul streams
 * no license-included applications).
 */
public final class AccountApi {

    private final Catalog catalog;

    AccountApi(Catalog catalog) {
        this.catalog = catalog;
    }

    public CreateDirectoryConfigResponse createDirectoryConfig(RequestContext ctx, CreateDirectoryConfigRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            DirectoryConfig c = DirectoryConfig.builder().directoryName(r.directoryName())
                    .organizationalUnitDistinguishedNames(r.organizationalUnitDistinguishedNames())
                    .serviceAccountCredentials(r.serviceAccountCredentials()).certificateBasedAuthProperties(r.certificateBasedAuthProperties())
                    .createdTime(catalog.now()).build();
            if (!catalog.insert(s, Kinds.DIRECTORY_CONFIG, r.directoryName(), c)) {
                throw AppStreamException.exists("The directory config " + r.directoryName() + " already exists.");
            }
            return CreateDirectoryConfigResponse.builder().directoryConfig(withoutPassword(c)).build();
        });
    }

    public DescribeDirectoryConfigsResponse describeDirectoryConfigs(RequestContext ctx, DescribeDirectoryConfigsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<DirectoryConfig> picked = r.hasDirectoryNames() && !r.directoryNames().isEmpty()
                    ? r.directoryNames().stream().map(n -> config(s, n)).toList() : catalog.all(s, Kinds.DIRECTORY_CONFIG);
            Paging.Page<DirectoryConfig> page = Paging.page(picked, r.nextToken(), r.maxResults(), 25, DirectoryConfig::directoryName);
            return DescribeDirectoryConfigsResponse.builder().directoryConfigs(page.items().stream().map(AccountApi::withoutPassword).toList())
                    .nextToken(page.nextToken()).build();
        });
    }

    public UpdateDirectoryConfigResponse updateDirectoryConfig(RequestContext ctx, UpdateDirectoryConfigRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            DirectoryConfig.Builder b = config(s, r.directoryName()).toBuilder();
            if (r.hasOrganizationalUnitDistinguishedNames()) b.organizationalUnitDistinguishedNames(r.organizationalUnitDistinguishedNames());
            if (r.serviceAccountCredentials() != null) b.serviceAccountCredentials(r.serviceAccountCredentials());
            if (r.certificateBasedAuthProperties() != null) b.certificateBasedAuthProperties(r.certificateBasedAuthProperties());
            DirectoryConfig c = b.build();
            catalog.replace(s, Kinds.DIRECTORY_CONFIG, r.directoryName(), c);
            return UpdateDirectoryConfigResponse.builder().directoryConfig(withoutPassword(c)).build();
        });
    }

    public DeleteDirectoryConfigResponse deleteDirectoryConfig(RequestContext ctx, DeleteDirectoryConfigRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            config(s, r.directoryName());
            for (Fleet f : catalog.all(s, Kinds.FLEET)) {
                if (f.domainJoinInfo() != null && r.directoryName().equals(f.domainJoinInfo().directoryName())) {
                    throw AppStreamException.inUse("The directory config " + r.directoryName() + " is in use by fleet " + f.name() + ".");
                }
            }
            for (ImageBuilder b : catalog.all(s, Kinds.IMAGE_BUILDER)) {
                if (b.domainJoinInfo() != null && r.directoryName().equals(b.domainJoinInfo().directoryName())) {
                    throw AppStreamException.inUse("The directory config " + r.directoryName() + " is in use by image builder " + b.name() + ".");
                }
            }
            catalog.delete(s, Kinds.DIRECTORY_CONFIG, r.directoryName());
            return DeleteDirectoryConfigResponse.builder().build();
        });
    }

    public CreateUsageReportSubscriptionResponse createUsageReportSubscription(RequestContext ctx, CreateUsageReportSubscriptionRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            UsageReportSubscription sub = catalog.find(s, Kinds.USAGE_REPORT, "subscription").orElseGet(() -> {
                UsageReportSubscription created = UsageReportSubscription.builder()
                        .s3BucketName("appstream-logs-" + s.region() + "-" + s.account() + "-" + Long.toString(catalog.now().toEpochMilli(), 36))
                        .schedule("DAILY").subscriptionErrors(List.of()).build();
                catalog.insert(s, Kinds.USAGE_REPORT, "subscription", created);
                return created;
            });
            return CreateUsageReportSubscriptionResponse.builder().s3BucketName(sub.s3BucketName()).schedule(sub.scheduleAsString()).build();
        });
    }

    public DescribeUsageReportSubscriptionsResponse describeUsageReportSubscriptions(RequestContext ctx, DescribeUsageReportSubscriptionsRequest r) {
        return call(() -> DescribeUsageReportSubscriptionsResponse.builder()
                .usageReportSubscriptions(catalog.find(Scope.of(ctx), Kinds.USAGE_REPORT, "subscription").stream().toList()).build());
    }

    public DeleteUsageReportSubscriptionResponse deleteUsageReportSubscription(RequestContext ctx, DeleteUsageReportSubscriptionRequest r) {
        return call(() -> {
            if (!catalog.delete(Scope.of(ctx), Kinds.USAGE_REPORT, "subscription")) {
                throw AppStreamException.notFound("No usage report subscription exists.");
            }
            return DeleteUsageReportSubscriptionResponse.builder().build();
        });
    }

    public DescribeAppLicenseUsageResponse describeAppLicenseUsage(RequestContext ctx, DescribeAppLicenseUsageRequest r) {
        return call(() -> {
            if (r.billingPeriod() == null || !r.billingPeriod().matches("\\d{4}-\\d{2}")) {
                throw AppStreamException.combination("BillingPeriod must be given as YYYY-MM.");
            }
            return DescribeAppLicenseUsageResponse.builder().appLicenseUsages(List.of()).build();
        });
    }

    private DirectoryConfig config(Scope s, String name) {
        return catalog.find(s, Kinds.DIRECTORY_CONFIG, name)
                .orElseThrow(() -> AppStreamException.notFound("The directory config " + name + " could not be found."));
    }

    private static DirectoryConfig withoutPassword(DirectoryConfig c) {
        if (c.serviceAccountCredentials() == null) {
            return c;
        }
        return c.toBuilder().serviceAccountCredentials(ServiceAccountCredentials.builder()
                .accountName(c.serviceAccountCredentials().accountName()).build()).build();
    }
}
