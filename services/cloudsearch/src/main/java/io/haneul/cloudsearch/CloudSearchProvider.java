package io.haneul.cloudsearch;

import io.haneul.cloudsearch.engine.DomainDirectory;
import io.haneul.core.engine.ProviderParts;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.cloudsearch.model.BuildSuggestersRequest;
import software.amazon.awssdk.services.cloudsearch.model.BuildSuggestersResponse;
import software.amazon.awssdk.services.cloudsearch.model.CreateDomainRequest;
import software.amazon.awssdk.services.cloudsearch.model.CreateDomainResponse;
import software.amazon.awssdk.services.cloudsearch.model.DeleteDomainRequest;
import software.amazon.awssdk.services.cloudsearch.model.DeleteDomainResponse;
import software.amazon.awssdk.services.cloudsearch.model.DescribeDomainsRequest;
import software.amazon.awssdk.services.cloudsearch.model.DescribeDomainsResponse;
import software.amazon.awssdk.services.cloudsearch.model.IndexDocumentsRequest;
import software.amazon.awssdk.services.cloudsearch.model.IndexDocumentsResponse;
import software.amazon.awssdk.services.cloudsearch.model.ListDomainNamesRequest;
import software.amazon.awssdk.services.cloudsearch.model.ListDomainNamesResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.haneul.cloudsearch.CloudSearchErrors.call;

/**
 * The configuration API (cloudsearch-2013-01-01): the provider answers the domain operations itself
 * and hands the options to its parts ({@link ProviderParts}); SDK shapes in and out, rules in the
 * services. {@link #directory()} is what the domains' document and search endpoints ask.
 */
@ProviderParts.Types({IndexFieldApi.class, AnalysisSchemeApi.class, ExpressionApi.class, SuggesterApi.class, SettingsApi.class})
public final class CloudSearchProvider implements ProviderParts, AutoCloseable {

    private final DomainService domains;
    private final DomainDirectory directory;
    private final List<Object> parts;
    private final AutoCloseable searchSide;

    CloudSearchProvider(DomainService domains, OptionService options, SettingsService settings, DomainDirectory directory) {
        this(domains, options, settings, directory, () -> { });
    }

    /** @param searchSide closed with the provider: the search engine, whose indexes commit on close */
    CloudSearchProvider(DomainService domains, OptionService options, SettingsService settings, DomainDirectory directory,
                        AutoCloseable searchSide) {
        this.searchSide = searchSide;
        this.domains = domains;
        this.directory = directory;
        this.parts = List.of(new IndexFieldApi(options), new AnalysisSchemeApi(options), new ExpressionApi(options),
                new SuggesterApi(options), new SettingsApi(settings));
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }

    @Override
    public void close() throws Exception {
        searchSide.close();
    }

    /** Endpoint id to domain and current configuration, for the document and search endpoints. */
    public DomainDirectory directory() {
        return directory;
    }

    public CreateDomainResponse createDomain(RequestContext ctx, CreateDomainRequest r) {
        return CreateDomainResponse.builder()
                .domainStatus(call(() -> domains.create(ctx.accountId(), ctx.region(), r.domainName(), ctx.host()))).build();
    }

    public DescribeDomainsResponse describeDomains(RequestContext ctx, DescribeDomainsRequest r) {
        return DescribeDomainsResponse.builder()
                .domainStatusList(call(() -> domains.describe(ctx.accountId(), ctx.region(), r.domainNames(), ctx.host()))).build();
    }

    public DeleteDomainResponse deleteDomain(RequestContext ctx, DeleteDomainRequest r) {
        return DeleteDomainResponse.builder()
                .domainStatus(call(() -> domains.delete(ctx.accountId(), ctx.region(), r.domainName(), ctx.host())).orElse(null)).build();
    }

    public ListDomainNamesResponse listDomainNames(RequestContext ctx, ListDomainNamesRequest r) {
        Map<String, String> names = new LinkedHashMap<>();
        domains.names(ctx.accountId(), ctx.region()).forEach(n -> names.put(n, "2013-01-01"));
        return ListDomainNamesResponse.builder().domainNames(names).build();
    }

    public IndexDocumentsResponse indexDocuments(RequestContext ctx, IndexDocumentsRequest r) {
        return IndexDocumentsResponse.builder()
                .fieldNames(call(() -> domains.indexDocuments(ctx.accountId(), ctx.region(), r.domainName()))).build();
    }

    public BuildSuggestersResponse buildSuggesters(RequestContext ctx, BuildSuggestersRequest r) {
        return BuildSuggestersResponse.builder()
                .fieldNames(call(() -> domains.buildSuggesters(ctx.accountId(), ctx.region(), r.domainName()))).build();
    }
}
