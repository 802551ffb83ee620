package io.haneul.ses.domain;

/**
 * A rule of SES was broken. It names the error in both APIs, since v1 (query) and v2 (rest-json)
 * model the same failure as different shapes: {@code v1} is a v1 error shape name or a plain query
 * code, {@code v2} a v2 error shape name. {@code SesErrors} turns it into the wire error of the API
 * that was called.
 */
public final class SesException extends RuntimeException {

    private final String v1;
    private final String v2;

    public SesException(String v1, String v2, String message) {
        super(message, null, false, false);
        this.v1 = v1;
        this.v2 = v2;
    }

    public String v1() {
        return v1;
    }

    public String v2() {
        return v2;
    }

    public static SesException invalid(String message) {
        return new SesException("InvalidParameterValue", "BadRequestException", message);
    }

    public static SesException rejected(String message) {
        return new SesException("MessageRejected", "MessageRejected", message);
    }

    public static SesException notFound(String v1Shape, String message) {
        return new SesException(v1Shape, "NotFoundException", message);
    }

    public static SesException exists(String v1Shape, String message) {
        return new SesException(v1Shape, "AlreadyExistsException", message);
    }

    public static SesException limit(String message) {
        return new SesException("LimitExceededException", "LimitExceededException", message);
    }

    public static SesException throttled() {
        return new SesException("Throttling", "TooManyRequestsException", "Maximum sending rate exceeded.");
    }

    public static SesException templateMissing(String name) {
        return notFound("TemplateDoesNotExistException", "Template " + name + " does not exist.");
    }

    public static SesException configSetMissing(String name) {
        return notFound("ConfigurationSetDoesNotExistException", "Configuration set <" + name + "> does not exist.");
    }

    public static SesException ruleSetMissing(String name) {
        return notFound("RuleSetDoesNotExistException", "Rule set does not exist: " + name);
    }

    public static SesException ruleMissing(String name) {
        return notFound("RuleDoesNotExistException", "Rule does not exist: " + name);
    }
}
