package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/**
 * VPC links: stored with their subnets and security groups and reported {@code AVAILABLE} at once
 * (Haneul has no VPCs to attach to; a link is only a name an integration can refer to).
 */
public final class VpcLinkApi {

    static final String VPC_LINK = "vpcLink";

    private final V2Items items;
    private final V2Docs docs;

    VpcLinkApi(V2Items items, V2Docs docs) {
        this.items = items;
        this.docs = docs;
    }

    public CreateVpcLinkResponse createVpcLink(RequestContext ctx, CreateVpcLinkRequest r) {
        return docs.read(call(() -> {
            ObjectNode in = docs.tree(r);
            V2Items.require(in, "name", "Name is required");
            if (in.path("subnetIds").isEmpty()) {
                throw ApiGatewayException.badRequest("SubnetIds is required");
            }
            String id = items.childId() + items.childId().substring(0, 1);
            ObjectNode doc = in.objectNode().put("vpcLinkId", id);
            doc.setAll(in);
            doc.put("createdDate", items.now());
            doc.put("vpcLinkStatus", "AVAILABLE");
            doc.put("vpcLinkStatusMessage", "VPC link is ready to route traffic");
            doc.put("vpcLinkVersion", "V2");
            if (!doc.has("securityGroupIds")) {
                doc.putArray("securityGroupIds");
            }
            V2Items.tags(doc);
            items.insert(VPC_LINK, V2Items.owner(ctx.accountId(), ctx.region()), id, doc, "VPC link exists");
            return doc;
        }), CreateVpcLinkResponse.class);
    }

    public GetVpcLinkResponse getVpcLink(RequestContext ctx, GetVpcLinkRequest r) {
        return docs.read(call(() -> get(ctx, r.vpcLinkId())), GetVpcLinkResponse.class);
    }

    public GetVpcLinksResponse getVpcLinks(RequestContext ctx, GetVpcLinksRequest r) {
        return docs.page(call(() -> Paging.of(items.list(VPC_LINK, V2Items.owner(ctx.accountId(), ctx.region())), r.nextToken(), r.maxResults())),
                GetVpcLinksResponse.class);
    }

    public UpdateVpcLinkResponse updateVpcLink(RequestContext ctx, UpdateVpcLinkRequest r) {
        return docs.read(call(() -> {
            ObjectNode doc = V2Items.merge(get(ctx, r.vpcLinkId()), docs.tree(r));
            items.replace(VPC_LINK, V2Items.owner(ctx.accountId(), ctx.region()), r.vpcLinkId(), doc);
            return doc;
        }), UpdateVpcLinkResponse.class);
    }

    public DeleteVpcLinkResponse deleteVpcLink(RequestContext ctx, DeleteVpcLinkRequest r) {
        run(() -> {
            get(ctx, r.vpcLinkId());
            items.store().delete(VPC_LINK, V2Items.owner(ctx.accountId(), ctx.region()), r.vpcLinkId());
        });
        return DeleteVpcLinkResponse.builder().build();
    }

    private ObjectNode get(RequestContext ctx, String id) {
        return items.get(VPC_LINK, V2Items.owner(ctx.accountId(), ctx.region()), id, "VpcLink");
    }
}
