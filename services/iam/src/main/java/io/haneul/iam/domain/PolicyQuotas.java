package io.haneul.iam.domain;

import java.util.Collection;

/**
 * IAM's default quotas on policy sizes, which are far below what the API model allows (131,072
 * characters): a managed policy 6,144 characters, a trust policy 2,048, and all of a role's inline
 * policies together 10,240. As on AWS, white space does not count.
 */
public final class PolicyQuotas {

    public static final int MANAGED_POLICY_SIZE = 6_144;
    public static final int TRUST_POLICY_SIZE = 2_048;
    public static final int ROLE_INLINE_POLICIES_SIZE = 10_240;

    private PolicyQuotas() {
    }

    public static void checkManagedPolicy(String document) {
        if (size(document) > MANAGED_POLICY_SIZE) {
            throw new IamException(IamError.LimitExceeded, "Cannot exceed quota for PolicySize: " + MANAGED_POLICY_SIZE);
        }
    }

    public static void checkTrustPolicy(String document) {
        if (size(document) > TRUST_POLICY_SIZE) {
            throw new IamException(IamError.LimitExceeded, "Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_SIZE);
        }
    }

    /** @param documents every inline policy the role would have after the change */
    public static void checkRoleInlinePolicies(String roleName, Collection<String> documents) {
        if (documents.stream().mapToInt(PolicyQuotas::size).sum() > ROLE_INLINE_POLICIES_SIZE) {
            throw new IamException(IamError.LimitExceeded,
                    "Maximum policy size of " + ROLE_INLINE_POLICIES_SIZE + " bytes exceeded for role " + roleName);
        }
    }

    /** Characters that count against a quota: all but white space. */
    static int size(String document) {
        return (int) document.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }
}
