package io.haneul.cloudsearch;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.cloudsearch.model.DescribeAvailabilityOptionsRequest;
import software.amazon.awssdk.services.cloudsearch.model.DescribeAvailabilityOptionsResponse;
import software.amazon.awssdk.services.cloudsearch.model.DescribeDomainEndpointOptionsRequest;
import software.amazon.awssdk.services.cloudsearch.model.DescribeDomainEndpointOptionsResponse;
import software.amazon.awssdk.services.cloudsearch.model.DescribeScalingParametersRequest;
import software.amazon.awssdk.services.cloudsearch.model.DescribeScalingParametersResponse;
import software.amazon.awssdk.services.cloudsearch.model.DescribeServiceAccessPoliciesRequest;
import software.amazon.awssdk.services.cloudsearch.model.DescribeServiceAccessPoliciesResponse;
import software.amazon.awssdk.services.cloudsearch.model.UpdateAvailabilityOptionsRequest;
import software.amazon.awssdk.services.cloudsearch.model.UpdateAvailabilityOptionsResponse;
import software.amazon.awssdk.services.cloudsearch.model.UpdateDomainEndpointOptionsRequest;
import software.amazon.awssdk.services.cloudsearch.model.UpdateDomainEndpointOptionsResponse;
import software.amazon.awssdk.services.cloudsearch.model.UpdateScalingParametersRequest;
import software.amazon.awssdk.services.cloudsearch.model.UpdateScalingParametersResponse;
import software.amazon.awssdk.services.cloudsearch.model.UpdateServiceAccessPoliciesRequest;
import software.amazon.awssdk.services.cloudsearch.model.UpdateServiceAccessPoliciesResponse;

import static io.haneul.cloudsearch.CloudSearchErrors.call;

/** Scaling parameters, availability options, service access policies and domain endpoint options. */
public final class SettingsApi {

    private final SettingsService settings;

    SettingsApi(SettingsService settings) {
        this.settings = settings;
    }

    public DescribeScalingParametersResponse describeScalingParameters(RequestContext ctx, DescribeScalingParametersRequest r) {
        return DescribeScalingParametersResponse.builder()
                .scalingParameters(call(() -> settings.scaling(ctx.accountId(), ctx.region(), r.domainName()))).build();
    }

    public UpdateScalingParametersResponse updateScalingParameters(RequestContext ctx, UpdateScalingParametersRequest r) {
        return UpdateScalingParametersResponse.builder().scalingParameters(call(() ->
                settings.updateScaling(ctx.accountId(), ctx.region(), r.domainName(), r.scalingParameters()))).build();
    }

    public DescribeAvailabilityOptionsResponse describeAvailabilityOptions(RequestContext ctx, DescribeAvailabilityOptionsRequest r) {
        return DescribeAvailabilityOptionsResponse.builder()
                .availabilityOptions(call(() -> settings.availability(ctx.accountId(), ctx.region(), r.domainName()))).build();
    }

    public UpdateAvailabilityOptionsResponse updateAvailabilityOptions(RequestContext ctx, UpdateAvailabilityOptionsRequest r) {
        return UpdateAvailabilityOptionsResponse.builder().availabilityOptions(call(() ->
                settings.updateAvailability(ctx.accountId(), ctx.region(), r.domainName(), Boolean.TRUE.equals(r.multiAZ())))).build();
    }

    public DescribeServiceAccessPoliciesResponse describeServiceAccessPolicies(RequestContext ctx, DescribeServiceAccessPoliciesRequest r) {
        return DescribeServiceAccessPoliciesResponse.builder()
                .accessPolicies(call(() -> settings.policies(ctx.accountId(), ctx.region(), r.domainName()))).build();
    }

    public UpdateServiceAccessPoliciesResponse updateServiceAccessPolicies(RequestContext ctx, UpdateServiceAccessPoliciesRequest r) {
        return UpdateServiceAccessPoliciesResponse.builder().accessPolicies(call(() ->
                settings.updatePolicies(ctx.accountId(), ctx.region(), r.domainName(), r.accessPolicies()))).build();
    }

    public DescribeDomainEndpointOptionsResponse describeDomainEndpointOptions(RequestContext ctx, DescribeDomainEndpointOptionsRequest r) {
        return DescribeDomainEndpointOptionsResponse.builder()
                .domainEndpointOptions(call(() -> settings.endpointOptions(ctx.accountId(), ctx.region(), r.domainName()))).build();
    }

    public UpdateDomainEndpointOptionsResponse updateDomainEndpointOptions(RequestContext ctx, UpdateDomainEndpointOptionsRequest r) {
        return UpdateDomainEndpointOptionsResponse.builder().domainEndpointOptions(call(() ->
                settings.updateEndpointOptions(ctx.accountId(), ctx.region(), r.domainName(), r.domainEndpointOptions()))).build();
    }
}
