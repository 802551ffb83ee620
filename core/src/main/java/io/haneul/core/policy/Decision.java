package io.haneul.core.policy;

/**
 * The outcome of evaluating one policy for one request, as AWS combines statements: an explicit
 * {@link #DENY} wins over any {@link #ALLOW}; with neither, the request is {@link #NOT_GRANTED} (the
 * implicit deny), which a caller may still let through on other grounds (the resource's owner).
 */
public enum Decision {
    ALLOW, DENY, NOT_GRANTED;

    public boolean allowed() {
        return this == ALLOW;
    }
}
