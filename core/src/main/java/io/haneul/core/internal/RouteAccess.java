package io.haneul.core.internal;

/**
 * Who may call an internal route in strict mode (permissive mode lets everyone call every route,
 * seeing all accounts).
 */
public enum RouteAccess {
    /**
     * Anyone, signed or not: links handed to people and programs that hold no keys (SNS's signing
     * certificate, SES's verification and tracking links) and the health check. An unsigned caller
     * gets {@link Viewer#anonymous()}; a signed one must sign correctly.
     */
    OPEN,
    /** Any caller with a valid signature; the route shows only what its {@link Viewer} sees. */
    SIGNED,
    /** Callers whose key is marked {@code admin} in the credentials file (server-wide actions and data). */
    ADMIN
}
