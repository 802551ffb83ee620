package io.haneul.core.error;

import java.util.Map;

/**
 * An error to answer in the protocol's error envelope. Domain code raises its own exceptions and a
 * service's {@code <Svc>Errors} turns them into this; the engine also accepts the SDK's modelled
 * exceptions and maps them through the API model.
 *
 * <p>Stack traces are not filled: these are answers, not bugs.
 */
public final class AwsErrorException extends RuntimeException {

    private final String code;
    private final int status;
    private final boolean senderFault;
    private final Map<String, Object> fields;

    public AwsErrorException(String code, String message, int status) {
        this(code, message, status, status < 500, Map.of());
    }

    /**
     * @param fields extra members of the error shape to serialize beside code and message
     *               (e.g. SWF's or S3's additional elements); keys are wire names
     */
    public AwsErrorException(String code, String message, int status, boolean senderFault, Map<String, Object> fields) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.senderFault = senderFault;
        this.fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields)); // in order: S3 writes them so
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public boolean senderFault() {
        return senderFault;
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
