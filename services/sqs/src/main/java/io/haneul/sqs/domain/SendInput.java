package io.haneul.sqs.domain;

import java.util.Map;

/**
 * One message to send, as a SendMessage request or a SendMessageBatch entry carries it.
 *
 * @param delaySeconds null when the request does not set it
 */
public record SendInput(String body, Integer delaySeconds, Map<String, MessageAttribute> attributes,
                        Map<String, MessageAttribute> systemAttributes, String messageGroupId,
                        String messageDeduplicationId) {

    /** A plain message: body only. */
    public static SendInput of(String body) {
        return new SendInput(body, null, Map.of(), Map.of(), null, null);
    }

    /** Bytes counted against MaximumMessageSize: the UTF-8 body plus attribute names, types and values. */
    public long size() {
        return MessageAttributeRules.utf8Length(body) + MessageAttributeRules.size(attributes);
    }
}
