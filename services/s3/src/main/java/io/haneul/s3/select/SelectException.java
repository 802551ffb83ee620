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

    /**
     * {@code e} as S3 Select's 400 error: a SelectException as it is, any other runtime failure of
     * parsing or evaluation (a bad number, an overflow) under {@code code}, never a 500.
     */
    public static SelectException of(RuntimeException e, String code) {
        return e instanceof SelectException s ? s : new SelectException(code, "The query could not be evaluated: " + e.getMessage());
    }
}
