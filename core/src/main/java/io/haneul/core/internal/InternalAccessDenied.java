package io.haneul.core.internal;

/**
 * Thrown by {@link Viewer} (or a route) when the caller may not see what it asked for; the server
 * answers 403 with an {@code AccessDenied} JSON body. No stack trace: it is an answer, not a bug.
 */
public final class InternalAccessDenied extends RuntimeException {

    public InternalAccessDenied(String message) {
        super(message, null, false, false);
    }

    /** The error code of the answer. */
    public String code() {
        return "AccessDenied";
    }
}
