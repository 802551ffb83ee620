package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.HostingException;

/**
 * What one production variant serves on this node, as its model's containers make it: one model ({@link OneModel}: a
 * single container or a serial inference pipeline), the models under a multi-model prefix loaded as requests name them
 * ({@link MultiModels}), or several containers invoked by hostname ({@link DirectContainers}). {@link #lease} picks the
 * predictor a request names, or refuses the request with AWS's ValidationError when it names what the variant does not have.
 */
interface VariantModel extends AutoCloseable {

    /**
     * The predictor answering a request to {@code endpoint} that names {@code target}; close the lease when the answer is done.
     *
     * @throws AlgorithmException when the named model could not be loaded (the runtime's ModelError)
     */
    Lease lease(String endpoint, Target target) throws AlgorithmException;

    /** Releases every loaded model (no request holds a lease any more). */
    @Override
    void close();

    /** A predictor held for one request. */
    record Lease(Predictor predictor, Runnable release) implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }

    /** A TargetModel sent to an endpoint that is not a multi-model endpoint. */
    static HostingException notMultiModel(String endpoint) {
        return HostingException.validationError("Endpoint " + endpoint + " is not a multi-model endpoint and does not support target model header.");
    }

    /** A TargetContainerHostname sent to an endpoint that is not configured for direct invocation. */
    static HostingException notDirect(String endpoint) {
        return HostingException.validationError("Endpoint " + endpoint
                + " is not configured for direct invocation and does not support target container hostname header.");
    }
}
