package io.haneul.lambda.domain;

import java.util.regex.Pattern;

/**
 * What AWS accepts as an asynchronous invocation's destination (EventInvokeConfig's OnSuccess and
 * OnFailure) and as a dead-letter target (DeadLetterConfig), with AWS's refusals. Destinations may
 * be an SQS queue, an SNS topic, a Lambda function (not the function itself) or an EventBridge
 * event bus; dead-letter targets an SQS standard queue or an SNS topic.
 */
public final class DestinationRules {

    /** The model's pattern for a destination ARN; a value outside it is refused before anything else, as AWS's validation layer does. */
    static final String DESTINATION_PATTERN =
            "^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
    private static final Pattern DESTINATION = Pattern.compile(DESTINATION_PATTERN);

    /** The kinds of destination, by the ARN's service. */
    public enum Kind { QUEUE, TOPIC, FUNCTION, EVENT_BUS }

    private DestinationRules() {
    }

    /**
     * Checks a DestinationConfig. {@code functionExists} answers whether a Lambda destination names
     * an existing function of the caller's account and region.
     */
    public static void checkDestinations(String ownName, String onSuccess, String onFailure,
                                         java.util.function.Predicate<String> functionExists) {
        checkPattern(onSuccess, "onSuccess");
        checkPattern(onFailure, "onFailure");
        boolean valid = acceptable(ownName, onSuccess, functionExists) & acceptable(ownName, onFailure, functionExists);
        if (!valid) {
            throw LambdaException.invalidParameter("The provided destination config DestinationConfig(onSuccess="
                    + (empty(onSuccess) ? "null" : "OnSuccess(destination=" + onSuccess + ")") + ", onFailure="
                    + (empty(onFailure) ? "null" : "OnFailure(destination=" + onFailure + ")") + ") is invalid.");
        }
    }

    /** The kind of a destination already accepted by {@link #checkDestinations}. */
    public static Kind kind(String arn) {
        return switch (arn.split(":", -1)[2]) {
            case "sqs" -> Kind.QUEUE;
            case "sns" -> Kind.TOPIC;
            case "lambda" -> Kind.FUNCTION;
            case "events" -> Kind.EVENT_BUS;
            default -> throw new IllegalArgumentException("not a destination: " + arn);
        };
    }

    /** Checks DeadLetterConfig's TargetArn (null or empty: none). */
    public static void checkDeadLetterTarget(String arn) {
        if (empty(arn)) {
            return;
        }
        if (!arn.startsWith("arn:")) {
            throw LambdaException.invalidParameter("Invalid dead letter queue ARN: ARNs must start with 'arn:'");
        }
        String[] parts = arn.split(":", -1);
        if (parts.length < 6 || !(parts[2].equals("sqs") || parts[2].equals("sns")) || parts[5].isEmpty()) {
            throw LambdaException.invalidParameter("Invalid dead letter queue ARN: " + arn
                    + ". The target must be an Amazon SQS queue or an Amazon SNS topic.");
        }
        if (parts[2].equals("sqs") && parts[5].endsWith(".fifo")) {
            throw LambdaException.invalidParameter("Invalid dead letter queue ARN: FIFO SQS queue is not supported for dead letter configuration");
        }
    }

    private static void checkPattern(String arn, String member) {
        if (arn != null && !DESTINATION.matcher(arn).matches()) {
            throw new LambdaException("ValidationException", 400, "1 validation error detected: Value '" + arn
                    + "' at 'destinationConfig." + member + ".destination' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: " + DESTINATION_PATTERN);
        }
    }

    private static boolean acceptable(String ownName, String arn, java.util.function.Predicate<String> functionExists) {
        if (empty(arn)) {
            return true;
        }
        String[] parts = arn.split(":", -1);
        if (parts.length < 6 || parts[5].isEmpty()) {
            return false;
        }
        switch (parts[2]) {
            case "sqs", "sns", "events" -> {
                return true;
            }
            case "lambda" -> {
                if (parts.length < 7 || !"function".equals(parts[5])) {
                    return false;
                }
                if (parts[6].equals(ownName)) {
                    throw LambdaException.invalidParameter("You can't specify the function as a destination for itself.");
                }
                if (!functionExists.test(arn)) {
                    throw LambdaException.invalidParameter("The destination ARN " + arn + " is invalid.");
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
