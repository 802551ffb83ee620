package io.haneul.ses;

import io.haneul.core.engine.ExtendedResponse;
import io.haneul.core.engine.RequestContext;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.store.SesStore;
import software.amazon.awssdk.services.sesv2.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SES v2 tenants: named groups of resources (identities, configuration sets, templates) sent on behalf
 * of one customer of the account, each with its own id, ARN ({@code tenant/<name>/<id>}) and tags,
 * and the associations of resources with tenants. (Per-tenant suppression settings, which the SDK
 * Haneul is built with lacks, are {@link TenantSuppressionApi}'s.)
 */
public final class TenantApi {

    /** A stored tenant. */
    public static final class Tenant {
        public String name;
        public String id;
        public long createdMs;
        public String sendingStatus = "ENABLED";
        /** Set by PutTenantSuppressionAttributes ({@link TenantSuppressionApi}); null until then. */
        public List<String> suppressedReasons;
        public String suppressionScope;
    }

    /** A stored association of a resource with a tenant (name {@code <tenant> <arn>}). */
    public static final class Association {
        public String tenant;
        public String resourceArn;
        public String resourceType;
        public long associatedMs;
    }

    /** The resource types a tenant can hold, by the ARN's resource type. */
    private static final Map<String, String> TYPES = Map.of("identity", "EMAIL_IDENTITY", "configuration-set", "CONFIGURATION_SET",
            "template", "EMAIL_TEMPLATE");

    private final SesRuntime rt;
    private final ResourceTags tags;

    TenantApi(SesRuntime rt, ResourceTags tags) {
        this.rt = rt;
        this.tags = tags;
    }

    private static String arn(Scope s, Tenant t) {
        return s.arn("tenant/" + t.name + "/" + t.id);
    }

    Tenant require(Scope s, String name) {
        return rt.docs().get(s, Docs.TENANT, name, Tenant.class).orElseThrow(() -> missing(name));
    }

    static SesException missing(String name) {
        return SesException.notFound("InvalidParameterValue", "Tenant " + name + " does not exist.");
    }

    public CreateTenantResponse createTenant(RequestContext ctx, CreateTenantRequest r) {
        Scope s = Scope.of(ctx);
        if (r.tenantName() == null || !r.tenantName().matches("[A-Za-z0-9_-]{1,64}")) {
            throw SesException.invalid("Tenant name " + r.tenantName() + " is invalid: 1 to 64 alphanumeric ASCII characters, '_' and '-'.");
        }
        Tenant t = new Tenant();
        t.name = r.tenantName();
        t.id = "tn-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        t.createdMs = rt.clock().millis();
        if (r.hasTags()) {
            ResourceTags.check(r.tags());
        }
        boolean created = rt.store().db().write(c -> rt.docs().insert(c, s, Docs.TENANT, t.name, t, t.createdMs));
        if (!created) {
            throw SesException.exists("AlreadyExistsException", "Tenant " + t.name + " already exists.");
        }
        tags.put(s, arn(s, t), r.tags());
        return CreateTenantResponse.builder().tenantName(t.name).tenantId(t.id).tenantArn(arn(s, t))
                .createdTimestamp(Instant.ofEpochMilli(t.createdMs)).tags(tags.list(s, arn(s, t))).sendingStatus(t.sendingStatus).build();
    }

    /** The SDK's GetTenantResponse, with the suppression attributes its Tenant lacks ({@link TenantSuppressionApi}). */
    public ExtendedResponse getTenant(RequestContext ctx, GetTenantRequest r) {
        Scope s = Scope.of(ctx);
        Tenant t = require(s, r.tenantName());
        return new ExtendedResponse(GetTenantResponse.builder().tenant(x -> x.tenantName(t.name).tenantId(t.id).tenantArn(arn(s, t))
                .createdTimestamp(Instant.ofEpochMilli(t.createdMs)).tags(tags.list(s, arn(s, t))).sendingStatus(t.sendingStatus)).build(),
                TenantSuppressionApi.suppressionAttributes(t));
    }

    public ListTenantsResponse listTenants(RequestContext ctx, ListTenantsRequest r) {
        Scope s = Scope.of(ctx);
        List<Tenant> all = rt.docs().list(s, Docs.TENANT, Tenant.class);
        Paging.Page<Tenant> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListTenantsResponse.builder().tenants(page.items().stream().map(t -> TenantInfo.builder().tenantName(t.name).tenantId(t.id)
                .tenantArn(arn(s, t)).createdTimestamp(Instant.ofEpochMilli(t.createdMs)).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteTenantResponse deleteTenant(RequestContext ctx, DeleteTenantRequest r) {
        Scope s = Scope.of(ctx);
        Tenant t = require(s, r.tenantName());
        rt.store().db().write(c -> {
            for (SesStore.Doc d : rt.store().list(c, s.account(), s.region(), Docs.TENANT_RESOURCE)) {
                if (d.name().startsWith(t.name + " ")) {
                    rt.store().delete(c, s.account(), s.region(), Docs.TENANT_RESOURCE, d.name());
                }
            }
            return rt.store().delete(c, s.account(), s.region(), Docs.TENANT, t.name);
        });
        tags.drop(s, arn(s, t));
        return DeleteTenantResponse.builder().build();
    }

    /** The tenant resource type of an ARN of this account and region, or BadRequest/NotFound as SES answers. */
    private String resourceType(Scope s, String arn) {
        String prefix = "arn:aws:ses:" + s.region() + ":" + s.account() + ":";
        int slash = arn == null ? -1 : arn.indexOf('/', prefix.length());
        String type = arn == null || !arn.startsWith(prefix) || slash < 0 ? null : TYPES.get(arn.substring(prefix.length(), slash));
        if (type == null) {
            throw SesException.invalid("Resource " + arn + " cannot be associated with a tenant: only email identities, "
                    + "configuration sets and email templates of this account and region can.");
        }
        tags.requireExisting(s, arn);
        return type;
    }

    public CreateTenantResourceAssociationResponse createTenantResourceAssociation(RequestContext ctx,
                                                                                  CreateTenantResourceAssociationRequest r) {
        Scope s = Scope.of(ctx);
        require(s, r.tenantName());
        Association a = new Association();
        a.tenant = r.tenantName();
        a.resourceArn = r.resourceArn();
        a.resourceType = resourceType(s, r.resourceArn());
        a.associatedMs = rt.clock().millis();
        boolean created = rt.store().db().write(c -> rt.docs().insert(c, s, Docs.TENANT_RESOURCE, a.tenant + " " + a.resourceArn, a,
                a.associatedMs));
        if (!created) {
            throw SesException.exists("AlreadyExistsException", "Resource " + a.resourceArn + " is already associated with tenant "
                    + a.tenant + ".");
        }
        return CreateTenantResourceAssociationResponse.builder().build();
    }

    public DeleteTenantResourceAssociationResponse deleteTenantResourceAssociation(RequestContext ctx,
                                                                                  DeleteTenantResourceAssociationRequest r) {
        Scope s = Scope.of(ctx);
        require(s, r.tenantName());
        if (!rt.docs().delete(s, Docs.TENANT_RESOURCE, r.tenantName() + " " + r.resourceArn())) {
            throw SesException.notFound("InvalidParameterValue", "Resource " + r.resourceArn() + " is not associated with tenant "
                    + r.tenantName() + ".");
        }
        return DeleteTenantResourceAssociationResponse.builder().build();
    }

    List<Association> associations(Scope s) {
        return rt.docs().list(s, Docs.TENANT_RESOURCE, Association.class);
    }

    public ListTenantResourcesResponse listTenantResources(RequestContext ctx, ListTenantResourcesRequest r) {
        Scope s = Scope.of(ctx);
        require(s, r.tenantName());
        String type = r.filterAsStrings().get("RESOURCE_TYPE");
        List<Association> all = associations(s).stream().filter(a -> a.tenant.equals(r.tenantName()))
                .filter(a -> type == null || a.resourceType.equals(type)).toList();
        Paging.Page<Association> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListTenantResourcesResponse.builder().tenantResources(page.items().stream().map(a -> TenantResource.builder()
                .resourceArn(a.resourceArn).resourceType(a.resourceType).build()).toList()).nextToken(page.nextToken()).build();
    }

    public ListResourceTenantsResponse listResourceTenants(RequestContext ctx, ListResourceTenantsRequest r) {
        Scope s = Scope.of(ctx);
        tags.requireExisting(s, r.resourceArn());
        List<ResourceTenantMetadata> all = new ArrayList<>();
        for (Association a : associations(s)) {
            if (a.resourceArn.equals(r.resourceArn())) {
                Tenant t = require(s, a.tenant);
                all.add(ResourceTenantMetadata.builder().tenantName(t.name).tenantId(t.id).resourceArn(a.resourceArn)
                        .associatedTimestamp(Instant.ofEpochMilli(a.associatedMs)).build());
            }
        }
        Paging.Page<ResourceTenantMetadata> page = Paging.page(all, r.nextToken(), r.pageSize(), 100);
        return ListResourceTenantsResponse.builder().resourceTenants(page.items()).nextToken(page.nextToken()).build();
    }
}
