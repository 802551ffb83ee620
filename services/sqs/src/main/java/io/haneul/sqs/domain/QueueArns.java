package io.haneul.sqs.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and parses queue ARNs ({@code arn:aws:sqs:<region>:<account>:<name>}), which RedrivePolicy,
 * RedriveAllowPolicy and the message-move operations use to name queues.
 */
public final class QueueArns {

    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):sqs:([a-z0-9-]{1,64}):(\\d{12}):([A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo)");
    private static final Pattern ANY_ARN = Pattern.compile("arn:[^:]+:([^:]*):[^:]*:[^:]*:.+");

    private QueueArns() {
    }

    /** {@code arn:aws:sqs:<region>:<account>:<name>}. */
    public static String build(String region, String accountId, String queueName) {
        return new QueueArn(region, accountId, queueName).toString();
    }

    /** The queue ARN's parts, or empty when {@code arn} is not a well-formed SQS queue ARN. */
    public static Optional<QueueArn> tryParse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(arn);
        return m.matches() ? Optional.of(new QueueArn(m.group(1), m.group(2), m.group(3), m.group(4))) : Optional.empty();
    }

    /**
     * Parses an ARN given as request parameter {@code parameter} (e.g. SourceArn).
     *
     * @throws SqsException InvalidParameterValue naming the format AWS expects
     */
    public static QueueArn parse(String arn, String parameter) {
        return tryParse(arn).orElseThrow(() -> SqsException.invalidParameterValue("You must use this format to specify the "
                + parameter + ": arn:<partition>:<service>:<region>:<account-id>:<resource-id>"));
    }

    /** Whether {@code arn} looks like an ARN at all (of any service). */
    static boolean looksLikeArn(String arn) {
        return arn != null && ANY_ARN.matcher(arn).matches();
    }

    /** The service part of an ARN-shaped string, or null. */
    static String serviceOf(String arn) {
        if (arn == null) {
            return null;
        }
        Matcher m = ANY_ARN.matcher(arn);
        return m.matches() ? m.group(1) : null;
    }
}
