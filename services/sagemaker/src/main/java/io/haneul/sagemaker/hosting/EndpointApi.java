package io.haneul.sagemaker.hosting;

import io.haneul.core.engine.RequestContext;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.domain.Listing;
import io.haneul.sagemaker.hosting.store.HostingStore;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateEndpoint, DescribeEndpoint, ListEndpoints, UpdateEndpoint, UpdateEndpointWeightsAndCapacities,
 * DeleteEndpoint. Creation and updates answer at once (Creating, Updating) and are carried out by
 * {@link EndpointDeployer} on the durable scheduler, so that they survive a restart.
 */
public final class EndpointApi {

    private static final Listing<DescribeEndpointResponse> LISTING = new Listing<>(new Listing.Keys<>(
            DescribeEndpointResponse::endpointName, DescribeEndpointResponse::creationTime, DescribeEndpointResponse::endpointStatusAsString));

    private final Hosting h;
    private final EndpointConfigApi configs;
    private final Deployments deployments;

    EndpointApi(Hosting h, EndpointConfigApi configs, Deployments deployments) {
        this.h = h;
        this.configs = configs;
        this.deployments = deployments;
    }

    public CreateEndpointResponse createEndpoint(RequestContext ctx, CreateEndpointRequest req) {
        return HostingErrors.call(() -> {
            String arn = Hosting.arn(ctx.region(), ctx.accountId(), Hosting.ENDPOINT, req.endpointName());
            configs.config(ctx.accountId(), ctx.region(), req.endpointConfigName());
            Instant now = h.clock.instant();
            DescribeEndpointResponse doc = DescribeEndpointResponse.builder().endpointName(req.endpointName()).endpointArn(arn)
                    .endpointConfigName(req.endpointConfigName()).endpointStatus("Creating").creationTime(now).lastModifiedTime(now).build();
            if (!h.store.insert(new HostingStore.Row(ctx.accountId(), ctx.region(), Hosting.ENDPOINT, req.endpointName(), "Creating",
                    now.toEpochMilli(), h.write(doc)))) {
                throw HostingException.validation("Cannot create already existing endpoint \"" + arn + "\".");
            }
            h.tag(arn, req.tags());
            h.scheduler.schedule(EndpointDeployer.KIND, arn, EndpointDeployer.payload(ctx.accountId(), ctx.region(), req.endpointName(),
                    "create", req.endpointConfigName()), now);
            return CreateEndpointResponse.builder().endpointArn(arn).build();
        });
    }

    public DescribeEndpointResponse describeEndpoint(RequestContext ctx, DescribeEndpointRequest req) {
        return HostingErrors.call(() -> endpoint(ctx, req.endpointName()));
    }

    private DescribeEndpointResponse endpoint(RequestContext ctx, String name) {
        return h.find(ctx.accountId(), ctx.region(), Hosting.ENDPOINT, name, DescribeEndpointResponse.class).orElseThrow(() ->
                HostingException.validation("Could not find endpoint \"" + Hosting.arn(ctx.region(), ctx.accountId(), Hosting.ENDPOINT, name) + "\"."));
    }

    public ListEndpointsResponse listEndpoints(RequestContext ctx, ListEndpointsRequest req) {
        return HostingErrors.call(() -> {
            List<DescribeEndpointResponse> all = h.store.list(ctx.accountId(), ctx.region(), Hosting.ENDPOINT).stream()
                    .map(r -> h.docs.read(r.doc(), DescribeEndpointResponse.class))
                    .filter(e -> req.lastModifiedTimeBefore() == null || e.lastModifiedTime().isBefore(req.lastModifiedTimeBefore()))
                    .filter(e -> req.lastModifiedTimeAfter() == null || e.lastModifiedTime().isAfter(req.lastModifiedTimeAfter()))
                    .toList();
            Listing.Page<DescribeEndpointResponse> page = LISTING.page(all, req.nameContains(), req.creationTimeBefore(),
                    req.creationTimeAfter(), req.statusEqualsAsString(), req.sortByAsString(), req.sortOrderAsString(), req.maxResults(),
                    req.nextToken());
            return ListEndpointsResponse.builder().endpoints(page.items().stream().map(e -> EndpointSummary.builder()
                    .endpointName(e.endpointName()).endpointArn(e.endpointArn()).creationTime(e.creationTime())
                    .lastModifiedTime(e.lastModifiedTime()).endpointStatus(e.endpointStatus()).build()).toList())
                    .nextToken(page.nextToken()).build();
        });
    }

