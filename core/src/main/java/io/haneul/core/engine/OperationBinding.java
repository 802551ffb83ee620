package io.haneul.core.engine;

import io.haneul.core.model.OperationModel;

/**
 * One operation of a service as the engine runs it: the model's facts, the SDK classes that carry
 * its input and output, and the provider method that implements it (null when not implemented).
 */
public record OperationBinding(ServiceBinding service, OperationModel model, Class<?> requestClass,
                               Class<?> responseClass, OperationHandler handler) {

    public String name() {
        return model.name();
    }

    public boolean implemented() {
        return handler != null;
    }
}
