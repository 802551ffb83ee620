package io.haneul.sagemaker.algorithms;

/**
 * A loaded model that answers InvokeEndpoint and batch transform: the request body in the content
 * type the client sent, the answer in the type it accepts (text/csv, application/json,
 * application/jsonlines ... as the algorithm's AWS container does). Safe for concurrent calls.
 */
public interface Predictor extends AutoCloseable {

    Prediction predict(byte[] body, String contentType, String accept) throws AlgorithmException;

    /**
     * Answers as InvokeEndpointWithResponseStream streams: each piece the model produces goes to {@code parts} as it
     * comes. A model that does not stream (the built-in algorithms) gives its whole answer as one part. A failure
     * thrown after a part was given is the stream's error, one thrown before is the request's.
     */
    default void stream(byte[] body, String contentType, String accept, Parts parts) throws AlgorithmException {
        Prediction p = predict(body, contentType, accept);
        parts.part(p.body(), p.contentType());
    }

    /** The answer and its content type. */
    record Prediction(byte[] body, String contentType) {
    }

    /** Where a streamed answer's pieces go, in order; every piece carries the answer's content type. */
    @FunctionalInterface
    interface Parts {
        void part(byte[] bytes, String contentType);
    }

    @Override
    default void close() {
    }
}
