package io.haneul.sagemaker.hosting;

import io.haneul.core.engine.RequestContext;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.domain.Listing;
import io.haneul.sagemaker.hosting.domain.S3Location;
import io.haneul.sagemaker.hosting.store.HostingStore;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CreateEndpointConfig, DescribeEndpointConfig, ListEndpointConfigs, DeleteEndpointConfig: production
 * variants (weights default to 1.0; an instance type and count, or a ServerlessConfig), data capture and
 * asynchronous inference settings, checked as AWS checks them when the configuration is made.
 */
public final class EndpointConfigApi {

    private static final Listing<DescribeEndpointConfigResponse> LISTING = new Listing<>(new Listing.Keys<>(
            DescribeEndpointConfigResponse::endpointConfigName, DescribeEndpointConfigResponse::creationTime, c -> ""));

    private final Hosting h;
    private final ModelApi models;

    EndpointConfigApi(Hosting h, ModelApi models) {
        this.h = h;
        this.models = models;
    }

    public CreateEndpointConfigResponse createEndpointConfig(RequestContext ctx, CreateEndpointConfigRequest req) {
        return HostingErrors.call(() -> {
            String arn = Hosting.arn(ctx.region(), ctx.accountId(), Hosting.ENDPOINT_CONFIG, req.endpointConfigName());
            List<ProductionVariant> variants = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (ProductionVariant v : req.productionVariants()) {
                if (!names.add(v.variantName())) {
                    throw HostingException.validation("Each production variant must have a unique VariantName; \""
                            + v.variantName() + "\" is used more than once.");
                }
                models.model(ctx, v.modelName());
                boolean serverless = v.serverlessConfig() != null;
                if (serverless == (v.instanceType() != null)) {
                    throw HostingException.validation("Production variant " + v.variantName()
                            + " must specify either an InstanceType and InitialInstanceCount or a ServerlessConfig, but not both.");
                }
                if (!serverless && v.initialInstanceCount() == null) {
                    throw HostingException.validation("InitialInstanceCount is required for production variant " + v.variantName() + ".");
                }
                if (v.initialVariantWeight() != null && v.initialVariantWeight() < 0) {
                    throw HostingException.validation("InitialVariantWeight of production variant " + v.variantName() + " must not be negative.");
                }
                variants.add(v.initialVariantWeight() == null ? v.toBuilder().initialVariantWeight(1.0f).build() : v);
            }
            if (req.dataCaptureConfig() != null) {
                S3Location.parse(req.dataCaptureConfig().destinationS3Uri(), "DestinationS3Uri");
            }
            if (req.asyncInferenceConfig() != null && req.asyncInferenceConfig().outputConfig() != null
                    && req.asyncInferenceConfig().outputConfig().s3OutputPath() != null) {
                S3Location.parse(req.asyncInferenceConfig().outputConfig().s3OutputPath(), "S3OutputPath");
            }
            DescribeEndpointConfigResponse doc = DescribeEndpointConfigResponse.builder().endpointConfigName(req.endpointConfigName())
                    .endpointConfigArn(arn).productionVariants(variants).dataCaptureConfig(req.dataCaptureConfig())
                    .kmsKeyId(req.kmsKeyId()).asyncInferenceConfig(req.asyncInferenceConfig()).explainerConfig(req.explainerConfig())
                    .shadowProductionVariants(req.hasShadowProductionVariants() ? req.shadowProductionVariants() : null)
                    .executionRoleArn(req.executionRoleArn()).vpcConfig(req.vpcConfig()).enableNetworkIsolation(req.enableNetworkIsolation())
                    .creationTime(h.clock.instant()).build();
            if (!h.store.insert(new HostingStore.Row(ctx.accountId(), ctx.region(), Hosting.ENDPOINT_CONFIG, req.endpointConfigName(),
                    "Created", h.clock.millis(), h.write(doc)))) {
                throw HostingException.validation("Cannot create already existing endpoint configuration \"" + arn + "\".");
            }
            h.tag(arn, req.tags());
            return CreateEndpointConfigResponse.builder().endpointConfigArn(arn).build();
        });
    }

    public DescribeEndpointConfigResponse describeEndpointConfig(RequestContext ctx, DescribeEndpointConfigRequest req) {
        return HostingErrors.call(() -> config(ctx.accountId(), ctx.region(), req.endpointConfigName()));
    }

    DescribeEndpointConfigResponse config(String account, String region, String name) {
        return h.find(account, region, Hosting.ENDPOINT_CONFIG, name, DescribeEndpointConfigResponse.class).orElseThrow(() ->
                HostingException.validation("Could not find endpoint configuration \""
                        + Hosting.arn(region, account, Hosting.ENDPOINT_CONFIG, name) + "\"."));
    }

    public ListEndpointConfigsResponse listEndpointConfigs(RequestContext ctx, ListEndpointConfigsRequest req) {
        return HostingErrors.call(() -> {
            List<DescribeEndpointConfigResponse> all = h.store.list(ctx.accountId(), ctx.region(), Hosting.ENDPOINT_CONFIG).stream()
                    .map(r -> h.docs.read(r.doc(), DescribeEndpointConfigResponse.class)).toList();
            Listing.Page<DescribeEndpointConfigResponse> page = LISTING.page(all, req.nameContains(), req.creationTimeBefore(),
                    req.creationTimeAfter(), null, req.sortByAsString(), req.sortOrderAsString(), req.maxResults(), req.nextToken());
            return ListEndpointConfigsResponse.builder().endpointConfigs(page.items().stream().map(c -> EndpointConfigSummary.builder()
                    .endpointConfigName(c.endpointConfigName()).endpointConfigArn(c.endpointConfigArn()).creationTime(c.creationTime())
                    .build()).toList()).nextToken(page.nextToken()).build();
        });
    }

    public DeleteEndpointConfigResponse deleteEndpointConfig(RequestContext ctx, DeleteEndpointConfigRequest req) {
        return HostingErrors.call(() -> {
            String arn = Hosting.arn(ctx.region(), ctx.accountId(), Hosting.ENDPOINT_CONFIG, req.endpointConfigName());
            if (!h.store.delete(ctx.accountId(), ctx.region(), Hosting.ENDPOINT_CONFIG, req.endpointConfigName(), arn)) {
                throw HostingException.validation("Could not find endpoint configuration \"" + arn + "\".");
            }
            return DeleteEndpointConfigResponse.builder().build();
        });
    }
}
