package io.haneul.sagemaker.algorithms;

/**
 * A loaded model that answers InvokeEndpoint and batch transform: the request body in the content
 * type the client sent, the answer in the type it accepts (text/csv, application/json,
 * application/jsonlines ... as the algorithm's AWS container does). Safe for concurrent calls.
 */
public interface Predictor extends AutoCloseable {

    Prediction predict(byte[] body, String contentType, String accept) throws AlgorithmException;

    /** The answer and its content type. */
    record Prediction(byte[] body, String contentType) {
    }

    @Override
    default void close() {
    }
}
