package io.haneul.s3.store;

import java.util.Map;

/**
 * A bucket as stored. Configuration documents (CORS, notifications) are JSON written by the
 * service; the policy is kept as the client sent it.
 *
 * @param versioning null (never enabled), {@code Enabled} or {@code Suspended}
 */
public record BucketRecord(String name, String account, String region, long createdAt, String versioning,
                           Map<String, String> tags, String cors, String policy, String notification) {

    public boolean versioningEnabled() {
        return "Enabled".equals(versioning);
    }
}
