package io.haneul.core.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Mints temporary credentials: {@code ASIA…} key ids, random secrets and session tokens (STS's
 * sessions, S3's CreateSession).
 */
public final class TemporaryCredentials {

    private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final SecureRandom random;

    public TemporaryCredentials(SecureRandom random) {
        this.random = random;
    }

    /** One issued set of credentials. */
    public record Issued(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                         String roleIdPrefix) {
    }

    public Issued issue(Instant expiration) {
        byte[] secret = new byte[30];
        byte[] token = new byte[96];
        random.nextBytes(secret);
        random.nextBytes(token);
        return new Issued("ASIA" + keyChars(16), Base64.getEncoder().encodeToString(secret),
                "FwoGZXIvYXdzE" + Base64.getEncoder().encodeToString(token), expiration, "AROA" + keyChars(17));
    }

    private String keyChars(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(KEY_CHARS[random.nextInt(KEY_CHARS.length)]);
        }
        return sb.toString();
    }
}
