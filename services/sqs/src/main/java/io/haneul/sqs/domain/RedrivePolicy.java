package io.haneul.sqs.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A queue's RedrivePolicy: where messages go ({@code deadLetterTargetArn}) once received more than
 * {@code maxReceiveCount} times (1–1000).
 *
 * <p>Parsing checks the JSON alone; whether the target exists or has the right owner is the
 * caller's to check, with the messages from {@link #targetDoesNotExist()} and
 * {@link #ownerMismatch()}, and {@link #checkCompatible} holds the same-type rule.
 */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

    public static final String ATTRIBUTE = "RedrivePolicy";
    public static final int MIN_RECEIVE_COUNT = 1;
    public static final int MAX_RECEIVE_COUNT = 1000;

    private static final Set<String> KEYS = Set.of("deadLetterTargetArn", "maxReceiveCount");

    public RedrivePolicy {
        Objects.requireNonNull(deadLetterTargetArn, "deadLetterTargetArn");
        if (maxReceiveCount < MIN_RECEIVE_COUNT || maxReceiveCount > MAX_RECEIVE_COUNT) {
            throw new IllegalArgumentException("maxReceiveCount " + maxReceiveCount);
        }
    }

    /**
     * Parses and validates a RedrivePolicy attribute value. {@code maxReceiveCount} may be a JSON
     * number or a numeric string, as CloudFormation sends it.
     *
     * @throws SqsException InvalidParameterValue with AWS's reason
     */
    public static RedrivePolicy parse(String json) {
        Map<String, Object> map = Json.parseObject(json).orElseThrow(() -> SqsException.invalidParameterValue(
                "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map."));
        if (!map.containsKey("maxReceiveCount")) {
            throw invalid(json, "Redrive policy does not contain mandatory attribute: maxReceiveCount.");
        }
        if (!map.containsKey("deadLetterTargetArn")) {
            throw invalid(json, "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
        }
        Object rawCount = map.get("maxReceiveCount");
        Integer count = receiveCount(rawCount);
        if (count == null) {
            throw invalid(json, "Invalid value for maxReceiveCount: " + text(rawCount)
                    + ", valid values are from 1 to 1000 both inclusive.");
        }
        if (!(map.get("deadLetterTargetArn") instanceof String arn) || !QueueArns.looksLikeArn(arn)) {
            throw invalid(json, "Dead-letter target ARN should be fully qualified ARN.");
        }
        if (!"sqs".equals(QueueArns.serviceOf(arn)) || QueueArns.tryParse(arn).isEmpty()) {
            throw invalid(json, "Only SQS queues are valid resources for deadLetterTargetArn.");
        }
        if (!KEYS.containsAll(map.keySet())) {
            throw invalid(json, "Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn].");
        }
        return new RedrivePolicy(arn, count);
    }

    /** The dead-letter queue's ARN, parsed. */
    public QueueArn target() {
        return QueueArns.tryParse(deadLetterTargetArn).orElseThrow();
    }

    /**
     * The dead-letter queue must be of the source's type.
     *
     * @throws SqsException InvalidParameterValue when one is FIFO and the other is not
     */
    public void checkCompatible(boolean sourceFifo, boolean dlqFifo) {
        if (sourceFifo != dlqFifo) {
            throw invalid(toJson(), "Dead-letter queue must be same type of queue as the source..");
        }
    }

    /** InvalidParameterValue for a target queue that does not exist. */
    public SqsException targetDoesNotExist() {
        return invalid(toJson(), "Dead letter target does not exist.");
    }

    /** InvalidParameterValue for a target queue in another account. */
    public SqsException ownerMismatch() {
        return invalid(toJson(), "Dead-letter target owner should be same as the source.");
    }

    /** The canonical attribute value, as GetQueueAttributes returns it. */
    public String toJson() {
        return "{\"deadLetterTargetArn\":" + Json.quote(deadLetterTargetArn) + ",\"maxReceiveCount\":" + maxReceiveCount + "}";
    }

    private static Integer receiveCount(Object raw) {
        BigDecimal n;
        if (raw instanceof BigDecimal d) {
            n = d;
        } else if (raw instanceof String s && s.matches("-?\\d{1,9}")) {
            n = new BigDecimal(s);
        } else {
            return null;
        }
        try {
            int v = n.intValueExact();
            return v >= MIN_RECEIVE_COUNT && v <= MAX_RECEIVE_COUNT ? v : null;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static String text(Object raw) {
        return raw instanceof BigDecimal d ? d.toString() : String.valueOf(raw);
    }

    private static SqsException invalid(String value, String reason) {
        return SqsException.invalidParameter(ATTRIBUTE, value, reason);
    }
}
