package io.haneul.apigateway;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.model.*;

import static io.haneul.apigateway.ApiGatewayErrors.call;

/**
 * ImportRestApi, PutRestApi and GetExport: OpenAPI documents in and out (rules in {@link ImportService}
 * and {@link ExportService}). A part of {@link ApiGatewayProvider}.
 */
public final class ImportExportApi {

    private final ImportService imports;
    private final ExportService exports;
    private final Documents docs;

    ImportExportApi(ImportService imports, ExportService exports, Documents docs) {
        this.imports = imports;
        this.exports = exports;
        this.docs = docs;
    }

    public ImportRestApiResponse importRestApi(RequestContext ctx, ImportRestApiRequest r) {
        return docs.read(call(() -> imports.importApi(ctx.accountId(), ctx.region(), bytes(r.body()), r.parameters(),
                Boolean.TRUE.equals(r.failOnWarnings()))), ImportRestApiResponse.class);
    }

    public PutRestApiResponse putRestApi(RequestContext ctx, PutRestApiRequest r) {
        return docs.read(call(() -> imports.putApi(ctx.accountId(), ctx.region(), r.restApiId(), r.modeAsString(), bytes(r.body()),
                r.parameters(), Boolean.TRUE.equals(r.failOnWarnings()))), PutRestApiResponse.class);
    }

    public GetExportResponse getExport(RequestContext ctx, GetExportRequest r) {
        ExportService.Export export = call(() -> exports.export(ctx.accountId(), ctx.region(), r.restApiId(), r.stageName(),
                r.exportType(), r.parameters().get("extensions"), r.accepts()));
        return GetExportResponse.builder().contentType(export.contentType())
                .contentDisposition("attachment; filename=\"" + export.fileName() + "\"")
                .body(SdkBytes.fromByteArray(export.body())).build();
    }

    private static byte[] bytes(SdkBytes body) {
        return body == null ? new byte[0] : body.asByteArrayUnsafe();
    }
}
