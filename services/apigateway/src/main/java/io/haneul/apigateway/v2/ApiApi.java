package io.haneul.apigateway.v2;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigatewayv2.model.*;

import static io.haneul.apigateway.v2.V2Docs.call;
import static io.haneul.apigateway.v2.V2Docs.run;

/** APIs themselves and their CORS configuration; the rules are in {@link HttpApiService}. */
public final class ApiApi {

    private final HttpApiService apis;
    private final V2Docs docs;

    ApiApi(HttpApiService apis, V2Docs docs) {
        this.apis = apis;
        this.docs = docs;
    }

    public CreateApiResponse createApi(RequestContext ctx, CreateApiRequest r) {
        return docs.read(call(() -> apis.create(ctx.accountId(), ctx.region(), ctx.scheme(), endpointHost(ctx), docs.tree(r))),
                CreateApiResponse.class);
    }

    public GetApiResponse getApi(RequestContext ctx, GetApiRequest r) {
        return docs.read(call(() -> apis.get(ctx.accountId(), ctx.region(), r.apiId())), GetApiResponse.class);
    }

    public GetApisResponse getApis(RequestContext ctx, GetApisRequest r) {
        return docs.page(call(() -> Paging.of(apis.list(ctx.accountId(), ctx.region()), r.nextToken(), r.maxResults())), GetApisResponse.class);
    }

    public UpdateApiResponse updateApi(RequestContext ctx, UpdateApiRequest r) {
        return docs.read(call(() -> apis.update(ctx.accountId(), ctx.region(), r.apiId(), docs.tree(r))), UpdateApiResponse.class);
    }

    public DeleteApiResponse deleteApi(RequestContext ctx, DeleteApiRequest r) {
        run(() -> apis.delete(ctx.accountId(), ctx.region(), r.apiId()));
        return DeleteApiResponse.builder().build();
    }

    public DeleteCorsConfigurationResponse deleteCorsConfiguration(RequestContext ctx, DeleteCorsConfigurationRequest r) {
        run(() -> apis.deleteCors(ctx.accountId(), ctx.region(), r.apiId()));
        return DeleteCorsConfigurationResponse.builder().build();
    }

    /**
     * The API's endpoint host: {@code {apiId}.execute-api.localhost.localstack.cloud:{port}} shape of
     * the REST plane's host form, i.e. {@code execute-api.} followed by the host clients reach Haneul on
     * (with {@code localhost} kept as is, which resolves to the loopback on most systems).
     */
    private static String endpointHost(RequestContext ctx) {
        return ctx.host() == null || ctx.host().isEmpty() ? "localhost:4566" : ctx.host();
    }
}
