package io.haneul.sns.store;

import java.util.Map;

/** A topic as stored: identity, settable attributes, tags and data protection policy. */
public record TopicRecord(String arn, String account, String region, String name, boolean fifo,
                          Map<String, String> attributes, Map<String, String> tags, String dataProtectionPolicy,
                          long createdAt, long subscriptionsDeleted) {

    public boolean contentBasedDeduplication() {
        return "true".equals(attributes.get("ContentBasedDeduplication"));
    }

    public String signatureVersion() {
        return attributes.getOrDefault("SignatureVersion", "1");
    }
}
