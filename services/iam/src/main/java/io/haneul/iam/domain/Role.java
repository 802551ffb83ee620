package io.haneul.iam.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A stored role. The trust policy is kept as the caller sent it.
 *
 * @param permissionsBoundary ARN of the managed policy set as boundary, or null (stored, not enforced)
 */
public record Role(String account, String name, String roleId, String path, String trustPolicy, String description,
                   int maxSessionDuration, String permissionsBoundary, Instant createdAt, Map<String, String> tags) {

    /** AWS's default MaxSessionDuration: one hour. */
    public static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    public String arn() {
        return IamArns.role(account, path, name);
    }

    public String key() {
        return Names.key(name);
    }
}
