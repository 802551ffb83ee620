package io.haneul.sagemaker.algorithms;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What one training run gets: validated hyperparameters, the channels as local files, where to write
 * the model and checkpoints ({@code checkpointDir} is null when the job has no CheckpointConfig, as
 * {@code /opt/ml/checkpoints} is absent then; it holds the checkpoints of an earlier run when there are
 * some in S3), where metrics and log lines go, and a stop flag (StopTrainingJob,
 * MaxRuntimeInSeconds).
 */
public record TrainingRequest(
        Map<String, String> hyperParameters,
        Map<String, Channel> channels,
        Path modelDir,
        Path checkpointDir,
        MetricSink metrics,
        BooleanSupplier stopRequested) {

    /** One input channel ("train", "validation", ...): its files and the ContentType the job gave it. */
    public record Channel(String name, List<Path> files, String contentType) {
    }
}
