package io.haneul.apigateway.v2;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** Developer portals: create, read, update, publish, disable, preview, delete; the rules are in {@link PortalService}. */
public final class PortalApi {

    private final PortalService portals;
    private final V2Docs docs;

    PortalApi(PortalService portals, V2Docs docs) {
        this.portals = portals;
        this.docs = docs;
    }

    public CreatePortalResponse createPortal(RequestContext ctx, CreatePortalRequest r) {
        return docs.read(call(() -> portals.create(ctx.accountId(), ctx.region(), docs.tree(r))), CreatePortalResponse.class);
    }

    public GetPortalResponse getPortal(RequestContext ctx, GetPortalRequest r) {
        return docs.read(call(() -> portals.get(ctx.accountId(), ctx.region(), r.portalId())), GetPortalResponse.class);
    }

    public ListPortalsResponse listPortals(RequestContext ctx, ListPortalsRequest r) {
        return docs.page(call(() -> Paging.of(portals.list(ctx.accountId(), ctx.region()), r.nextToken(), r.maxResults())), ListPortalsResponse.class);
    }

    public UpdatePortalResponse updatePortal(RequestContext ctx, UpdatePortalRequest r) {
        return docs.read(call(() -> portals.update(ctx.accountId(), ctx.region(), r.portalId(), docs.tree(r))), UpdatePortalResponse.class);
    }

    public DeletePortalResponse deletePortal(RequestContext ctx, DeletePortalRequest r) {
        run(() -> portals.delete(ctx.accountId(), ctx.region(), r.portalId()));
        return DeletePortalResponse.builder().build();
    }

    public PublishPortalResponse publishPortal(RequestContext ctx, PublishPortalRequest r) {
        run(() -> portals.publish(ctx.accountId(), ctx.region(), r.portalId(), r.description()));
        return PublishPortalResponse.builder().build();
    }

    public DisablePortalResponse disablePortal(RequestContext ctx, DisablePortalRequest r) {
        run(() -> portals.disable(ctx.accountId(), ctx.region(), r.portalId()));
        return DisablePortalResponse.builder().build();
    }

    public PreviewPortalResponse previewPortal(RequestContext ctx, PreviewPortalRequest r) {
        run(() -> portals.preview(ctx.accountId(), ctx.region(), r.portalId()));
        return PreviewPortalResponse.builder().build();
    }
}
