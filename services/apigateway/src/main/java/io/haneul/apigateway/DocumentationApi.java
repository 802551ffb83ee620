package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;
import static io.haneul.apigateway.ApiGatewayErrors.run;

/**
 * Documentation parts and versions: SDK shapes in and out, rules in {@link DocumentationService}.
 * A part of {@link ApiGatewayProvider}.
 */
public final class DocumentationApi {

    private final DocumentationService documentation;
    private final Documents docs;

    DocumentationApi(DocumentationService documentation, Documents docs) {
        this.documentation = documentation;
        this.docs = docs;
    }

    public CreateDocumentationPartResponse createDocumentationPart(RequestContext ctx, CreateDocumentationPartRequest r) {
        return docs.read(call(() -> documentation.createPart(ctx.accountId(), ctx.region(), r.restApiId(), docs.tree(r))),
                CreateDocumentationPartResponse.class);
    }

    public GetDocumentationPartResponse getDocumentationPart(RequestContext ctx, GetDocumentationPartRequest r) {
        return docs.read(call(() -> documentation.getPart(ctx.accountId(), ctx.region(), r.restApiId(), r.documentationPartId())),
                GetDocumentationPartResponse.class);
    }

    public GetDocumentationPartsResponse getDocumentationParts(RequestContext ctx, GetDocumentationPartsRequest r) {
        return docs.page(call(() -> documentation.listParts(ctx.accountId(), ctx.region(), r.restApiId(), r.typeAsString(), r.nameQuery(),
                r.path(), r.position(), r.limit())), GetDocumentationPartsResponse.class);
    }

    public UpdateDocumentationPartResponse updateDocumentationPart(RequestContext ctx, UpdateDocumentationPartRequest r) {
        return docs.read(call(() -> documentation.updatePart(ctx.accountId(), ctx.region(), r.restApiId(), r.documentationPartId(),
                Documents.ops(r.patchOperations()))), UpdateDocumentationPartResponse.class);
    }

    public DeleteDocumentationPartResponse deleteDocumentationPart(RequestContext ctx, DeleteDocumentationPartRequest r) {
        run(() -> documentation.deletePart(ctx.accountId(), ctx.region(), r.restApiId(), r.documentationPartId()));
        return DeleteDocumentationPartResponse.builder().build();
    }

    public ImportDocumentationPartsResponse importDocumentationParts(RequestContext ctx, ImportDocumentationPartsRequest r) {
        return docs.read(call(() -> documentation.importParts(ctx.accountId(), ctx.region(), r.restApiId(),
                r.body() == null ? new byte[0] : r.body().asByteArrayUnsafe(), r.modeAsString(), Boolean.TRUE.equals(r.failOnWarnings()))),
                ImportDocumentationPartsResponse.class);
    }

    public CreateDocumentationVersionResponse createDocumentationVersion(RequestContext ctx, CreateDocumentationVersionRequest r) {
        return docs.read(call(() -> documentation.createVersion(ctx.accountId(), ctx.region(), r.restApiId(), docs.tree(r))),
                CreateDocumentationVersionResponse.class);
    }

    public GetDocumentationVersionResponse getDocumentationVersion(RequestContext ctx, GetDocumentationVersionRequest r) {
        return docs.read(call(() -> documentation.getVersion(ctx.accountId(), ctx.region(), r.restApiId(), r.documentationVersion())),
                GetDocumentationVersionResponse.class);
    }

    public GetDocumentationVersionsResponse getDocumentationVersions(RequestContext ctx, GetDocumentationVersionsRequest r) {
        return docs.page(call(() -> documentation.listVersions(ctx.accountId(), ctx.region(), r.restApiId(), r.position(), r.limit())),
                GetDocumentationVersionsResponse.class);
    }

    public UpdateDocumentationVersionResponse updateDocumentationVersion(RequestContext ctx, UpdateDocumentationVersionRequest r) {
        return docs.read(call(() -> documentation.updateVersion(ctx.accountId(), ctx.region(), r.restApiId(), r.documentationVersion(),
                Documents.ops(r.patchOperations()))), UpdateDocumentationVersionResponse.class);
    }

    public DeleteDocumentationVersionResponse deleteDocumentationVersion(RequestContext ctx, DeleteDocumentationVersionRequest r) {
        run(() -> documentation.deleteVersion(ctx.accountId(), ctx.region(), r.restApiId(), r.documentationVersion()));
        return DeleteDocumentationVersionResponse.builder().build();
    }
}
