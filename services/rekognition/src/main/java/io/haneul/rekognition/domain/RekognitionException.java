package io.haneul.rekognition.domain;

/**
 * A request Rekognition refuses, with AWS's error code and message; {@code RekognitionErrors} turns it
 * into the wire error. Every one of Rekognition's modelled errors is a 400 except the server's own.
 */
public final class RekognitionException extends RuntimeException {

    private final String code;
    private final int status;

    public RekognitionException(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public RekognitionException(String code, String message) {
        this(code, message, 400);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** AWS's answer to a parameter it cannot use: one message for every such case. */
    public static RekognitionException invalidParameter() {
        return new RekognitionException("InvalidParameterException", "Request has invalid parameters");
    }

    public static RekognitionException invalidParameter(String message) {
        return new RekognitionException("InvalidParameterException", message);
    }

    /** AWS's answer to an S3 object it cannot read, whatever the reason (no bucket, no key, no access). */
    public static final String S3_OBJECT_MESSAGE = "Unable to get object metadata from S3. Check object key, region and/or access permissions.";

    public static RekognitionException invalidS3Object() {
        return new RekognitionException("InvalidS3ObjectException", S3_OBJECT_MESSAGE);
    }

    public static RekognitionException notFound(String message) {
        return new RekognitionException("ResourceNotFoundException", message);
    }
}
