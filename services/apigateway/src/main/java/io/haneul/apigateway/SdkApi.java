package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.model.GetSdkRequest;
import software.amazon.awssdk.services.apigateway.model.GetSdkResponse;
import software.amazon.awssdk.services.apigateway.model.GetSdkTypeRequest;
import software.amazon.awssdk.services.apigateway.model.GetSdkTypeResponse;
import software.amazon.awssdk.services.apigateway.model.GetSdkTypesRequest;
import software.amazon.awssdk.services.apigateway.model.GetSdkTypesResponse;

import static io.haneul.apigateway.ApiGatewayErrors.call;

/** SDK generation: SDK shapes in and out, rules in {@link SdkService}. A part of {@link ApiGatewayProvider}. */
public final class SdkApi {

    private final SdkService sdks;
    private final Documents docs;

    SdkApi(SdkService sdks, Documents docs) {
        this.sdks = sdks;
        this.docs = docs;
    }

    public GetSdkTypesResponse getSdkTypes(RequestContext ctx, GetSdkTypesRequest r) {
        return docs.page(call(() -> sdks.types(r.position(), r.limit())), GetSdkTypesResponse.class);
    }

    public GetSdkTypeResponse getSdkType(RequestContext ctx, GetSdkTypeRequest r) {
        return docs.read(call(() -> sdks.type(r.id())), GetSdkTypeResponse.class);
    }

    public GetSdkResponse getSdk(RequestContext ctx, GetSdkRequest r) {
        SdkService.Sdk sdk = call(() -> sdks.generate(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName(), r.sdkType(),
                r.parameters()));
        return GetSdkResponse.builder().contentType("application/octet-stream")
                .contentDisposition("attachment; filename=\"" + sdk.fileName() + "\"")
                .body(SdkBytes.fromByteArray(sdk.zip())).build();
    }
}
