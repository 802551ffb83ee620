package io.haneul.appstream.domain;

/**
 * An AppStream error in domain terms: the error shape's code and AWS's message (every AppStream error
 * is a 400). {@code AppStreamErrors} turns it into the wire error.
 */
public final class AppStreamException extends RuntimeException {

    private final String code;

    public AppStreamException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static AppStreamException notFound(String message) {
        return new AppStreamException("ResourceNotFoundException", message);
    }

    public static AppStreamException exists(String message) {
        return new AppStreamException("ResourceAlreadyExistsException", message);
    }

    public static AppStreamException combination(String message) {
        return new AppStreamException("InvalidParameterCombinationException", message);
    }

    public static AppStreamException notPermitted(String message) {
        return new AppStreamException("OperationNotPermittedException", message);
    }

    public static AppStreamException inUse(String message) {
        return new AppStreamException("ResourceInUseException", message);
    }

    public static AppStreamException notAvailable(String message) {
        return new AppStreamException("ResourceNotAvailableException", message);
    }

    public static AppStreamException concurrent(String message) {
        return new AppStreamException("ConcurrentModificationException", message);
    }

    public static AppStreamException limit(String message) {
        return new AppStreamException("LimitExceededException", message);
    }

    public String code() {
        return code;
    }
}
