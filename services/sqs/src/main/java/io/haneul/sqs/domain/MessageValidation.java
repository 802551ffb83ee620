package io.haneul.sqs.domain;

import java.util.regex.Pattern;

/**
 * SendMessage rules: the body (present, allowed characters), attributes (see
 * {@link MessageAttributeRules}), total size against the queue's MaximumMessageSize, DelaySeconds
 * and the FIFO identifiers (group id required, deduplication id or content-based deduplication).
 */
public final class MessageValidation {

    static final String INVALID_CHARACTERS = "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | "
            + "#x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF";
    public static final int MAX_ID_LENGTH = 128;

    private static final Pattern FIFO_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private MessageValidation() {
    }

    /**
     * Validates a message for a queue and works out its delay, deduplication id and checksums.
     *
     * @throws SqsException MissingParameter, InvalidMessageContents or InvalidParameterValue
     */
    public static ValidatedSend validateSend(SendInput in, QueueAttributes queue) {
        checkBody(in.body());
        MessageAttributeRules.checkAttributes(in.attributes());
        MessageAttributeRules.checkSystemAttributes(in.systemAttributes());
        checkSize(in, queue.maximumMessageSize());
        int delay = delaySeconds(in.delaySeconds(), queue.fifo(), queue.delaySeconds());
        String group = messageGroupId(in.messageGroupId(), queue.fifo());
        String dedup = deduplicationId(in.messageDeduplicationId(), in.body(), queue.fifo(), queue.contentBasedDeduplication());
        return new ValidatedSend(delay, group, dedup, MessageChecksums.md5OfBody(in.body()),
                MessageChecksums.md5OfAttributes(in.attributes()), MessageChecksums.md5OfSystemAttributes(in.systemAttributes()));
    }

    /** The body is required, non-empty and made only of the characters XML 1.0 allows. */
    public static void checkBody(String body) {
        if (body == null || body.isEmpty()) {
            throw SqsException.missingParameter("MessageBody");
        }
        if (!validCharacters(body)) {
            throw new SqsException(SqsError.InvalidMessageContents, INVALID_CHARACTERS);
        }
    }

    /** Whether every code point is #x9, #xA, #xD, #x20–#xD7FF, #xE000–#xFFFD or #x10000–#x10FFFF. */
    public static boolean validCharacters(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Body plus attributes may not exceed the queue's MaximumMessageSize. */
    public static void checkSize(SendInput in, int maximumMessageSize) {
        if (in.size() > maximumMessageSize) {
            throw SqsException.invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than "
                    + maximumMessageSize + " bytes.");
        }
    }

    /**
     * The delay to apply: the request's (0–900) or the queue's. FIFO queues only have a queue-level
     * delay, so a non-zero per-message one is rejected.
     */
    public static int delaySeconds(Integer requested, boolean fifo, int queueDelaySeconds) {
        if (requested == null) {
            return queueDelaySeconds;
        }
        Limits.delaySeconds(requested);
        if (fifo) {
            if (requested != 0) {
                throw SqsException.invalidParameter("DelaySeconds", requested,
                        "The request include parameter that is not valid for this queue type.");
            }
            return queueDelaySeconds;
        }
        return requested;
    }

    /** FIFO queues require a group id; standard queues accept one (fair queues). Either way it must be well-formed. */
    public static String messageGroupId(String groupId, boolean fifo) {
        if (groupId == null || groupId.isEmpty()) {
            if (fifo) {
                throw SqsException.missingParameter("MessageGroupId");
            }
            return null;
        }
        checkFifoId("MessageGroupId", groupId);
        return groupId;
    }

    /**
     * The deduplication id of a FIFO message: the explicit one, else the SHA-256 of the body when the
     * queue has ContentBasedDeduplication. Standard queues take none.
     */
    public static String deduplicationId(String explicitId, String body, boolean fifo, boolean contentBasedDeduplication) {
        boolean given = explicitId != null && !explicitId.isEmpty();
        if (!fifo) {
            if (given) {
                throw SqsException.invalidParameter("MessageDeduplicationId", explicitId,
                        "The request includes a parameter that is not valid for this queue type.");
            }
            return null;
        }
        if (given) {
            checkFifoId("MessageDeduplicationId", explicitId);
            return explicitId;
        }
        if (!contentBasedDeduplication) {
            throw SqsException.invalidParameterValue("The queue should either have ContentBasedDeduplication enabled or "
                    + "MessageDeduplicationId provided explicitly");
        }
        return MessageChecksums.contentDeduplicationId(body);
    }

    private static void checkFifoId(String parameter, String id) {
        if (!FIFO_ID.matcher(id).matches()) {
            throw SqsException.invalidParameter(parameter, id,
                    parameter + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
    }
}
