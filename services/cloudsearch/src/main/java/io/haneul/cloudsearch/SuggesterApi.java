package io.haneul.cloudsearch;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.cloudsearch.model.DefineSuggesterRequest;
import software.amazon.awssdk.services.cloudsearch.model.DefineSuggesterResponse;
import software.amazon.awssdk.services.cloudsearch.model.DeleteSuggesterRequest;
import software.amazon.awssdk.services.cloudsearch.model.DeleteSuggesterResponse;
import software.amazon.awssdk.services.cloudsearch.model.DescribeSuggestersRequest;
import software.amazon.awssdk.services.cloudsearch.model.DescribeSuggestersResponse;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;
import software.amazon.awssdk.services.cloudsearch.model.SuggesterStatus;

import static io.haneul.cloudsearch.CloudSearchErrors.call;

/** DefineSuggester, DescribeSuggesters, DeleteSuggester. */
public final class SuggesterApi {

    private final OptionService options;

    SuggesterApi(OptionService options) {
        this.options = options;
    }

    public DefineSuggesterResponse defineSuggester(RequestContext ctx, DefineSuggesterRequest r) {
        return DefineSuggesterResponse.builder()
                .suggester(status(call(() -> options.defineSuggester(ctx.accountId(), ctx.region(), r.domainName(), r.suggester()))))
                .build();
    }

    public DescribeSuggestersResponse describeSuggesters(RequestContext ctx, DescribeSuggestersRequest r) {
        return DescribeSuggestersResponse.builder().suggesters(call(() -> options.describeSuggesters(ctx.accountId(), ctx.region(),
                r.domainName(), r.suggesterNames(), Boolean.TRUE.equals(r.deployed()))).stream().map(SuggesterApi::status).toList()).build();
    }

    public DeleteSuggesterResponse deleteSuggester(RequestContext ctx, DeleteSuggesterRequest r) {
        return DeleteSuggesterResponse.builder()
                .suggester(status(call(() -> options.deleteSuggester(ctx.accountId(), ctx.region(), r.domainName(), r.suggesterName()))))
                .build();
    }

    private static SuggesterStatus status(OptionService.Described<Suggester> d) {
        return SuggesterStatus.builder().options(d.options()).status(d.status()).build();
    }
}
