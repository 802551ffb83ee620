package io.haneul.cloudsearch.domain;

import io.haneul.core.policy.MalformedPolicyException;
import io.haneul.core.policy.PolicyDocument;

/**
 * A domain's service access policy must be an IAM policy document (the parser resource policies use
 * elsewhere); an empty string removes the policy.
 */
public final class PolicyRules {

    private PolicyRules() {
    }

    public static void check(String policy) {
        if (policy.isBlank()) {
            return;
        }
        try {
            PolicyDocument.parse(policy);
        } catch (MalformedPolicyException e) {
            throw CloudSearchException.invalid("Access policy is not valid: " + e.getMessage());
        }
    }
}
