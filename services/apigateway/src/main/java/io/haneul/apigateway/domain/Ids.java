package io.haneul.apigateway.domain;

import java.security.SecureRandom;

/**
 * Identifiers shaped as API Gateway's: REST API and resource ids are 10 lowercase alphanumerics
 * (they appear in invoke host names, so they must be valid DNS labels), deployment ids 6.
 */
public final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public String apiId() {
        return next(10);
    }

    public String resourceId() {
        return next(10);
    }

    public String deploymentId() {
        return next(6);
    }

    /** Authorizer ids are 6 lowercase alphanumerics, as AWS's. */
    public String authorizerId() {
        return next(6);
    }

    /** The 6-character ids of models and request validators. */
    public String shortId() {
        return next(6);
    }

    /**
     * The {@code x-amz-apigw-id} of one invocation (AWS's are 16 characters, base64-like): made on
     * every request and guessable without harm, so from a per-thread generator rather than the shared,
     * locked {@link SecureRandom}.
     */
    public String extendedRequestId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        char[] out = new char[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** Lowercase hexadecimal digits, e.g. the random part of an X-Ray trace id (per request: not from the locked SecureRandom). */
    public String hex(int length) {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        char[] out = new char[length];
        long bits = 0;
        for (int i = 0; i < length; i++) {
            if (i % 16 == 0) {
                bits = r.nextLong(); // 16 digits from each draw
            }
            out[i] = Character.forDigit((int) (bits & 0xF), 16);
            bits >>>= 4;
        }
        return new String(out);
    }

    private String next(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
