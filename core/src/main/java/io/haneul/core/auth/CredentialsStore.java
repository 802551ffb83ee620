package io.haneul.core.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up the secret behind an access key id. The verifier depends on this interface only, so keys
 * may come from a file ({@link CredentialsFile}), from STS-issued sessions, or from a test fixture.
 */
@FunctionalInterface
public interface CredentialsStore {

    /** The credentials for the key id, or empty when the key is unknown. */
    Optional<Credentials> find(String accessKeyId);

    /**
     * The credentials for the key id as a request signed for {@code signingName} may use them, or empty
     * when the key is unknown or not good for that service (S3 Express sessions serve S3 alone).
     */
    default Optional<Credentials> find(String accessKeyId, String signingName) {
        return find(accessKeyId);
    }

    /**
     * An immutable store holding the given credentials.
     *
     * @throws IllegalArgumentException when a key id appears twice
     */
    static CredentialsStore of(Collection<Credentials> credentials) {
        Map<String, Credentials> byKey = new LinkedHashMap<>();
        for (Credentials c : credentials) {
            if (byKey.putIfAbsent(c.accessKeyId(), c) != null) {
                throw new IllegalArgumentException("Duplicate access key id " + c.accessKeyId());
            }
        }
        Map<String, Credentials> frozen = Map.copyOf(byKey);
        return key -> key == null ? Optional.empty() : Optional.ofNullable(frozen.get(key));
    }

    /** An immutable store holding the given credentials. */
    static CredentialsStore of(Credentials... credentials) {
        return of(java.util.List.of(credentials));
    }
}
