package io.haneul.core.spi;

/**
 * A call through an exported interface that the called service refused, with that service's own
 * error code (e.g. S3's {@code NoSuchBucket}, Lambda's {@code ResourceNotFoundException}), so the
 * caller can map it to its own error or retry. No stack trace is filled in: it is an answer, not a bug.
 */
public class ServiceCallException extends RuntimeException {

    private final String code;

    public ServiceCallException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
