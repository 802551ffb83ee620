package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.lambda.domain.EventInvokeConfig;
import io.haneul.lambda.domain.ProvisionedConcurrency;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionEventInvokeConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionEventInvokeConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionEventInvokeConfigsResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsRequest;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigRequest;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigRequest;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.DeleteProvisionedConcurrencyConfigRequest;
import software.amazon.awssdk.services.lambda.model.DeleteProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsResponse;
import java.util.OptionalInt;
import java.util.List;

import static io.haneul.lambda.LambdaCalls.call;

/**
 * Lambda's API, asynchronous invocation (EventInvokeConfig) and concurrency (rules in {@link
 * AsyncConfigOperations}): SDK shapes in and out. A part of {@link LambdaProvider}.
 */
public final class AsyncConfigApi {

    private final AsyncConfigOperations asyncConfig;

    AsyncConfigApi(AsyncConfigOperations asyncConfig) {
        this.asyncConfig = asyncConfig;
    }

    public PutFunctionEventInvokeConfigResponse putFunctionEventInvokeConfig(RequestContext ctx, PutFunctionEventInvokeConfigRequest r) {
        EventInvokeConfig c = call(() -> asyncConfig.eventConfigs().put(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier(),
                AsyncConfigMapping.change(r.maximumRetryAttempts(), r.maximumEventAgeInSeconds(), r.destinationConfig())));
        return AsyncConfigMapping.into(AsyncConfigMapping.eventInvokeConfig(c), PutFunctionEventInvokeConfigResponse.builder()).build();
    }

    public UpdateFunctionEventInvokeConfigResponse updateFunctionEventInvokeConfig(RequestContext ctx,
                                                                                   UpdateFunctionEventInvokeConfigRequest r) {
        EventInvokeConfig c = call(() -> asyncConfig.eventConfigs().update(ctx.accountId(), ctx.region(), r.functionName(),
                r.qualifier(), AsyncConfigMapping.change(r.maximumRetryAttempts(), r.maximumEventAgeInSeconds(), r.destinationConfig())));
        return AsyncConfigMapping.into(AsyncConfigMapping.eventInvokeConfig(c), UpdateFunctionEventInvokeConfigResponse.builder()).build();
    }

    public GetFunctionEventInvokeConfigResponse getFunctionEventInvokeConfig(RequestContext ctx, GetFunctionEventInvokeConfigRequest r) {
        EventInvokeConfig c = call(() -> asyncConfig.eventConfigs().get(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier()));
        return AsyncConfigMapping.into(AsyncConfigMapping.eventInvokeConfig(c), GetFunctionEventInvokeConfigResponse.builder()).build();
    }

