package io.haneul.transcoder.domain;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Elastic Transcoder's identifiers: thirteen digits (the creation time in milliseconds) and six
 * lowercase letters or digits, e.g. {@code 1111111111111-abcde1}. The time prefix makes ids sort in
 * creation order, which the listings' {@code Ascending} relies on.
 */
public final class Ids {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        StringBuilder id = new StringBuilder(String.format("%013d", clock.millis() % 10_000_000_000_000L)).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
