package io.haneul.sagemaker.training;

import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConfig;
import software.amazon.awssdk.services.sagemaker.model.HyperbandStrategyConfig;

import java.util.List;
import java.util.Map;

/**
 * The Hyperband strategy's settings: values are drawn as Random draws them, and {@link SuccessiveHalving} stops the
 * training jobs. MaxResource is HyperbandStrategyConfig's, else inferred from the static hyperparameters AWS names
 * (epochs, numepochs, n-epochs, n_epochs, num_epochs); MinResource defaults to 1.
 */
final class Hyperband {

    static final int MAX_RESOURCE_LIMIT = 20_000;
    private static final List<String> EPOCH_KEYS = List.of("epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs");

    private Hyperband() {
    }

    private static HyperbandStrategyConfig config(HyperParameterTuningJobConfig config) {
        return config.strategyConfig() == null ? null : config.strategyConfig().hyperbandStrategyConfig();
    }

    static int minResource(HyperParameterTuningJobConfig config) {
        HyperbandStrategyConfig h = config(config);
        return h == null || h.minResource() == null ? 1 : h.minResource();
    }

    /** MaxResource, given or inferred; null when neither. */
    static Integer maxResource(HyperParameterTuningJobConfig config, Map<String, String> staticHyperParameters) {
        HyperbandStrategyConfig h = config(config);
        if (h != null && h.maxResource() != null) {
            return h.maxResource();
        }
        for (String key : EPOCH_KEYS) {
            String v = staticHyperParameters.get(key);
            if (v != null) {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** What CreateHyperParameterTuningJob rejects for Hyperband; null when it is accepted. */
    static String problem(HyperParameterTuningJobConfig config, Map<String, String> staticHyperParameters) {
        if ("Auto".equals(config.trainingJobEarlyStoppingTypeAsString())) {
            return "TrainingJobEarlyStoppingType must be OFF to use the Hyperband strategy, which stops training jobs itself.";
        }
        Integer max = maxResource(config, staticHyperParameters);
        if (max == null) {
            return "HyperbandStrategyConfig.MaxResource must be specified, or inferable from one of the static hyperparameters "
                    + String.join(", ", EPOCH_KEYS) + ".";
        }
        int min = minResource(config);
        if (max < 1 || max > MAX_RESOURCE_LIMIT) {
            return "HyperbandStrategyConfig.MaxResource must be between 1 and " + MAX_RESOURCE_LIMIT + ".";
        }
        if (min < 1 || min > max) {
            return "HyperbandStrategyConfig.MinResource must be at least 1 and at most MaxResource.";
        }
        return null;
    }
}
