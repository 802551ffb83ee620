package io.haneul.s3.select;

/**
 * A query S3 Select refuses (400 with S3's error code for it, e.g. {@code ParseUnexpectedToken},
 * {@code CastFailed}), or, for a failure to read the object's bytes, its {@code InternalError} (500).
 */
public final class SelectException extends RuntimeException {

    private final String code;

    public SelectException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Reading the object's bytes failed ({@link ObjectInput}): S3's 500 {@code InternalError}, or its error event. */
    public static SelectException readFailure() {
        return new SelectException("InternalError", "We encountered an internal error. Please try again.");
    }

    /** Whether this is the server's failure (500), not the query's or the data's (400). */
    public boolean isInternal() {
        return code.equals("InternalError");
    }

    /**
     * {@code e} as S3 Select's 400 error: a SelectException as it is, any other runtime failure of
     * parsing or evaluation (a bad number, an overflow) under {@code code}; only a failure to read the
     * object's bytes is the server's {@link #readFailure()}.
     */
    public static SelectException of(RuntimeException e, String code) {
        if (e instanceof SelectException s) {
            return s;
        }
        return ObjectInput.failed(e) ? readFailure() : new SelectException(code, "The query could not be evaluated: " + e.getMessage());
    }
}
