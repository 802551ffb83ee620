package io.haneul.sns.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Publish checks about a message: size (262,144 bytes with attributes), subject,
 * MessageStructure=json (a string {@code default} and per-protocol overrides), and the FIFO
 * parameters.
 */
public final class PublishRules {

    public static final int MAX_BYTES = 262_144;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishRules() {
    }

    /** Checks message, subject and attributes; returns the total size in bytes. */
    public static int validateMessage(String message, String subject, Map<String, MessageAttributes.Attribute> attributes) {
        if (message == null || message.isEmpty()) {
            throw SnsException.invalidParameter("Empty message");
        }
        if (subject != null) {
            validateSubject(subject);
        }
        int size = message.getBytes(StandardCharsets.UTF_8).length + MessageAttributes.validate(attributes);
        if (size > MAX_BYTES) {
            throw SnsException.invalidParameter("Message too long");
        }
        return size;
    }

    static void validateSubject(String subject) {
        if (subject.isEmpty() || subject.length() >= 100) {
            throw SnsException.invalidParameter("Subject");
        }
        for (char c : subject.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                throw SnsException.invalidParameter("Subject");
            }
        }
        if (subject.charAt(0) == ' ') {
            throw SnsException.invalidParameter("Subject");
        }
    }

    /**
     * Parses a MessageStructure=json message into its per-protocol strings (keys such as
     * {@code default}, {@code sqs}, {@code http}, {@code GCM}).
     */
    public static Map<String, String> structure(String message) {
        JsonNode n;
        try {
            n = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            throw SnsException.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        if (n == null || !n.isObject()) {
            throw SnsException.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        if (!n.has("default") || !n.get("default").isTextual()) {
            throw SnsException.invalidParameter("Message Structure - No default entry in JSON message body");
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return out;
    }

    /** Checks MessageGroupId/MessageDeduplicationId against the topic type and the topic's deduplication setting. */
    public static void validateFifo(boolean fifoTopic, boolean contentBasedDedup, String groupId, String dedupId) {
        if (fifoTopic) {
            if (groupId == null || groupId.isEmpty()) {
                throw SnsException.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
            }
            if (dedupId == null && !contentBasedDedup) {
                throw SnsException.invalidParameter("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
        } else if (dedupId != null) {
            throw SnsException.invalidParameter("MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type");
        }
        if (groupId != null && !groupId.matches("[\\x21-\\x7e]{1,128}")) {
            throw SnsException.invalidParameter("MessageGroupId Reason: must be 1 to 128 printable ASCII characters");
        }
        if (dedupId != null && !dedupId.matches("[\\x21-\\x7e]{1,128}")) {
            throw SnsException.invalidParameter("MessageDeduplicationId Reason: must be 1 to 128 printable ASCII characters");
        }
    }

    /** Content-based deduplication id: SHA-256 of the message, hex. */
    public static String contentDedupId(String message) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
