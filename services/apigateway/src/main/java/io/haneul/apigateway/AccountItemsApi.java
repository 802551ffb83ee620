package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * Client certificates, VPC links and the account settings: SDK shapes in and out, rules in
 * {@link AccountItemsService}. A part of {@link ApiGatewayProvider}.
 */
public final class AccountItemsApi {

    private final AccountItemsService items;
    private final Documents docs;

    AccountItemsApi(AccountItemsService items, Documents docs) {
        this.items = items;
        this.docs = docs;
    }

    public GenerateClientCertificateResponse generateClientCertificate(RequestContext ctx, GenerateClientCertificateRequest r) {
        return docs.read(call(() -> items.generateCertificate(ctx.accountId(), ctx.region(), docs.tree(r))), GenerateClientCertificateResponse.class);
    }

    public GetClientCertificateResponse getClientCertificate(RequestContext ctx, GetClientCertificateRequest r) {
        return docs.read(call(() -> items.getCertificate(ctx.accountId(), ctx.region(), r.clientCertificateId())), GetClientCertificateResponse.class);
    }

    public GetClientCertificatesResponse getClientCertificates(RequestContext ctx, GetClientCertificatesRequest r) {
        return docs.page(call(() -> items.listCertificates(ctx.accountId(), ctx.region(), r.position(), r.limit())),
                GetClientCertificatesResponse.class);
    }

    public UpdateClientCertificateResponse updateClientCertificate(RequestContext ctx, UpdateClientCertificateRequest r) {
        return docs.read(call(() -> items.updateCertificate(ctx.accountId(), ctx.region(), r.clientCertificateId(),
                Documents.ops(r.patchOperations()))), UpdateClientCertificateResponse.class);
    }

    public DeleteClientCertificateResponse deleteClientCertificate(RequestContext ctx, DeleteClientCertificateRequest r) {
        run(() -> items.deleteCertificate(ctx.accountId(), ctx.region(), r.clientCertificateId()));
        return DeleteClientCertificateResponse.builder().build();
    }

    public CreateVpcLinkResponse createVpcLink(RequestContext ctx, CreateVpcLinkRequest r) {
        return docs.read(call(() -> items.createVpcLink(ctx.accountId(), ctx.region(), docs.tree(r))), CreateVpcLinkResponse.class);
    }

    public GetVpcLinkResponse getVpcLink(RequestContext ctx, GetVpcLinkRequest r) {
        return docs.read(call(() -> items.getVpcLink(ctx.accountId(), ctx.region(), r.vpcLinkId())), GetVpcLinkResponse.class);
    }

    public GetVpcLinksResponse getVpcLinks(RequestContext ctx, GetVpcLinksRequest r) {
        return docs.page(call(() -> items.listVpcLinks(ctx.accountId(), ctx.region(), r.position(), r.limit())), GetVpcLinksResponse.class);
    }

    public UpdateVpcLinkResponse updateVpcLink(RequestContext ctx, UpdateVpcLinkRequest r) {
        return docs.read(call(() -> items.updateVpcLink(ctx.accountId(), ctx.region(), r.vpcLinkId(), Documents.ops(r.patchOperations()))),
                UpdateVpcLinkResponse.class);
    }

    public DeleteVpcLinkResponse deleteVpcLink(RequestContext ctx, DeleteVpcLinkRequest r) {
        run(() -> items.deleteVpcLink(ctx.accountId(), ctx.region(), r.vpcLinkId()));
        return DeleteVpcLinkResponse.builder().build();
    }

    public GetAccountResponse getAccount(RequestContext ctx, GetAccountRequest r) {
        return docs.read(call(() -> items.getAccount(ctx.accountId(), ctx.region())), GetAccountResponse.class);
    }

    public UpdateAccountResponse updateAccount(RequestContext ctx, UpdateAccountRequest r) {
        return docs.read(call(() -> items.updateAccount(ctx.accountId(), ctx.region(), Documents.ops(r.patchOperations()))),
                UpdateAccountResponse.class);
    }
}
