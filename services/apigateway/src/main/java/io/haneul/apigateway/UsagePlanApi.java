package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/** API Gateway's usage plans, their keys and usage: SDK shapes in and out, rules in {@link UsagePlanService}. A part of {@link ApiGatewayProvider}. */
public final class UsagePlanApi {

    private final UsagePlanService plans;
    private final Documents docs;

    UsagePlanApi(UsagePlanService plans, Documents docs) {
        this.plans = plans;
        this.docs = docs;
    }

    public CreateUsagePlanResponse createUsagePlan(RequestContext ctx, CreateUsagePlanRequest r) {
        return docs.read(call(() -> plans.create(ctx.accountId(), ctx.region(), docs.tree(r))), CreateUsagePlanResponse.class);
    }

    public GetUsagePlanResponse getUsagePlan(RequestContext ctx, GetUsagePlanRequest r) {
        return docs.read(call(() -> plans.get(ctx.accountId(), ctx.region(), r.usagePlanId())), GetUsagePlanResponse.class);
    }

    public GetUsagePlansResponse getUsagePlans(RequestContext ctx, GetUsagePlansRequest r) {
        return docs.page(call(() -> plans.list(ctx.accountId(), ctx.region(), r.keyId(), r.position(), r.limit())),
                GetUsagePlansResponse.class);
    }

    public UpdateUsagePlanResponse updateUsagePlan(RequestContext ctx, UpdateUsagePlanRequest r) {
        return docs.read(call(() -> plans.update(ctx.accountId(), ctx.region(), r.usagePlanId(), Documents.ops(r.patchOperations()))),
                UpdateUsagePlanResponse.class);
    }

    public DeleteUsagePlanResponse deleteUsagePlan(RequestContext ctx, DeleteUsagePlanRequest r) {
        run(() -> plans.delete(ctx.accountId(), ctx.region(), r.usagePlanId()));
        return DeleteUsagePlanResponse.builder().build();
    }

    // usage plan keys

    public CreateUsagePlanKeyResponse createUsagePlanKey(RequestContext ctx, CreateUsagePlanKeyRequest r) {
        return docs.read(call(() -> plans.addKey(ctx.accountId(), ctx.region(), r.usagePlanId(), r.keyId(), r.keyType())),
                CreateUsagePlanKeyResponse.class);
    }

    public GetUsagePlanKeyResponse getUsagePlanKey(RequestContext ctx, GetUsagePlanKeyRequest r) {
        return docs.read(call(() -> plans.getKey(ctx.accountId(), ctx.region(), r.usagePlanId(), r.keyId())), GetUsagePlanKeyResponse.class);
    }

    public GetUsagePlanKeysResponse getUsagePlanKeys(RequestContext ctx, GetUsagePlanKeysRequest r) {
        return docs.page(call(() -> plans.listKeys(ctx.accountId(), ctx.region(), r.usagePlanId(), r.nameQuery(), r.position(), r.limit())),
                GetUsagePlanKeysResponse.class);
    }

    public DeleteUsagePlanKeyResponse deleteUsagePlanKey(RequestContext ctx, DeleteUsagePlanKeyRequest r) {
        run(() -> plans.deleteKey(ctx.accountId(), ctx.region(), r.usagePlanId(), r.keyId()));
        return DeleteUsagePlanKeyResponse.builder().build();
    }

    // usage

    public GetUsageResponse getUsage(RequestContext ctx, GetUsageRequest r) {
        return docs.read(call(() -> plans.usage(ctx.accountId(), ctx.region(), r.usagePlanId(), r.keyId(), r.startDate(), r.endDate(),
                r.position(), r.limit())),
                GetUsageResponse.class);
    }

    public UpdateUsageResponse updateUsage(RequestContext ctx, UpdateUsageRequest r) {
        return docs.read(call(() -> plans.updateUsage(ctx.accountId(), ctx.region(), r.usagePlanId(), r.keyId(),
                Documents.ops(r.patchOperations()))), UpdateUsageResponse.class);
    }
}
