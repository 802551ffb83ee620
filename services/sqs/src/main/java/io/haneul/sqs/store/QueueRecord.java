package io.haneul.sqs.store;

import java.util.Map;

/**
 * A queue as stored: identity, type, settable attributes (as AWS names them, values as strings)
 * and tags.
 */
public record QueueRecord(long id, String account, String region, String name, boolean fifo,
                          Map<String, String> attributes, Map<String, String> tags,
                          long createdAt, long modifiedAt, long purgedAt) {

    public int intAttribute(String name, int defaultValue) {
        String v = attributes.get(name);
        return v == null || v.isEmpty() ? defaultValue : Integer.parseInt(v);
    }

    public boolean boolAttribute(String name) {
        return "true".equalsIgnoreCase(attributes.get(name));
    }
}
