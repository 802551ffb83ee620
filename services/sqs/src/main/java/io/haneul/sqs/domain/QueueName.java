package io.haneul.sqs.domain;

import java.util.regex.Pattern;

/**
 * Queue name rules: 1–80 characters of {@code [A-Za-z0-9_-]}; a FIFO queue's name ends in
 * {@code .fifo}, which counts toward the 80, and only FIFO queues may end so.
 *
 * <p>Whether a queue is FIFO is decided by its {@code FifoQueue} attribute; the name must agree
 * (see {@link QueueAttributes#parseForCreate}).
 */
public final class QueueName {

    /** The suffix every FIFO queue name carries. */
    public static final String FIFO_SUFFIX = ".fifo";
    /** Longest name, suffix included. */
    public static final int MAX_LENGTH = 80;

    static final String STANDARD_MESSAGE =
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length";
    static final String FIFO_MESSAGE = "The name of a FIFO queue can only include alphanumeric characters, hyphens, "
            + "or underscores, must end with .fifo suffix and be 1 to 80 in length.";

    private static final Pattern STANDARD = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

    private QueueName() {
    }

    /** Whether {@code name} carries the FIFO suffix. */
    public static boolean hasFifoSuffix(String name) {
        return name != null && name.endsWith(FIFO_SUFFIX);
    }

    /** Whether {@code name} is a well-formed queue name of either type. */
    public static boolean isValid(String name) {
        return name != null && (STANDARD.matcher(name).matches() || FIFO.matcher(name).matches());
    }

    /**
     * Checks a CreateQueue name; its type is read from the suffix.
     *
     * @return the name
     * @throws SqsException InvalidParameterValue with AWS's message
     */
    public static String validate(String name) {
        if (name == null) {
            throw SqsException.invalidParameterValue("Value for parameter QueueName is invalid. Reason: Must specify a queue name.");
        }
        if (name.isEmpty()) {
            throw SqsException.invalidParameterValue("Queue name cannot be empty");
        }
        if (hasFifoSuffix(name)) {
            if (!FIFO.matcher(name).matches()) {
                throw SqsException.invalidParameterValue(FIFO_MESSAGE);
            }
        } else if (!STANDARD.matcher(name).matches()) {
            throw SqsException.invalidParameterValue(STANDARD_MESSAGE);
        }
        return name;
    }
}
