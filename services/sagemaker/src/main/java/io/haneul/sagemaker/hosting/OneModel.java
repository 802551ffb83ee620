package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.Predictor;

/** A variant serving one predictor (a single container, or a {@link SerialPipeline}): requests name no model and no container. */
record OneModel(Predictor predictor) implements VariantModel {

    @Override
    public Lease lease(String endpoint, Target target) {
        if (target.model() != null) {
            throw VariantModel.notMultiModel(endpoint);
        }
        if (target.containerHostname() != null) {
            throw VariantModel.notDirect(endpoint);
        }
        return new Lease(predictor, () -> { });
    }

    @Override
    public void close() {
        predictor.close();
    }
}
