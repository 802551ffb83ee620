package io.haneul.core.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary credentials issued by this server (STS sessions handed to Lambda functions), which the
 * verifier accepts beside the credentials file in strict mode until they expire. Held in memory:
 * they are good on the node that issued them (a function's process calls the node that started
 * it) and end with the server, as the processes they were issued for do. A shared component of the
 * service environment, so that the server's verifier and the STS module see the same sessions.
 */
public final class SessionCredentials implements CredentialsStore {

    private record Entry(Credentials credentials, Instant expiration) {
    }

    private final Clock clock;
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

    public SessionCredentials(Clock clock) {
        this.clock = clock;
    }

    /** Makes temporary credentials (with their session token) valid until {@code expiration}. */
    public void add(Credentials credentials, Instant expiration) {
        if (credentials.sessionToken() == null) {
            throw new IllegalArgumentException("temporary credentials need a session token");
        }
        Instant now = clock.instant();
        byKey.values().removeIf(e -> !e.expiration().isAfter(now));
        byKey.put(credentials.accessKeyId(), new Entry(credentials, expiration));
    }

    @Override
    public Optional<Credentials> find(String accessKeyId) {
        Entry e = accessKeyId == null ? null : byKey.get(accessKeyId);
        if (e == null || !e.expiration().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(e.credentials());
    }

    /** The credentials file's keys first, then these sessions. */
    public CredentialsStore after(CredentialsStore file) {
        return key -> file.find(key).or(() -> find(key));
    }
}
