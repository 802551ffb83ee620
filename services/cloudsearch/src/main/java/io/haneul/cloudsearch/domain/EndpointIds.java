package io.haneul.cloudsearch.domain;

import java.security.SecureRandom;

/**
 * The part of a domain's endpoints that names it: {@code <domain>-<26 lowercase letters and digits>},
 * as AWS's {@code doc-movies-oopcnjfn6ugofer3zx5iadxxca...}. Random, so that a domain deleted and
 * created again under the same name gets new endpoints, as on AWS.
 */
public final class EndpointIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public String next(String domainName) {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return domainName + "-" + new String(id);
    }
}
