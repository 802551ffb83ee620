package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import java.nio.charset.StandardCharsets;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/** API Gateway's API keys: SDK shapes in and out, rules in {@link ApiKeyService}. A part of {@link ApiGatewayProvider}. */
public final class ApiKeyApi {

    private final ApiKeyService keys;
    private final Documents docs;

    ApiKeyApi(ApiKeyService keys, Documents docs) {
        this.keys = keys;
        this.docs = docs;
    }

    public CreateApiKeyResponse createApiKey(RequestContext ctx, CreateApiKeyRequest r) {
        return docs.read(call(() -> keys.create(ctx.accountId(), ctx.region(), docs.tree(r))), CreateApiKeyResponse.class);
    }

    public GetApiKeyResponse getApiKey(RequestContext ctx, GetApiKeyRequest r) {
        return docs.read(call(() -> keys.get(ctx.accountId(), ctx.region(), r.apiKey(), Boolean.TRUE.equals(r.includeValue()))),
                GetApiKeyResponse.class);
    }

    public GetApiKeysResponse getApiKeys(RequestContext ctx, GetApiKeysRequest r) {
        return docs.page(call(() -> keys.list(ctx.accountId(), ctx.region(), r.nameQuery(), r.customerId(),
                Boolean.TRUE.equals(r.includeValues()), r.position(), r.limit())), GetApiKeysResponse.class);
    }

    public UpdateApiKeyResponse updateApiKey(RequestContext ctx, UpdateApiKeyRequest r) {
        return docs.read(call(() -> keys.update(ctx.accountId(), ctx.region(), r.apiKey(), Documents.ops(r.patchOperations()))),
                UpdateApiKeyResponse.class);
    }

    public DeleteApiKeyResponse deleteApiKey(RequestContext ctx, DeleteApiKeyRequest r) {
        run(() -> keys.delete(ctx.accountId(), ctx.region(), r.apiKey()));
        return DeleteApiKeyResponse.builder().build();
    }

    public ImportApiKeysResponse importApiKeys(RequestContext ctx, ImportApiKeysRequest r) {
        String csv = r.body() == null ? "" : new String(r.body().asByteArray(), StandardCharsets.UTF_8);
        ApiKeyService.Imported out = call(() -> keys.importKeys(ctx.accountId(), ctx.region(), r.formatAsString(), csv,
                Boolean.TRUE.equals(r.failOnWarnings())));
        return ImportApiKeysResponse.builder().ids(out.ids()).warnings(out.warnings()).build();
    }
}
