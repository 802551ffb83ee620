package io.haneul.sqs.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Per-request numeric limits of SQS, each with AWS's {@code InvalidParameterValue} message.
 *
 * <p>Time-dependent rules take the caller's {@code now} (read from its injected clock), so this
 * class holds no clock and no state.
 */
public final class Limits {

    public static final int MAX_VISIBILITY_TIMEOUT = 43_200;
    public static final int MAX_WAIT_TIME_SECONDS = 20;
    public static final int MAX_DELAY_SECONDS = 900;
    public static final int MAX_NUMBER_OF_MESSAGES = 10;
    public static final int MAX_LIST_QUEUES_RESULTS = 1000;
    public static final int MAX_LIST_MOVE_TASKS_RESULTS = 10;
    public static final int MAX_MOVE_MESSAGES_PER_SECOND = 500;
    /** The longest a message may stay in flight, counted from the receive that put it there. */
    public static final Duration MAX_IN_FLIGHT = Duration.ofSeconds(MAX_VISIBILITY_TIMEOUT);

    private Limits() {
    }

    /** VisibilityTimeout of ReceiveMessage or ChangeMessageVisibility: 0–43200. */
    public static int visibilityTimeout(int seconds) {
        if (seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT) {
            throw SqsException.invalidParameter("VisibilityTimeout", seconds, "Must be between 0 and 43200, if provided.");
        }
        return seconds;
    }

    /** ReceiveMessage's WaitTimeSeconds: 0–20. */
    public static int waitTimeSeconds(int seconds) {
        if (seconds < 0 || seconds > MAX_WAIT_TIME_SECONDS) {
            throw SqsException.invalidParameter("WaitTimeSeconds", seconds, "Must be >= 0 and <= 20, if provided.");
        }
        return seconds;
    }

    /** ReceiveMessage's MaxNumberOfMessages: 1–10. */
    public static int maxNumberOfMessages(int n) {
        if (n < 1 || n > MAX_NUMBER_OF_MESSAGES) {
            throw SqsException.invalidParameter("MaxNumberOfMessages", n, "Must be between 1 and 10, if provided.");
        }
        return n;
    }

    /** A message's DelaySeconds: 0–900. */
    public static int delaySeconds(int seconds) {
        if (seconds < 0 || seconds > MAX_DELAY_SECONDS) {
            throw SqsException.invalidParameter("DelaySeconds", seconds, "DelaySeconds must be >= 0 and <= 900.");
        }
        return seconds;
    }

    /** ListQueues' and ListDeadLetterSourceQueues' MaxResults: 1–1000. */
    public static int listQueuesMaxResults(int n) {
        if (n < 1 || n > MAX_LIST_QUEUES_RESULTS) {
            throw SqsException.invalidParameter("MaxResults", n, "MaxResults must be an integer between 1 and 1000.");
        }
        return n;
    }

    /** ListMessageMoveTasks' MaxResults: 1–10. */
    public static int listMoveTasksMaxResults(int n) {
        if (n < 1 || n > MAX_LIST_MOVE_TASKS_RESULTS) {
            throw SqsException.invalidParameter("MaxResults", n, "You must enter a number that's between 1 and 10.");
        }
        return n;
    }

    /** StartMessageMoveTask's MaxNumberOfMessagesPerSecond: 1–500. */
    public static int moveMessagesPerSecond(int n) {
        if (n < 1 || n > MAX_MOVE_MESSAGES_PER_SECOND) {
            throw SqsException.invalidParameter("MaxNumberOfMessagesPerSecond", n,
                    "You must enter a number that's between 1 and 500.");
        }
        return n;
    }

    /**
     * ChangeMessageVisibility: the new timeout, counted from {@code now}, may not take the message's
     * time in flight past 12 hours since {@code receivedAt}, the receive that began the current
     * in-flight period. An error, not a cap.
     *
     * @return when the message becomes visible again
     */
    public static Instant extendVisibility(Instant receivedAt, Instant now, int seconds) {
        visibilityTimeout(seconds);
        Instant visibleAt = now.plusSeconds(seconds);
        if (visibleAt.isAfter(receivedAt.plus(MAX_IN_FLIGHT))) {
            throw SqsException.invalidParameter("VisibilityTimeout", seconds,
                    "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
        }
        return visibleAt;
    }
}
