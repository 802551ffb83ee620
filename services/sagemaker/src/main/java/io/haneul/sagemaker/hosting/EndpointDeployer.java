package io.haneul.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.store.HostingStore;
import io.haneul.storage.Job;
import io.haneul.storage.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.DeployedImage;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys endpoints from the durable scheduler (kind {@value #KIND}): CreateEndpoint and UpdateEndpoint
 * load every variant's model (download, unpack, load) before anything is switched, then store the
 * deployment's snapshot (the configuration and models as they were, so that later deletes of either
 * do not disturb the endpoint and any node can load it again) and move the endpoint to InService under
 * the endpoint's lock, so that requests go from the old models to the new ones without a gap. A
 * creation that cannot load its models ends Failed with the reason; a failed update leaves the old
 * configuration serving (InService with the FailureReason). UpdateEndpointWeightsAndCapacities moves
 * the desired weights and counts to current.
 */
final class EndpointDeployer implements JobHandler {

    static final String KIND = "sagemaker.endpoint";
    static final String SNAPSHOT = "deployment";
    private static final Logger LOG = LoggerFactory.getLogger(EndpointDeployer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Hosting h;
    private final EndpointConfigApi configs;
    private final ModelApi models;
    private final VariantModels variantModels;
    private final Deployments deployments;

    EndpointDeployer(Hosting h, EndpointConfigApi configs, ModelApi models, VariantModels variantModels, Deployments deployments) {
        this.h = h;
        this.configs = configs;
        this.models = models;
        this.variantModels = variantModels;
        this.deployments = deployments;
    }

    static String payload(String account, String region, String name, String action, String configName) {
        return JSON.createObjectNode().put("account", account).put("region", region).put("name", name).put("action", action)
                .put("config", configName).toString();
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode p = JSON.readTree(job.payload());
        String account = p.get("account").asText();
        String region = p.get("region").asText();
        String name = p.get("name").asText();
        Optional<HostingStore.Row> row = h.store.find(account, region, Hosting.ENDPOINT, name);
        if (row.isEmpty()) {
            return;
        }
        DescribeEndpointResponse endpoint = h.docs.read(row.get().doc(), DescribeEndpointResponse.class);
        String action = p.get("action").asText();
        if (action.equals("weights")) {
            finishWeights(account, region, endpoint);
            return;
        }
        String expected = action.equals("create") ? "Creating" : "Updating";
        if (!endpoint.endpointStatusAsString().equals(expected)) {
            return;
        }
        String configName = p.get("config").asText();
        Deployments.Key key = new Deployments.Key(account, region, name);
        DescribeEndpointConfigResponse config;
        Map<String, DescribeModelResponse> variantModels = new LinkedHashMap<>();
        Deployment next;
        try {
            config = configs.config(account, region, configName);
            for (ProductionVariant v : config.productionVariants()) {
                variantModels.put(v.variantName(), models.model(account, region, v.modelName()));
            }
            next = load(Deployment.stamp(endpoint.creationTime().toEpochMilli(), configName), account, config, variantModels);
        } catch (HostingException | ModelArtifacts.LoadFailure e) {
            fail(account, region, endpoint, expected, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("endpoint {} could not be deployed", name, e);
            fail(account, region, endpoint, expected, "An internal error occurred while deploying the endpoint: " + e.getMessage());
            return;
        }
        Instant now = h.clock.instant();
        DescribeEndpointResponse done = endpoint.toBuilder().endpointStatus("InService").endpointConfigName(configName)
                .productionVariants(summaries(config, variantModels, now)).dataCaptureConfig(capture(config))
                .asyncInferenceConfig(config.asyncInferenceConfig()).failureReason(null).lastModifiedTime(now).build();
        String snapshot = snapshot(next.stamp(), config, variantModels);
        boolean[] swapped = {false};
        deployments.swap(key, next, () -> {
            h.store.delete(account, region, SNAPSHOT, name, "");
            h.store.insert(new HostingStore.Row(account, region, SNAPSHOT, name, "Current", h.clock.millis(), snapshot));
            swapped[0] = h.store.replace(account, region, Hosting.ENDPOINT, name, expected, "InService", h.write(done));
        });
        if (!swapped[0]) {
            deployments.remove(key); // deleted meanwhile
        }
    }

    /** Loads the variants' models; on a failure the ones loaded already are closed. */
    Deployment load(String stamp, String account, DescribeEndpointConfigResponse config, Map<String, DescribeModelResponse> variantModels)
            throws ModelArtifacts.LoadFailure {
        Map<String, VariantModel> loaded = new LinkedHashMap<>();
        try {
            for (ProductionVariant v : config.productionVariants()) {
                loaded.put(v.variantName(), this.variantModels.load(account, variantModels.get(v.variantName())));
            }
        } catch (ModelArtifacts.LoadFailure | RuntimeException e) {
            Closing.logged("the variants loaded before a failed load", () -> Closing.each(loaded.values(), VariantModel::close));
            throw e;
        }
        return new Deployment(stamp, config, loaded);
    }

    /** The endpoint row read was older than the deployment stored since: read the row again. */
    static final class Stale extends RuntimeException {
        Stale() {
            super(null, null, false, false);
        }
    }

    /**
     * The endpoint's current deployment as its snapshot stores it (a node that has not loaded it yet).
     *
     * @throws Stale when the snapshot belongs to another deployment than the endpoint row read (an update finished meanwhile)
     */
    Deployment loadCurrent(String account, String region, DescribeEndpointResponse endpoint) throws ModelArtifacts.LoadFailure {
        HostingStore.Row row = h.store.find(account, region, SNAPSHOT, endpoint.endpointName())
                .orElseThrow(() -> new ModelArtifacts.LoadFailure("The endpoint's deployment is missing."));
        try {
            JsonNode s = JSON.readTree(row.doc());
            String stamp = Deployment.stamp(endpoint.creationTime().toEpochMilli(), endpoint.endpointConfigName());
            if (!stamp.equals(s.path("stamp").asText())) {
                throw new Stale();
            }
            DescribeEndpointConfigResponse config = h.docs.read(s.get("config").asText(), DescribeEndpointConfigResponse.class);
            Map<String, DescribeModelResponse> variantModels = new LinkedHashMap<>();
            s.get("models").properties().forEach(e -> variantModels.put(e.getKey(), h.docs.read(e.getValue().asText(), DescribeModelResponse.class)));
            return load(stamp, account, config, variantModels);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelArtifacts.LoadFailure("The endpoint's deployment could not be read: " + e.getMessage());
        }
    }

    private String snapshot(String stamp, DescribeEndpointConfigResponse config, Map<String, DescribeModelResponse> variantModels) {
        ObjectNode s = JSON.createObjectNode().put("stamp", stamp).put("config", h.write(config));
        ObjectNode m = s.putObject("models");
        variantModels.forEach((variant, model) -> m.put(variant, h.write(model)));
        return s.toString();
    }

    private void fail(String account, String region, DescribeEndpointResponse endpoint, String expected, String reason) {
        DescribeEndpointResponse failed = endpoint.toBuilder().endpointStatus(expected.equals("Creating") ? "Failed" : "InService")
                .failureReason(reason).lastModifiedTime(h.clock.instant()).build();
        h.store.replace(account, region, Hosting.ENDPOINT, endpoint.endpointName(), expected, failed.endpointStatusAsString(), h.write(failed));
    }

    private void finishWeights(String account, String region, DescribeEndpointResponse endpoint) {
        if (!endpoint.endpointStatusAsString().equals("Updating")) {
            return;
        }
        List<ProductionVariantSummary> moved = endpoint.productionVariants().stream().map(v -> v.toBuilder()
                .currentWeight(v.desiredWeight()).currentInstanceCount(v.desiredInstanceCount())
                .currentServerlessConfig(v.desiredServerlessConfig()).build()).toList();
        DescribeEndpointResponse done = endpoint.toBuilder().productionVariants(moved).endpointStatus("InService")
                .lastModifiedTime(h.clock.instant()).build();
        h.store.replace(account, region, Hosting.ENDPOINT, endpoint.endpointName(), "Updating", "InService", h.write(done));
    }

    private static List<ProductionVariantSummary> summaries(DescribeEndpointConfigResponse config,
                                                            Map<String, DescribeModelResponse> variantModels, Instant now) {
        List<ProductionVariantSummary> out = new ArrayList<>();
        for (ProductionVariant v : config.productionVariants()) {
            List<DeployedImage> images = VariantModels.containers(variantModels.get(v.variantName())).stream()
                    .map(c -> DeployedImage.builder().specifiedImage(c.image()).resolutionTime(now).build()).toList();
            ProductionVariantSummary.Builder b = ProductionVariantSummary.builder().variantName(v.variantName()).deployedImages(images)
                    .currentWeight(v.initialVariantWeight()).desiredWeight(v.initialVariantWeight());
            if (v.serverlessConfig() != null) {
                b.currentServerlessConfig(v.serverlessConfig()).desiredServerlessConfig(v.serverlessConfig());
            } else {
                b.currentInstanceCount(v.initialInstanceCount()).desiredInstanceCount(v.initialInstanceCount());
            }
            out.add(b.build());
        }
        return out;
    }

    private static DataCaptureConfigSummary capture(DescribeEndpointConfigResponse config) {
        if (config.dataCaptureConfig() == null) {
            return null;
        }
        boolean on = !Boolean.FALSE.equals(config.dataCaptureConfig().enableCapture());
        return DataCaptureConfigSummary.builder().enableCapture(on).captureStatus(on ? "Started" : "Stopped")
                .currentSamplingPercentage(config.dataCaptureConfig().initialSamplingPercentage())
                .destinationS3Uri(config.dataCaptureConfig().destinationS3Uri()).kmsKeyId(config.dataCaptureConfig().kmsKeyId()).build();
    }
}
