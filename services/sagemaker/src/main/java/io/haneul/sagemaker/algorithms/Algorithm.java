package io.haneul.sagemaker.algorithms;

import java.nio.file.Path;
import java.util.Map;

/**
 * A built-in algorithm, as a training image or a model's container image names it (see
 * {@link Algorithms}). It is the contract between the training-job runner (which downloads channels
 * from S3 and uploads the model directory as model.tar.gz) and the hosting side (endpoints and batch
 * transform, which unpack model.tar.gz and call {@link #load}). No HTTP, no S3, no store here.
 */
public interface Algorithm {

    /** The short name used in docs and image URIs, e.g. "xgboost", "kmeans", "linear-learner", "randomcutforest". */
    String name();

    /**
     * Checks hyperparameters with AWS's names, required ones and ranges, and answers them with AWS's
     * defaults filled in (what DescribeTrainingJob shows is what the user sent; the runner trains with this).
     */
    Map<String, String> validated(Map<String, String> hyperParameters) throws AlgorithmException;

    /**
     * Trains on local copies of the channels and writes the model files into {@code request.modelDir()}
     * in the layout the algorithm's AWS container writes. Checks {@code request.stopRequested()} between
     * rounds and throws {@link AlgorithmException#stopped()} when it is set.
     */
    void train(TrainingRequest request) throws AlgorithmException;

    /** Loads a model directory written by {@link #train} (model.tar.gz already unpacked). */
    Predictor load(Path modelDir) throws AlgorithmException;
}
