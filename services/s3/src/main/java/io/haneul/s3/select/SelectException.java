package io.haneul.s3.select;

/** A query S3 Select refuses (400 with S3's error code for it, e.g. {@code ParseUnexpectedToken}, {@code CastFailed}). */
public final class SelectException extends RuntimeException {

    private final String code;

    public SelectException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
