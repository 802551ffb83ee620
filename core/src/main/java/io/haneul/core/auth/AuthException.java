package io.haneul.core.auth;

import java.util.Map;
import java.util.Objects;

/**
 * An authentication failure answered the way the real service answers it: an AWS error code, the
 * message, the HTTP status and optional extra error fields (S3 adds e.g. {@code RequestTime},
 * {@code ServerTime}, {@code StringToSign}). Protocol-neutral: the protocol layer renders it as XML,
 * JSON or query XML.
 *
 * <p>Stack traces are not filled: these are answers to clients, not bugs. Messages and details never
 * contain secrets, session tokens or full signatures.
 */
public final class AuthException extends RuntimeException {

    private final String code;
    private final int status;
    private final Map<String, String> details;

    public AuthException(String code, String message, int status) {
        this(code, message, status, Map.of());
    }

    /**
     * @param details extra error fields keyed by wire name, in no particular order
     */
    public AuthException(String code, String message, int status, Map<String, String> details) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.status = status;
        this.details = Map.copyOf(details);
    }

    /** AWS error code, e.g. {@code SignatureDoesNotMatch}. */
    public String code() {
        return code;
    }

    /** HTTP status to answer. */
    public int status() {
        return status;
    }

    /** Extra error fields (may be empty). */
    public Map<String, String> details() {
        return details;
    }

    @Override
    public String toString() {
        return "AuthException[" + code + " " + status + ": " + getMessage() + "]";
    }
}
