package io.haneul.sagemaker.hosting.domain;

import java.util.Map;

/**
 * A hosting rule broken, with AWS's error code and message: {@code ValidationException},
 * {@code ResourceNotFound} and {@code ResourceInUse} on the control plane; {@code ValidationError} and
 * {@code ModelError} (with its extra members) on the runtime. {@code HostingErrors} turns it into the wire error.
 */
public final class HostingException extends RuntimeException {

    private final String code;
    private final Map<String, Object> fields;

    public HostingException(String code, String message) {
        this(code, message, Map.of());
    }

    public HostingException(String code, String message, Map<String, Object> fields) {
        super(message, null, false, false);
        this.code = code;
        this.fields = fields;
    }

    public static HostingException validation(String message) {
        return new HostingException("ValidationException", message);
    }

    public static HostingException notFound(String message) {
        return new HostingException("ResourceNotFound", message);
    }

    public static HostingException inUse(String message) {
        return new HostingException("ResourceInUse", message);
    }

    /** The runtime's client error (InvokeEndpoint and InvokeEndpointAsync). */
    public static HostingException validationError(String message) {
        return new HostingException("ValidationError", message);
    }

    public String code() {
        return code;
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
