package io.haneul.iam.domain;

import java.util.random.RandomGenerator;

/**
 * IAM's unique ids: a four-letter prefix naming the kind of entity ({@code AROA} roles, {@code ANPA}
 * managed policies, {@code AIPA} instance profiles) and 17 random uppercase letters and digits, as
 * AWS issues them. The random source is injected so tests can make ids predictable.
 */
public final class IamIds {

    private static final char[] CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final RandomGenerator random;

    public IamIds(RandomGenerator random) {
        this.random = random;
    }

    public String role() {
        return next("AROA");
    }

    public String policy() {
        return next("ANPA");
    }

    public String instanceProfile() {
        return next("AIPA");
    }

    private String next(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            sb.append(CHARS[random.nextInt(CHARS.length)]);
        }
        return sb.toString();
    }
}
