package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.lambda.url.FunctionUrlConfig;
import io.haneul.lambda.url.FunctionUrlService;
import io.haneul.lambda.url.UrlTimes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionUrlConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionUrlConfigsResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigResponse;
import java.util.List;

import static io.haneul.lambda.LambdaCalls.call;

/**
 * Lambda's API, function URL configurations (rules in {@link FunctionUrlService}; the data plane is
 * FunctionUrlPlane): SDK shapes in and out. A part of {@link LambdaProvider}.
 */
public final class UrlApi {

    private final FunctionUrlService urls;

    UrlApi(FunctionUrlService urls) {
        this.urls = urls;
    }

    public CreateFunctionUrlConfigResponse createFunctionUrlConfig(RequestContext ctx, CreateFunctionUrlConfigRequest r) {
        FunctionUrlConfig url = call(() -> urls.create(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(),
                r.authTypeAsString(), FunctionUrlMapping.cors(r.cors()), r.invokeModeAsString()));
        return CreateFunctionUrlConfigResponse.builder().functionUrl(urls.functionUrl(url)).functionArn(url.functionArn())
                .authType(url.authType()).cors(FunctionUrlMapping.cors(url.cors())).invokeMode(url.invokeMode())
                .creationTime(UrlTimes.api(url.createdMicros())).build();
    }

    public GetFunctionUrlConfigResponse getFunctionUrlConfig(RequestContext ctx, GetFunctionUrlConfigRequest r) {
        FunctionUrlConfig url = call(() -> urls.get(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier()));
        return GetFunctionUrlConfigResponse.builder().functionUrl(urls.functionUrl(url)).functionArn(url.functionArn())
                .authType(url.authType()).cors(FunctionUrlMapping.cors(url.cors())).invokeMode(url.invokeMode())
                .creationTime(UrlTimes.api(url.createdMicros())).lastModifiedTime(UrlTimes.api(url.modifiedMicros())).build();
    }

    public UpdateFunctionUrlConfigResponse updateFunctionUrlConfig(RequestContext ctx, UpdateFunctionUrlConfigRequest r) {
        FunctionUrlConfig url = call(() -> urls.update(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(),
                r.authTypeAsString(), FunctionUrlMapping.cors(r.cors()), r.invokeModeAsString()));
        return UpdateFunctionUrlConfigResponse.builder().functionUrl(urls.functionUrl(url)).functionArn(url.functionArn())
                .authType(url.authType()).cors(FunctionUrlMapping.cors(url.cors())).invokeMode(url.invokeMode())
                .creationTime(UrlTimes.api(url.createdMicros())).lastModifiedTime(UrlTimes.api(url.modifiedMicros())).build();
    }

    public DeleteFunctionUrlConfigResponse deleteFunctionUrlConfig(RequestContext ctx, DeleteFunctionUrlConfigRequest r) {
        call(() -> {
            urls.delete(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            return null;
        });
        return DeleteFunctionUrlConfigResponse.builder().build();
    }

    /** Pages by qualifier; the marker is the last qualifier of the previous page, base64url. */
    public ListFunctionUrlConfigsResponse listFunctionUrlConfigs(RequestContext ctx, ListFunctionUrlConfigsRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 50));
        String from = call(() -> Markers.unmark(r.marker()));
        List<FunctionUrlConfig> page = call(() -> urls.list(ctx.accountId(), ctx.region(), r.functionName(), from, max + 1));
        ListFunctionUrlConfigsResponse.Builder b = ListFunctionUrlConfigsResponse.builder()
                .functionUrlConfigs(page.stream().limit(max).map(u -> FunctionUrlMapping.listed(u, urls.functionUrl(u))).toList());
        if (page.size() > max) {
            b.nextMarker(Markers.mark(page.get(max - 1).qualifier()));
        }
        return b.build();
    }
}
