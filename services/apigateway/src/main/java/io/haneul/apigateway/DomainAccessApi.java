package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.CreateDomainNameAccessAssociationRequest;
import software.amazon.awssdk.services.apigateway.model.CreateDomainNameAccessAssociationResponse;
import software.amazon.awssdk.services.apigateway.model.DeleteDomainNameAccessAssociationRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteDomainNameAccessAssociationResponse;
import software.amazon.awssdk.services.apigateway.model.GetDomainNameAccessAssociationsRequest;
import software.amazon.awssdk.services.apigateway.model.GetDomainNameAccessAssociationsResponse;
import software.amazon.awssdk.services.apigateway.model.RejectDomainNameAccessAssociationRequest;
import software.amazon.awssdk.services.apigateway.model.RejectDomainNameAccessAssociationResponse;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/** Domain name access associations: SDK shapes in and out, rules in {@link DomainAccessService}. A part of {@link ApiGatewayProvider}. */
public final class DomainAccessApi {

    private final DomainAccessService associations;
    private final Documents docs;

    DomainAccessApi(DomainAccessService associations, Documents docs) {
        this.associations = associations;
        this.docs = docs;
    }

    public CreateDomainNameAccessAssociationResponse createDomainNameAccessAssociation(RequestContext ctx,
                                                                                       CreateDomainNameAccessAssociationRequest r) {
        return docs.read(call(() -> associations.create(ctx.accountId(), ctx.region(), docs.tree(r))),
                CreateDomainNameAccessAssociationResponse.class);
    }

    public GetDomainNameAccessAssociationsResponse getDomainNameAccessAssociations(RequestContext ctx, GetDomainNameAccessAssociationsRequest r) {
        return docs.page(call(() -> associations.list(ctx.accountId(), ctx.region(), r.resourceOwnerAsString(), r.position(), r.limit())),
                GetDomainNameAccessAssociationsResponse.class);
    }

    public RejectDomainNameAccessAssociationResponse rejectDomainNameAccessAssociation(RequestContext ctx,
                                                                                       RejectDomainNameAccessAssociationRequest r) {
        run(() -> associations.reject(ctx.accountId(), ctx.region(), r.domainNameAccessAssociationArn(), r.domainNameArn()));
        return RejectDomainNameAccessAssociationResponse.builder().build();
    }

    public DeleteDomainNameAccessAssociationResponse deleteDomainNameAccessAssociation(RequestContext ctx,
                                                                                       DeleteDomainNameAccessAssociationRequest r) {
        run(() -> associations.delete(ctx.accountId(), ctx.region(), r.domainNameAccessAssociationArn()));
        return DeleteDomainNameAccessAssociationResponse.builder().build();
    }
}
