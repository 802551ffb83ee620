package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.lambda.domain.FunctionPolicy;
import io.haneul.lambda.domain.PermissionStatements;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemovePermissionResponse;

import static io.haneul.lambda.LambdaCalls.call;

/**
 * Lambda's API, resource policies: AddPermission, RemovePermission, GetPolicy (rules in {@link
 * PermissionService}): SDK shapes in and out. A part of {@link LambdaProvider}.
 */
public final class PolicyApi {

    private final PermissionService permissions;

    PolicyApi(PermissionService permissions) {
        this.permissions = permissions;
    }

    public AddPermissionResponse addPermission(RequestContext ctx, AddPermissionRequest r) {
        PermissionStatements.Grant grant = new PermissionStatements.Grant(r.statementId(), r.action(), r.principal(), r.sourceArn(),
                r.sourceAccount(), r.principalOrgID(), r.eventSourceToken(), r.functionUrlAuthTypeAsString(), r.invokedViaFunctionUrl());
        return AddPermissionResponse.builder().statement(call(() -> permissions.add(ctx.accountId(), ctx.region(), r.functionName(),
                r.qualifier(), grant, r.revisionId()))).build();
    }

    public RemovePermissionResponse removePermission(RequestContext ctx, RemovePermissionRequest r) {
        call(() -> {
            permissions.remove(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(), r.statementId(), r.revisionId());
            return null;
        });
        return RemovePermissionResponse.builder().build();
    }

    public GetPolicyResponse getPolicy(RequestContext ctx, GetPolicyRequest r) {
        FunctionPolicy p = call(() -> permissions.get(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier()));
        return GetPolicyResponse.builder().policy(p.statements()).revisionId(p.revisionId()).build();
    }
}
