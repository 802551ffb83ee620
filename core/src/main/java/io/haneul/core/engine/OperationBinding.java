package io.haneul.core.engine;

import io.haneul.core.model.OperationModel;

/**
 * One operation of a service as the engine runs it: the model's facts, the SDK classes that carry
 * its input and output, and the provider method that implements it (null when not implemented).
 */
public record OperationBinding(ServiceBinding service, OperationModel model, Class<?> requestClass,
                               Class<?> responseClass, OperationHandler handler,
                               DocumentOperations.DocumentHandler document) {

    /** An operation bound through SDK classes (or not implemented). */
    public OperationBinding(ServiceBinding service, OperationModel model, Class<?> requestClass,
                            Class<?> responseClass, OperationHandler handler) {
        this(service, model, requestClass, responseClass, handler, null);
    }

    public String name() {
        return model.name();
    }

    public boolean implemented() {
        return handler != null || document != null;
    }

    /** True when the operation is answered on documents ({@link DocumentOperations}), having no SDK classes. */
    public boolean onDocuments() {
        return handler == null && document != null;
    }
}
