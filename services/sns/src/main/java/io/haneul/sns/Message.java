package io.haneul.sns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.haneul.sns.domain.MessageAttributes;

import java.util.Map;

/**
 * One published message as delivery needs it: what was published (with MessageStructure=json
 * already split per protocol), when and where from. Stored inside delivery jobs as JSON, so a job
 * is self-contained and survives restarts.
 *
 * @param structure      per-protocol messages (MessageStructure=json), or null
 * @param baseUrl        base of the URLs in envelopes (UnsubscribeURL, SigningCertURL)
 * @param sequenceNumber FIFO sequence number, or null
 */
record Message(String messageId, String topicArn, String message, Map<String, String> structure, String subject,
               Map<String, MessageAttributes.Attribute> attributes, String timestamp, String baseUrl,
               String sequenceNumber, String groupId, String dedupId) {

    /** The message a protocol gets: its own key of a JSON structure, else {@code default}. */
    @JsonIgnore
    String forProtocol(String key) {
        if (structure == null) {
            return message;
        }
        String own = structure.get(key);
        return own != null ? own : structure.get("default");
    }
}
