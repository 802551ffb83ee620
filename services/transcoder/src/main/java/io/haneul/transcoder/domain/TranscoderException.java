package io.haneul.transcoder.domain;

/**
 * An Elastic Transcoder error in domain terms: the error shape's code, its HTTP status and AWS's
 * message. {@code TranscoderErrors} turns it into the wire error; the rules raise it without HTTP.
 */
public final class TranscoderException extends RuntimeException {

    private final String code;
    private final int status;

    public TranscoderException(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public static TranscoderException validation(String message) {
        return new TranscoderException("ValidationException", 400, message);
    }

    public static TranscoderException notFound(String message) {
        return new TranscoderException("ResourceNotFoundException", 404, message);
    }

    public static TranscoderException inUse(String message) {
        return new TranscoderException("ResourceInUseException", 409, message);
    }

    public static TranscoderException accessDenied(String message) {
        return new TranscoderException("AccessDeniedException", 403, message);
    }

    public static TranscoderException limit(String message) {
        return new TranscoderException("LimitExceededException", 429, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