    public UpdateEndpointResponse updateEndpoint(RequestContext ctx, UpdateEndpointRequest req) {
        return HostingErrors.call(() -> {
            DescribeEndpointResponse e = endpoint(ctx, req.endpointName());
            configs.config(ctx.accountId(), ctx.region(), req.endpointConfigName());
            if (!"InService".equals(e.endpointStatusAsString())) {
                throw HostingException.validation("Cannot update in-progress endpoint \"" + e.endpointArn() + "\".");
            }
            DescribeEndpointResponse updating = e.toBuilder().endpointStatus("Updating").lastModifiedTime(h.clock.instant()).build();
            if (!h.store.replace(ctx.accountId(), ctx.region(), Hosting.ENDPOINT, e.endpointName(), "InService", "Updating", h.write(updating))) {
                throw HostingException.validation("Cannot update in-progress endpoint \"" + e.endpointArn() + "\".");
            }
            h.scheduler.schedule(EndpointDeployer.KIND, e.endpointArn(), EndpointDeployer.payload(ctx.accountId(), ctx.region(),
                    e.endpointName(), "update", req.endpointConfigName()), h.clock.instant());
            return UpdateEndpointResponse.builder().endpointArn(e.endpointArn()).build();
        });
    }

    public UpdateEndpointWeightsAndCapacitiesResponse updateEndpointWeightsAndCapacities(RequestContext ctx,
                                                                                           UpdateEndpointWeightsAndCapacitiesRequest req) {
        return HostingErrors.call(() -> {
            DescribeEndpointResponse e = endpoint(ctx, req.endpointName());
            if (!"InService".equals(e.endpointStatusAsString())) {
                throw HostingException.validation("Cannot update in-progress endpoint \"" + e.endpointArn() + "\".");
            }
            Map<String, DesiredWeightAndCapacity> desired = new LinkedHashMap<>();
            req.desiredWeightsAndCapacities().forEach(d -> desired.put(d.variantName(), d));
            List<String> unknown = new ArrayList<>(desired.keySet());
            e.productionVariants().forEach(v -> unknown.remove(v.variantName()));
            if (!unknown.isEmpty()) {
                throw HostingException.validation("The variant(s) \"" + unknown + "\" is/are not present in the endpoint \"" + e.endpointArn() + "\".");
            }
            List<ProductionVariantSummary> variants = e.productionVariants().stream().map(v -> {
                DesiredWeightAndCapacity d = desired.get(v.variantName());
                if (d == null) {
                    return v;
                }
                ProductionVariantSummary.Builder b = v.toBuilder();
                if (d.desiredWeight() != null) {
                    b.desiredWeight(d.desiredWeight());
                }
                if (d.desiredInstanceCount() != null) {
                    b.desiredInstanceCount(d.desiredInstanceCount());
                }
                if (d.serverlessUpdateConfig() != null && v.desiredServerlessConfig() != null) {
                    b.desiredServerlessConfig(v.desiredServerlessConfig().toBuilder()
                            .maxConcurrency(d.serverlessUpdateConfig().maxConcurrency() != null ? d.serverlessUpdateConfig().maxConcurrency()
                                    : v.desiredServerlessConfig().maxConcurrency())
                            .provisionedConcurrency(d.serverlessUpdateConfig().provisionedConcurrency()).build());
                }
                return b.build();
            }).toList();
            DescribeEndpointResponse updating = e.toBuilder().productionVariants(variants).endpointStatus("Updating")
                    .lastModifiedTime(h.clock.instant()).build();
            if (!h.store.replace(ctx.accountId(), ctx.region(), Hosting.ENDPOINT, e.endpointName(), "InService", "Updating", h.write(updating))) {
                throw HostingException.validation("Cannot update in-progress endpoint \"" + e.endpointArn() + "\".");
            }
            h.scheduler.schedule(EndpointDeployer.KIND, e.endpointArn(), EndpointDeployer.payload(ctx.accountId(), ctx.region(),
                    e.endpointName(), "weights", e.endpointConfigName()), h.clock.instant());
            return UpdateEndpointWeightsAndCapacitiesResponse.builder().endpointArn(e.endpointArn()).build();
        });
    }

    public DeleteEndpointResponse deleteEndpoint(RequestContext ctx, DeleteEndpointRequest req) {
        return HostingErrors.call(() -> {
            String arn = Hosting.arn(ctx.region(), ctx.accountId(), Hosting.ENDPOINT, req.endpointName());
            if (!h.store.delete(ctx.accountId(), ctx.region(), Hosting.ENDPOINT, req.endpointName(), arn)) {
                throw HostingException.validation("Could not find endpoint \"" + arn + "\".");
            }
            h.store.delete(ctx.accountId(), ctx.region(), EndpointDeployer.SNAPSHOT, req.endpointName(), "");
            deployments.remove(new Deployments.Key(ctx.accountId(), ctx.region(), req.endpointName()));
            return DeleteEndpointResponse.builder().build();
        });
    }
}
