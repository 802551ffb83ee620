package io.haneul.sagemaker.script;

import io.haneul.sagemaker.algorithms.Algorithms;

import java.util.Map;
import java.util.Set;

/**
 * The framework images the SageMaker Python SDK's estimators, models and processors name (scikit-learn,
 * PyTorch, XGBoost in script mode, TensorFlow, Hugging Face, MXNet), recognised by their ECR repository
 * name as the built-in registry recognises algorithms: registry, region and tag do not matter. Such an
 * image runs the user's Python script (script mode) rather than an algorithm of the JVM. The
 * {@code sagemaker-xgboost} repository is both: it runs the built-in algorithm unless the job names a
 * {@code sagemaker_program} (or the model a {@code SAGEMAKER_PROGRAM}).
 */
public final class FrameworkImages {

    private static final Set<String> REPOSITORIES = Set.of(
            "sagemaker-scikit-learn", "sagemaker-xgboost", "xgboost",
            "pytorch-training", "pytorch-inference", "sagemaker-pytorch",
            "tensorflow-training", "tensorflow-inference",
            "huggingface-pytorch-training", "huggingface-pytorch-inference",
            "mxnet-training", "mxnet-inference");

    /** The hyperparameter naming the entry point (written by the SDK's framework estimators). */
    public static final String PROGRAM = "sagemaker_program";
    /** The hyperparameter naming the source directory, a tar.gz in S3. */
    public static final String SUBMIT_DIRECTORY = "sagemaker_submit_directory";

    private FrameworkImages() {
    }

    public static boolean isFramework(String imageUri) {
        return imageUri != null && REPOSITORIES.contains(Algorithms.repositoryOf(imageUri));
    }

    /** A training job that runs a user script: a framework image and a {@code sagemaker_program} hyperparameter. */
    public static boolean isScriptJob(String imageUri, Map<String, String> hyperParameters) {
        return isFramework(imageUri) && hyperParameters != null && hyperParameters.containsKey(PROGRAM);
    }

    /** A model served by a user script: a framework image and a {@code SAGEMAKER_PROGRAM} environment variable. */
    public static boolean isScriptModel(String imageUri, Map<String, String> environment) {
        return isFramework(imageUri) && environment != null && environment.containsKey("SAGEMAKER_PROGRAM");
    }

    /** A framework image that only runs scripts (not also a built-in algorithm). */
    public static boolean scriptOnly(String imageUri) {
        String repository = imageUri == null ? "" : Algorithms.repositoryOf(imageUri);
        return isFramework(imageUri) && !repository.equals("sagemaker-xgboost") && !repository.equals("xgboost");
    }
}
