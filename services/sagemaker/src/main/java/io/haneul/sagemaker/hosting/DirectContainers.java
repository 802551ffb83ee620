package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.HostingException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A multi-container model with {@code InferenceExecutionConfig.Mode: Direct}: each request names one container by its
 * hostname ({@code TargetContainerHostname}) and only that container answers. A request naming none, or a hostname the
 * model does not have, is a ValidationError, as AWS documents.
 */
final class DirectContainers implements VariantModel {

    private final Map<String, Predictor> byHostname;

    DirectContainers(Map<String, Predictor> byHostname) {
        this.byHostname = new LinkedHashMap<>(byHostname);
    }

    @Override
    public Lease lease(String endpoint, Target target) {
        if (target.model() != null) {
            throw VariantModel.notMultiModel(endpoint);
        }
        String hostname = target.containerHostname();
        if (hostname == null || hostname.isEmpty()) {
            throw HostingException.validationError("Endpoint " + endpoint
                    + " is configured for direct invocation: the request must name a container with the target container hostname header.");
        }
        Predictor predictor = byHostname.get(hostname);
        if (predictor == null) {
            throw HostingException.validationError("Endpoint " + endpoint + " does not have a container with hostname " + hostname
                    + ". Its containers: " + String.join(", ", byHostname.keySet()) + ".");
        }
        return new Lease(predictor, () -> { });
    }

    @Override
    public void close() {
        Closing.all(byHostname.values());
    }
}
