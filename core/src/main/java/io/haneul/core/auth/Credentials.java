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
 */
public record Credentials(String accessKeyId, String secretAccessKey, String accountId, String sessionToken) {

    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** Long-term credentials (no session token). */
    public Credentials(String accessKeyId, String secretAccessKey, String accountId) {
        this(accessKeyId, secretAccessKey, accountId, null);
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****, accountId=" + accountId
                + (sessionToken == null ? "" : ", sessionToken=****") + "]";
    }
}