    public DeleteFunctionEventInvokeConfigResponse deleteFunctionEventInvokeConfig(RequestContext ctx,
                                                                                   DeleteFunctionEventInvokeConfigRequest r) {
        call(() -> {
            asyncConfig.eventConfigs().delete(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            return null;
        });
        return DeleteFunctionEventInvokeConfigResponse.builder().build();
    }

    /** Pages by qualifier; the marker is the last qualifier of the previous page, base64url. */
    public ListFunctionEventInvokeConfigsResponse listFunctionEventInvokeConfigs(RequestContext ctx, ListFunctionEventInvokeConfigsRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 50));
        String after = call(() -> Markers.unmark(r.marker()));
        List<EventInvokeConfig> page = call(() -> asyncConfig.eventConfigs().list(ctx.accountId(), ctx.region(), r.functionName(),
                after, max + 1));
        ListFunctionEventInvokeConfigsResponse.Builder b = ListFunctionEventInvokeConfigsResponse.builder()
                .functionEventInvokeConfigs(page.stream().limit(max).map(AsyncConfigMapping::eventInvokeConfig).toList());
        if (page.size() > max) {
            b.nextMarker(Markers.mark(page.get(max - 1).qualifier()));
        }
        return b.build();
    }

    public PutFunctionConcurrencyResponse putFunctionConcurrency(RequestContext ctx, PutFunctionConcurrencyRequest r) {
        int n = call(() -> asyncConfig.concurrency().put(ctx.accountId(), ctx.region(), r.functionName(), r.reservedConcurrentExecutions()));
        return PutFunctionConcurrencyResponse.builder().reservedConcurrentExecutions(n).build();
    }

    public GetFunctionConcurrencyResponse getFunctionConcurrency(RequestContext ctx, GetFunctionConcurrencyRequest r) {
        OptionalInt n = call(() -> asyncConfig.concurrency().get(ctx.accountId(), ctx.region(), r.functionName()));
        GetFunctionConcurrencyResponse.Builder b = GetFunctionConcurrencyResponse.builder();
        n.ifPresent(b::reservedConcurrentExecutions);
        return b.build();
    }

    public DeleteFunctionConcurrencyResponse deleteFunctionConcurrency(RequestContext ctx, DeleteFunctionConcurrencyRequest r) {
        call(() -> {
            asyncConfig.concurrency().delete(ctx.accountId(), ctx.region(), r.functionName());
            return null;
        });
        return DeleteFunctionConcurrencyResponse.builder().build();
    }

    /** The account's real limits here: {@code --lambda-concurrency-limit}, {@code --lambda-max-unzipped-bytes}, 50 MB zips. */
    public GetAccountSettingsResponse getAccountSettings(RequestContext ctx, GetAccountSettingsRequest r) {
        ConcurrencyService.AccountSettings a = asyncConfig.concurrency().accountSettings(ctx.accountId(), ctx.region());
        return GetAccountSettingsResponse.builder()
                .accountLimit(l -> l.concurrentExecutions(a.concurrentExecutions()).unreservedConcurrentExecutions((int) a.unreservedConcurrentExecutions())
                        .codeSizeZipped(ConcurrencyService.CODE_SIZE_ZIPPED).codeSizeUnzipped(a.codeSizeUnzipped())
                        .totalCodeSize(ConcurrencyService.TOTAL_CODE_SIZE))
                .accountUsage(u -> u.totalCodeSize(a.totalCodeSize()).functionCount(a.functionCount()))
                .build();
    }

    public PutProvisionedConcurrencyConfigResponse putProvisionedConcurrencyConfig(RequestContext ctx, PutProvisionedConcurrencyConfigRequest r) {
        ProvisionedConcurrency p = call(() -> asyncConfig.concurrency().putProvisioned(ctx.accountId(), ctx.region(), r.functionName(),
                r.qualifier(), r.provisionedConcurrentExecutions()));
        return AsyncConfigMapping.into(AsyncConfigMapping.provisioned(p), PutProvisionedConcurrencyConfigResponse.builder()).build();
    }

    public GetProvisionedConcurrencyConfigResponse getProvisionedConcurrencyConfig(RequestContext ctx, GetProvisionedConcurrencyConfigRequest r) {
        ProvisionedConcurrency p = call(() -> asyncConfig.concurrency().getProvisioned(ctx.accountId(), ctx.region(), r.functionName(),
                r.qualifier()));
        return AsyncConfigMapping.into(AsyncConfigMapping.provisioned(p), GetProvisionedConcurrencyConfigResponse.builder()).build();
    }

    public DeleteProvisionedConcurrencyConfigResponse deleteProvisionedConcurrencyConfig(RequestContext ctx,
                                                                                         DeleteProvisionedConcurrencyConfigRequest r) {
        call(() -> {
            asyncConfig.concurrency().deleteProvisioned(ctx.accountId(), ctx.region(), r.functionName(), r.qualifier());
            return null;
        });
        return DeleteProvisionedConcurrencyConfigResponse.builder().build();
    }

    public ListProvisionedConcurrencyConfigsResponse listProvisionedConcurrencyConfigs(RequestContext ctx,
                                                                                       ListProvisionedConcurrencyConfigsRequest r) {
        int max = r.maxItems() == null ? 50 : Math.max(1, Math.min(r.maxItems(), 50));
        String after = call(() -> Markers.unmark(r.marker()));
        List<ProvisionedConcurrency> page = call(() -> asyncConfig.concurrency().listProvisioned(ctx.accountId(), ctx.region(),
                r.functionName(), after, max + 1));
        ListProvisionedConcurrencyConfigsResponse.Builder b = ListProvisionedConcurrencyConfigsResponse.builder()
                .provisionedConcurrencyConfigs(page.stream().limit(max).map(AsyncConfigMapping::provisioned).toList());
        if (page.size() > max) {
            b.nextMarker(Markers.mark(page.get(max - 1).qualifier()));
        }
        return b.build();
    }
}
