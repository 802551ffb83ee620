package io.haneul.sns.domain;

/**
 * An SNS error the caller caused or must be told about, named by the error shape of the API model
 * (e.g. {@code InvalidParameterException}); {@code SnsErrors} turns it into the wire error. Messages
 * follow AWS's wording ("Invalid parameter: ...").
 */
public final class SnsException extends RuntimeException {

    private final String shape;

    public SnsException(String shape, String message) {
        super(message, null, false, false);
        this.shape = shape;
    }

    /** The model's error shape name, e.g. {@code NotFoundException}. */
    public String shape() {
        return shape;
    }

    /** InvalidParameter with AWS's {@code "Invalid parameter: "} prefix added. */
    public static SnsException invalidParameter(String detail) {
        return new SnsException("InvalidParameterException", "Invalid parameter: " + detail);
    }

    /** InvalidParameter with the message exactly as given. */
    public static SnsException invalidParameterRaw(String message) {
        return new SnsException("InvalidParameterException", message);
    }

    public static SnsException invalidParameterValue(String message) {
        return new SnsException("InvalidParameterValueException", message);
    }

    public static SnsException notFound(String message) {
        return new SnsException("NotFoundException", message);
    }

    public static SnsException resourceNotFound(String message) {
        return new SnsException("ResourceNotFoundException", message);
    }

    public static SnsException authorization(String message) {
        return new SnsException("AuthorizationErrorException", message);
    }

    public static SnsException topicNotFound() {
        return notFound("Topic does not exist");
    }
}
