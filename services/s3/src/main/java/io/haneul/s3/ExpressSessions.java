package io.haneul.s3;

import io.haneul.core.auth.Credentials;
import io.haneul.core.auth.SessionCredentials;
import io.haneul.core.auth.TemporaryCredentials;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions CreateSession opens on a directory bucket: temporary credentials good for five minutes,
 * for that one bucket, read-write or read-only. They are registered with the server's
 * {@link SessionCredentials}, which its SigV4 verifier consults (a request presents the session's token
 * in {@code x-amz-s3session-token}), and kept here with their bucket and mode, which
 * {@link #check} enforces on every operation signed with one: another bucket, anything but a read
 * with a read-only session, or CreateSession, is {@code AccessDenied}. The key is good for S3's signing
 * names only: every other service's verifier does not know it. Held in memory, like STS's sessions: good on the node
 * that issued them, gone with the server (clients open a new one when theirs is refused or expires).
 */
final class ExpressSessions {

    /** How long a session's credentials last, as S3 Express One Zone's do. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    /** The signing names a session's key is good for: to every other service's verifier it is unknown. */
    static final java.util.Set<String> SIGNING_NAMES = java.util.Set.of("s3", "s3express");

    /** The operations a read-only session may call: the reads of a directory bucket's zonal endpoint. */
    static final java.util.Set<String> READS = java.util.Set.of("GetObject", "HeadObject", "GetObjectAttributes",
            "ListObjectsV2", "ListObjects", "HeadBucket", "ListParts", "ListMultipartUploads", "SelectObjectContent");

    /** One open session. */
    record Session(String bucket, boolean readOnly, Instant expiration) {
    }

    private final TemporaryCredentials minter;
    private final Optional<SessionCredentials> verified;
    private final Clock clock;
    private final Map<String, Session> byKey = new ConcurrentHashMap<>();

    ExpressSessions(TemporaryCredentials minter, Optional<SessionCredentials> verified, Clock clock) {
        this.minter = minter;
        this.verified = verified;
        this.clock = clock;
    }

    /** Opens a session on {@code bucket} for {@code account}. */
    TemporaryCredentials.Issued open(String account, String bucket, boolean readOnly) {
        Instant now = clock.instant();
        Instant expiration = now.plus(LIFETIME);
        TemporaryCredentials.Issued issued = minter.issue(expiration);
        byKey.values().removeIf(s -> !s.expiration().isAfter(now));
        byKey.put(issued.accessKeyId(), new Session(bucket, readOnly, expiration));
        verified.ifPresent(v -> v.add(new Credentials(issued.accessKeyId(), issued.secretAccessKey(), account, issued.sessionToken()),
                expiration, SIGNING_NAMES));
        return issued;
    }

    /**
     * Refuses an operation signed with a session's key that reaches another bucket than the session's,
     * that is not a read with a read-only session, or that opens a session (a session's key cannot
     * open another, which could be read-write); a request signed with any other key passes.
     *
     * @param bucket    the bucket the request addresses, or null when it names none
     * @param operation the operation the request was routed to
     */
    void check(String accessKeyId, String bucket, String operation) {
        Session s = accessKeyId == null ? null : byKey.get(accessKeyId);
        if (s == null || !s.expiration().isAfter(clock.instant())) {
            return;
        }
        if ("CreateSession".equals(operation) || !s.bucket().equals(bucket) || (s.readOnly() && !READS.contains(operation))) {
            throw new S3Exception(S3Error.AccessDenied);
        }
    }
}
