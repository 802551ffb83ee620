package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * API Gateway's request validators: SDK shapes in and out, rules in {@link RequestValidatorService}. A part of {@link ApiGatewayProvider}.
 */
public final class RequestValidatorApi {

    private final RequestValidatorService validators;
    private final Documents docs;

    RequestValidatorApi(RequestValidatorService validators, Documents docs) {
        this.validators = validators;
        this.docs = docs;
    }

    public CreateRequestValidatorResponse createRequestValidator(RequestContext ctx, CreateRequestValidatorRequest r) {
        return docs.read(call(() -> validators.create(ctx.accountId(), ctx.region(), r.restApiId(), docs.tree(r))),
                CreateRequestValidatorResponse.class);
    }

    public GetRequestValidatorResponse getRequestValidator(RequestContext ctx, GetRequestValidatorRequest r) {
        return docs.read(call(() -> validators.get(ctx.accountId(), ctx.region(), r.restApiId(), r.requestValidatorId())),
                GetRequestValidatorResponse.class);
    }

    public GetRequestValidatorsResponse getRequestValidators(RequestContext ctx, GetRequestValidatorsRequest r) {
        return docs.page(call(() -> validators.list(ctx.accountId(), ctx.region(), r.restApiId(), r.position(), r.limit())),
                GetRequestValidatorsResponse.class);
    }

    public UpdateRequestValidatorResponse updateRequestValidator(RequestContext ctx, UpdateRequestValidatorRequest r) {
        return docs.read(call(() -> validators.update(ctx.accountId(), ctx.region(), r.restApiId(), r.requestValidatorId(),
                Documents.ops(r.patchOperations()))), UpdateRequestValidatorResponse.class);
    }

    public DeleteRequestValidatorResponse deleteRequestValidator(RequestContext ctx, DeleteRequestValidatorRequest r) {
        run(() -> validators.delete(ctx.accountId(), ctx.region(), r.restApiId(), r.requestValidatorId()));
        return DeleteRequestValidatorResponse.builder().build();
    }
}
