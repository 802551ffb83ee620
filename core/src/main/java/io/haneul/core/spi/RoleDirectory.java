package io.haneul.core.spi;

import java.util.Optional;

/**
 * The roles an account has created, as services that hand out or check a role need them (STS
 * AssumeRole, and later Lambda's execution role and SDK helpers' PassRole checks). Exported by the
 * IAM module; where IAM is not served nothing exports it and callers keep accepting any well-formed
 * role ARN, as before IAM existed.
 */
public interface RoleDirectory {

    /**
     * A stored role.
     *
     * @param account                   the owning account
     * @param name                      the role's name as created (IAM matches names case-insensitively)
     * @param roleId                    the unique id, {@code AROA} and 17 characters
     * @param arn                       {@code arn:aws:iam::<account>:role/<path><name>}
     * @param maxSessionDurationSeconds the longest session AssumeRole may grant (3600 to 43200)
     * @param trustPolicy               the role's AssumeRolePolicyDocument as stored (JSON), for callers
     *                                  that check which service may assume it (Lambda's execution role)
     */
    record Role(String account, String name, String roleId, String arn, int maxSessionDurationSeconds, String trustPolicy) {
    }

    /**
     * The role a role ARN names, or empty when the account has no role of that name or the ARN's
     * path is not the role's (an ARN names one role exactly; names match regardless of case).
     */
    Optional<Role> findByArn(String roleArn);
}
