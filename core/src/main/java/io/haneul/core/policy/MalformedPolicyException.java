package io.haneul.core.policy;

/** A policy document that is not JSON, or whose structure is not a policy's; each service maps it to its own error. */
public final class MalformedPolicyException extends IllegalArgumentException {

    public MalformedPolicyException(String message) {
        super(message);
    }
}
