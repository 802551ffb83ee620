package io.haneul.ses.store;

/**
 * One captured message.
 *
 * @param destination JSON {"ToAddresses":[...],"CcAddresses":[...],"BccAddresses":[...]}
 * @param recipients  every envelope recipient, lower-cased, comma-separated with leading and trailing commas (for filters)
 * @param subject     null for raw sends (read from the MIME when shown)
 * @param meta        JSON of the event {@code mail} object and tracking context, or null
 * @param status      delivered, bounced, complaint, queued (relay pending), failed, rejected (content scan)
 */
public record MessageRow(String id, String account, String region, String source, String destination, String recipients,
                         String subject, String text, String html, byte[] raw, boolean isRaw, String configSet, String meta,
                         int nRecipients, int nBounces, int nComplaints, int nRejects, String status, long createdMs) {

    public java.time.Instant createdInstant() {
        return java.time.Instant.ofEpochMilli(createdMs);
    }
}
