package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;

import java.util.List;

/**
 * An inference pipeline ({@code InferenceExecutionConfig.Mode: Serial}, the default for several containers): the request
 * goes to the first container, each container's answer (with its content type) is the next one's request, and the last
 * container's answer, in the request's Accept type, is the pipeline's. A container before the last is asked for its
 * {@code SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT} when its Environment sets one, else for the type it was sent, so that
 * CSV stays CSV along the pipeline. The first failure is the answer.
 */
final class SerialPipeline implements Predictor {

    /** One container of the pipeline and the type it is asked to answer in when it is not the last. */
    record Stage(Predictor predictor, String defaultAccept) {
    }

    private final List<Stage> stages;

    SerialPipeline(List<Stage> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs a container");
        }
        this.stages = List.copyOf(stages);
    }

    @Override
    public Prediction predict(byte[] body, String contentType, String accept) throws AlgorithmException {
        Prediction in = throughAllButLast(body, contentType);
        return stages.getLast().predictor().predict(in.body(), in.contentType(), accept);
    }

    @Override
    public void stream(byte[] body, String contentType, String accept, Parts parts) throws AlgorithmException {
        Prediction in = throughAllButLast(body, contentType);
        stages.getLast().predictor().stream(in.body(), in.contentType(), accept, parts);
    }

    private Prediction throughAllButLast(byte[] body, String contentType) throws AlgorithmException {
        Prediction current = new Prediction(body, contentType);
        for (Stage stage : stages.subList(0, stages.size() - 1)) {
            String accept = stage.defaultAccept() != null ? stage.defaultAccept() : current.contentType();
            current = stage.predictor().predict(current.body(), current.contentType(), accept);
        }
        return current;
    }

    @Override
    public void close() {
        Closing.all(stages.stream().map(Stage::predictor).toList());
    }
}
