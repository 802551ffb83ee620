package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Paging;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.List;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * Entitlements: which applications of a stack users with given SAML attributes may launch, stored per
 * stack with the applications they name. Haneul's users come with a streaming URL (API authentication),
 * not SAML, so entitlements are kept for the tools that manage them and not applied to sessions.
 */
public final class EntitlementApi {

    private final Catalog catalog;
    private final StackApi stacks;

    EntitlementApi(Catalog catalog, StackApi stacks) {
        this.catalog = catalog;
        this.stacks = stacks;
    }

    static String key(String stack, String name) {
        return stack + "/" + name;
    }

    public CreateEntitlementResponse createEntitlement(RequestContext ctx, CreateEntitlementRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            stacks.stack(s, r.stackName());
            Entitlement e = Entitlement.builder().name(r.name()).stackName(r.stackName()).description(r.description())
                    .appVisibility(r.appVisibilityAsString()).attributes(r.attributes()).createdTime(catalog.now())
                    .lastModifiedTime(catalog.now()).build();
            if (!catalog.insert(s, Kinds.ENTITLEMENT, key(r.stackName(), r.name()), e)) {
                throw new AppStreamException("EntitlementAlreadyExistsException", "The entitlement " + r.name() + " already exists.");
            }
            return CreateEntitlementResponse.builder().entitlement(e).build();
        });
    }

    public DescribeEntitlementsResponse describeEntitlements(RequestContext ctx, DescribeEntitlementsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            stacks.stack(s, r.stackName());
            List<Entitlement> list = r.name() != null ? List.of(entitlement(s, r.stackName(), r.name()))
                    : catalog.all(s, Kinds.ENTITLEMENT).stream().filter(e -> r.stackName().equals(e.stackName())).toList();
            Paging.Page<Entitlement> page = Paging.page(list, r.nextToken(), r.maxResults(), 25, Entitlement::name);
            return DescribeEntitlementsResponse.builder().entitlements(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public UpdateEntitlementResponse updateEntitlement(RequestContext ctx, UpdateEntitlementRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Entitlement.Builder b = entitlement(s, r.stackName(), r.name()).toBuilder();
            if (r.description() != null) b.description(r.description());
            if (r.appVisibilityAsString() != null) b.appVisibility(r.appVisibilityAsString());
            if (r.hasAttributes()) b.attributes(r.attributes());
            Entitlement e = b.lastModifiedTime(catalog.now()).build();
            catalog.replace(s, Kinds.ENTITLEMENT, key(r.stackName(), r.name()), e);
            return UpdateEntitlementResponse.builder().entitlement(e).build();
        });
    }

    public DeleteEntitlementResponse deleteEntitlement(RequestContext ctx, DeleteEntitlementRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            entitlement(s, r.stackName(), r.name());
            catalog.delete(s, Kinds.ENTITLEMENT, key(r.stackName(), r.name()));
            catalog.links().forget(s.account(), s.region(), Kinds.ENTITLEMENT_APP, key(r.stackName(), r.name()), true);
            return DeleteEntitlementResponse.builder().build();
        });
    }

    public AssociateApplicationToEntitlementResponse associateApplicationToEntitlement(RequestContext ctx,
                                                                                      AssociateApplicationToEntitlementRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            entitlement(s, r.stackName(), r.entitlementName());
            catalog.links().put(s.account(), s.region(), Kinds.ENTITLEMENT_APP, key(r.stackName(), r.entitlementName()),
                    r.applicationIdentifier(), null);
            return AssociateApplicationToEntitlementResponse.builder().build();
        });
    }

    public DisassociateApplicationFromEntitlementResponse disassociateApplicationFromEntitlement(RequestContext ctx,
                                                                                                DisassociateApplicationFromEntitlementRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            entitlement(s, r.stackName(), r.entitlementName());
            if (!catalog.links().delete(s.account(), s.region(), Kinds.ENTITLEMENT_APP, key(r.stackName(), r.entitlementName()),
                    r.applicationIdentifier())) {
                throw AppStreamException.notFound("The application " + r.applicationIdentifier() + " is not associated with entitlement "
                        + r.entitlementName() + ".");
            }
            return DisassociateApplicationFromEntitlementResponse.builder().build();
        });
    }

    public ListEntitledApplicationsResponse listEntitledApplications(RequestContext ctx, ListEntitledApplicationsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            entitlement(s, r.stackName(), r.entitlementName());
            List<EntitledApplication> apps = catalog.links().byA(s.account(), s.region(), Kinds.ENTITLEMENT_APP,
                    key(r.stackName(), r.entitlementName())).stream()
                    .map(l -> EntitledApplication.builder().applicationIdentifier(l.b()).build()).toList();
            Paging.Page<EntitledApplication> page = Paging.page(apps, r.nextToken(), r.maxResults(), 25, EntitledApplication::applicationIdentifier);
            return ListEntitledApplicationsResponse.builder().entitledApplications(page.items()).nextToken(page.nextToken()).build();
        });
    }

    private Entitlement entitlement(Scope s, String stack, String name) {
        stacks.stack(s, stack);
        return catalog.find(s, Kinds.ENTITLEMENT, key(stack, name))
                .orElseThrow(() -> new AppStreamException("EntitlementNotFoundException", "The entitlement " + name + " could not be found."));
    }
}
