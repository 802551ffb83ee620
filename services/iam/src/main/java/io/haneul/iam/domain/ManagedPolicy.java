package io.haneul.iam.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A managed policy: one of the account's own, or an AWS managed one (account {@link IamArns#AWS}).
 *
 * @param attachmentCount how many of the asking account's roles have it attached
 */
public record ManagedPolicy(String account, String name, String policyId, String path, String description,
                            String defaultVersionId, Instant createdAt, Instant updatedAt, Map<String, String> tags,
                            int attachmentCount) {

    public String arn() {
        return IamArns.policy(account, path, name);
    }

    public boolean awsManaged() {
        return IamArns.AWS.equals(account);
    }

    public ManagedPolicy withAttachmentCount(int count) {
        return new ManagedPolicy(account, name, policyId, path, description, defaultVersionId, createdAt, updatedAt, tags, count);
    }
}
