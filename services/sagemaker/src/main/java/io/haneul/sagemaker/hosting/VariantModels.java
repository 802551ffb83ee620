package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.S3Location;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads what a model serves on a variant, as its containers say (see {@link VariantModel}): a multi-model container
 * ({@code Mode: MultiModel}) becomes {@link MultiModels} over its ModelDataUrl prefix, holding at most
 * {@link MultiModelLimits#cache} models ({@code --sagemaker-multi-model-cache}; none with {@code ModelCacheSetting: Disabled});
 * several containers become a {@link SerialPipeline} or, with {@code InferenceExecutionConfig.Mode: Direct},
 * {@link DirectContainers}; one container, {@link OneModel}.
 */
final class VariantModels {

    /** Loads one container's model ({@link ModelArtifacts#load}). */
    @FunctionalInterface
    interface ContainerLoader {
        Predictor load(String account, ContainerDefinition container) throws ModelArtifacts.LoadFailure;
    }

    /**
     * How a multi-model variant loads: {@code cache} models kept, at most {@code min(cache, cores)} loading at once (with no
     * cache, {@code cores}), a request waiting {@code loadWait} for its model.
     */
    record MultiModelLimits(int cache, int cores, Duration loadWait) {
        int parallelLoads(boolean cached) {
            return Math.max(1, cached ? Math.min(cache, cores) : cores);
        }
    }

    private final ContainerLoader artifacts;
    private final MultiModelLimits limits;

    VariantModels(ContainerLoader artifacts, MultiModelLimits limits) {
        this.artifacts = artifacts;
        this.limits = limits;
    }

    VariantModel load(String account, DescribeModelResponse model) throws ModelArtifacts.LoadFailure {
        List<ContainerDefinition> containers = containers(model);
        if (containers.size() == 1 && multiModel(containers.getFirst())) {
            ContainerDefinition c = containers.getFirst();
            boolean cached = c.multiModelConfig() == null || !"Disabled".equals(c.multiModelConfig().modelCacheSettingAsString());
            return new MultiModels(cached ? limits.cache() : 0, limits.parallelLoads(cached), limits.loadWait(),
                    name -> loadTarget(account, c, name));
        }
        if (containers.size() > 1 && direct(model)) {
            Map<String, Predictor> byHostname = new LinkedHashMap<>();
            List<Predictor> loaded = loadEach(account, containers);
            for (int i = 0; i < containers.size(); i++) {
                byHostname.put(containers.get(i).containerHostname(), loaded.get(i));
            }
            return new DirectContainers(byHostname);
        }
        return new OneModel(predictor(account, model));
    }

    /** What batch transform runs: one container or a serial pipeline (multi-model and direct models answer no transform). */
    Predictor predictor(String account, DescribeModelResponse model) throws ModelArtifacts.LoadFailure {
        List<ContainerDefinition> containers = containers(model);
        if (containers.size() == 1 && multiModel(containers.getFirst()) || containers.size() > 1 && direct(model)) {
            throw new ModelArtifacts.LoadFailure("Model " + model.modelName() + " is a multi-model or direct-invocation model: batch transform"
                    + " needs a model of one container or a serial inference pipeline.");
        }
        if (containers.size() == 1) {
            return artifacts.load(account, containers.getFirst());
        }
        List<Predictor> loaded = loadEach(account, containers);
        List<SerialPipeline.Stage> stages = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            var env = containers.get(i).environment();
            stages.add(new SerialPipeline.Stage(loaded.get(i), env == null ? null : env.get("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT")));
        }
        return new SerialPipeline(stages);
    }

    private List<Predictor> loadEach(String account, List<ContainerDefinition> containers) throws ModelArtifacts.LoadFailure {
        List<Predictor> loaded = new ArrayList<>();
        try {
            for (ContainerDefinition c : containers) {
                loaded.add(artifacts.load(account, c));
            }
            return loaded;
        } catch (ModelArtifacts.LoadFailure | RuntimeException e) {
            Closing.all(loaded);
            throw e;
        }
    }

    private Predictor loadTarget(String account, ContainerDefinition c, String targetModel) throws ModelArtifacts.LoadFailure {
        String url = under(c.modelDataUrl(), targetModel);
        try {
            return artifacts.load(account, c.toBuilder().modelDataUrl(url).build());
        } catch (ModelArtifacts.LoadFailure e) {
            if (!e.missingData()) {
                throw e;
            }
            S3Location at = S3Location.parse(url, "ModelDataUrl");
            throw new ModelArtifacts.LoadFailure("Failed to download model data(bucket: " + at.bucket() + ", key: " + at.key()
                    + "). Please ensure that there is an object located at the URL and that the role passed to CreateModel has permissions"
                    + " to download the model.", true);
        }
    }

    /** The S3 URL of a target model: its relative key under the container's prefix. */
    static String under(String prefix, String targetModel) {
        return prefix.endsWith("/") ? prefix + targetModel : prefix + "/" + targetModel;
    }

    static List<ContainerDefinition> containers(DescribeModelResponse model) {
        return model.primaryContainer() != null ? List.of(model.primaryContainer()) : model.containers();
    }

    static boolean multiModel(ContainerDefinition c) {
        return "MultiModel".equals(c.modeAsString());
    }

    static boolean direct(DescribeModelResponse model) {
        return model.inferenceExecutionConfig() != null && "Direct".equals(model.inferenceExecutionConfig().modeAsString());
    }
}
