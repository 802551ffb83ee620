package io.haneul.iam.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An instance profile: a container for at most one role, as AWS allows. */
public record InstanceProfile(String account, String name, String profileId, String path, Instant createdAt,
                              Map<String, String> tags, List<Role> roles) {

    public String arn() {
        return IamArns.instanceProfile(account, path, name);
    }
}
