package io.haneul.core.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary credentials issued by this server (STS sessions handed to Lambda functions), which the
 * verifier accepts beside the credentials file in strict mode until they expire. Held in memory:
 * they are good on the node that issued them (a function's process calls the node that started
 * it) and end with the server, as the processes they were issued for do. A shared component of the
 * service environment, so that the server's verifier and the STS module see the same sessions.
 */
public final class SessionCredentials implements CredentialsStore {

    /** @param signingNames the signing names requests may carry with these credentials; empty: any */
    private record Entry(Credentials credentials, Instant expiration, Set<String> signingNames) {

        boolean goodFor(String signingName) {
            return signingNames.isEmpty() || signingNames.contains(signingName);
        }
    }

    /** Fewest entries at which {@link #add} sweeps expired ones (more: twice the entries left after the last sweep). */
    private static final int MIN_SWEEP_AT = 1_024;

    private final Clock clock;
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    /** The size at which the next add sweeps: sweeping on every add would cost O(live sessions) per session. */
    private volatile int sweepAt = MIN_SWEEP_AT;

    public SessionCredentials(Clock clock) {
        this.clock = clock;
    }

    /** Makes temporary credentials (with their session token) valid until {@code expiration}. */
    public void add(Credentials credentials, Instant expiration) {
        add(credentials, expiration, Set.of());
    }

    /**
     * Makes temporary credentials valid until {@code expiration} for requests signed for one of
     * {@code signingNames} only (S3 Express sessions: {@code s3} and {@code s3express}); to any other
     * service's verifier the key is unknown.
     */
    public void add(Credentials credentials, Instant expiration, Set<String> signingNames) {
        if (credentials.sessionToken() == null) {
            throw new IllegalArgumentException("temporary credentials need a session token");
        }
        sweepWhenLarge();
        byKey.put(credentials.accessKeyId(), new Entry(credentials, expiration, Set.copyOf(signingNames)));
    }

    /**
     * As {@link #add(Credentials, Instant)}, unless the account already holds {@code maxPerAccount} live
     * sessions: then nothing is added and the answer is false (STS's GetSessionToken, which any caller
     * may repeat, must not grow the server's memory without bound).
     */
    public synchronized boolean addLimited(Credentials credentials, Instant expiration, int maxPerAccount) {
        Instant now = clock.instant();
        long held = byKey.values().stream()
                .filter(e -> e.expiration().isAfter(now) && e.credentials().accountId().equals(credentials.accountId())).count();
        if (held >= maxPerAccount) {
            return false;
        }
        add(credentials, expiration);
        return true;
    }

    private void sweepWhenLarge() {
        if (byKey.size() < sweepAt) {
            return;
        }
        Instant now = clock.instant();
        byKey.values().removeIf(e -> !e.expiration().isAfter(now));
        sweepAt = Math.max(MIN_SWEEP_AT, byKey.size() * 2);
    }

    /** Any live session's credentials, whatever services they are good for. */
    @Override
    public Optional<Credentials> find(String accessKeyId) {
        return live(accessKeyId).map(Entry::credentials);
    }

    @Override
    public Optional<Credentials> find(String accessKeyId, String signingName) {
        return live(accessKeyId).filter(e -> e.goodFor(signingName)).map(Entry::credentials);
    }

    private Optional<Entry> live(String accessKeyId) {
        Entry e = accessKeyId == null ? null : byKey.get(accessKeyId);
        return e == null || !e.expiration().isAfter(clock.instant()) ? Optional.empty() : Optional.of(e);
    }

    /** The credentials file's keys first, then these sessions. */
    public CredentialsStore after(CredentialsStore file) {
        SessionCredentials sessions = this;
        return new CredentialsStore() {
            @Override
            public Optional<Credentials> find(String key) {
                return file.find(key).or(() -> sessions.find(key));
            }

            @Override
            public Optional<Credentials> find(String key, String signingName) {
                return file.find(key, signingName).or(() -> sessions.find(key, signingName));
            }
        };
    }
}
