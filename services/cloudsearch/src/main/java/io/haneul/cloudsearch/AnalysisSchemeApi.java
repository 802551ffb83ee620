package io.haneul.cloudsearch;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.cloudsearch.model.DefineAnalysisSchemeRequest;
import software.amazon.awssdk.services.cloudsearch.model.DefineAnalysisSchemeResponse;
import software.amazon.awssdk.services.cloudsearch.model.DeleteAnalysisSchemeRequest;
import software.amazon.awssdk.services.cloudsearch.model.DeleteAnalysisSchemeResponse;
import software.amazon.awssdk.services.cloudsearch.model.DescribeAnalysisSchemesRequest;
import software.amazon.awssdk.services.cloudsearch.model.DescribeAnalysisSchemesResponse;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisSchemeStatus;

import static io.haneul.cloudsearch.CloudSearchErrors.call;

/** DefineAnalysisScheme, DescribeAnalysisSchemes, DeleteAnalysisScheme. */
public final class AnalysisSchemeApi {

    private final OptionService options;

    AnalysisSchemeApi(OptionService options) {
        this.options = options;
    }

    public DefineAnalysisSchemeResponse defineAnalysisScheme(RequestContext ctx, DefineAnalysisSchemeRequest r) {
        return DefineAnalysisSchemeResponse.builder()
                .analysisScheme(status(call(() -> options.defineAnalysisScheme(ctx.accountId(), ctx.region(), r.domainName(), r.analysisScheme()))))
                .build();
    }

    public DescribeAnalysisSchemesResponse describeAnalysisSchemes(RequestContext ctx, DescribeAnalysisSchemesRequest r) {
        return DescribeAnalysisSchemesResponse.builder().analysisSchemes(call(() -> options.describeAnalysisSchemes(ctx.accountId(), ctx.region(),
                r.domainName(), r.analysisSchemeNames(), Boolean.TRUE.equals(r.deployed()))).stream().map(AnalysisSchemeApi::status).toList()).build();
    }

    public DeleteAnalysisSchemeResponse deleteAnalysisScheme(RequestContext ctx, DeleteAnalysisSchemeRequest r) {
        return DeleteAnalysisSchemeResponse.builder()
                .analysisScheme(status(call(() -> options.deleteAnalysisScheme(ctx.accountId(), ctx.region(), r.domainName(), r.analysisSchemeName()))))
                .build();
    }

    private static AnalysisSchemeStatus status(OptionService.Described<AnalysisScheme> d) {
        return AnalysisSchemeStatus.builder().options(d.options()).status(d.status()).build();
    }
}
