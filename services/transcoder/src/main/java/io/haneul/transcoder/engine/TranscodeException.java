package io.haneul.transcoder.engine;

/**
 * A job or input the engine cannot process, with Elastic Transcoder's StatusDetail code
 * (e.g. {@code 4000} series for inputs FFmpeg cannot read) and message.
 */
public final class TranscodeException extends RuntimeException {

    /** The code of a job stopped by interruption (shutdown or cancel): the runner decides its status. */
    public static final String CANCELLED = "cancelled";

    private final String code;

    public TranscodeException(String code, String message) {
        super(message);
        this.code = code;
    }

    public TranscodeException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public static TranscodeException cancelled() {
        return new TranscodeException(CANCELLED, "The job was interrupted");
    }

    public String code() {
        return code;
    }

    public boolean isCancelled() {
        return CANCELLED.equals(code);
    }
}
