package io.haneul.core.auth;

import java.util.Objects;

/**
 * One access key known to the server: the key id, its secret, the account it belongs to and, for
 * temporary credentials, the session token a request must present.
 *
 * <p>Why a dedicated type: the secret must never reach a log line, so {@link #toString()} masks it.
 *
 * @param accessKeyId     the public key id (e.g. {@code AKIAIOSFODNN7EXAMPLE})
 * @param secretAccessKey the signing secret
 * @param accountId       the 12-digit account id the key acts for
 * @param sessionToken    the session token temporary credentials require, or {@code null}
 * @param admin           whether the key may see every account on Haneul's internal endpoints
 *                        ({@code /_haneul/...}); API calls are unaffected
 */
public record Credentials(String accessKeyId, String secretAccessKey, String accountId, String sessionToken, boolean admin) {

    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** Credentials of an ordinary (non-admin) key. */
    public Credentials(String accessKeyId, String secretAccessKey, String accountId, String sessionToken) {
        this(accessKeyId, secretAccessKey, accountId, sessionToken, false);
    }

    /** Long-term credentials (no session token). */
    public Credentials(String accessKeyId, String secretAccessKey, String accountId) {
        this(accessKeyId, secretAccessKey, accountId, null, false);
    }

    /**
     * Whether a request presenting {@code token} may use these credentials: always for long-term keys
     * (a token beside one is not looked at), for temporary ones only with their own token (compared in
     * constant time).
     */
    public boolean acceptsToken(String token) {
        return sessionToken == null || token != null && java.security.MessageDigest.isEqual(
                sessionToken.getBytes(java.nio.charset.StandardCharsets.UTF_8), token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****, accountId=" + accountId
                + (sessionToken == null ? "" : ", sessionToken=****") + (admin ? ", admin" : "") + "]";
    }
}
