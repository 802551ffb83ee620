package io.haneul.s3;

import io.haneul.core.auth.SessionCredentials;
import io.haneul.core.auth.TemporaryCredentials;
import io.haneul.s3.domain.S3Exception;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressSessionsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SessionCredentials verified = new SessionCredentials(clock);
    private final ExpressSessions sessions = new ExpressSessions(new TemporaryCredentials(new SecureRandom()), Optional.of(verified), clock);

    @Test
    void aSessionLastsFiveMinutesAndIsKnownToTheVerifier() {
        TemporaryCredentials.Issued issued = sessions.open("111111111111", "b--use1-az4--x-s3", false);
        assertEquals(NOW.plus(Duration.ofMinutes(5)), issued.expiration());
        var creds = verified.find(issued.accessKeyId()).orElseThrow();
        assertEquals("111111111111", creds.accountId());
        assertEquals(issued.sessionToken(), creds.sessionToken());
    }

    @Test
    void aSessionsKeyOpensNoSession() {
        String ro = sessions.open("111111111111", "b--use1-az4--x-s3", true).accessKeyId();
        String rw = sessions.open("111111111111", "b--use1-az4--x-s3", false).accessKeyId();
        assertEquals("AccessDenied", assertThrows(S3Exception.class, () -> sessions.check(ro, "b--use1-az4--x-s3", "CreateSession")).error().name());
        assertEquals("AccessDenied", assertThrows(S3Exception.class, () -> sessions.check(rw, "b--use1-az4--x-s3", "CreateSession")).error().name());
        sessions.check("111111111111", "b--use1-az4--x-s3", "CreateSession");
    }

    @Test
    void aSessionsKeyIsUnknownToOtherServices() {
        String key = sessions.open("111111111111", "b--use1-az4--x-s3", false).accessKeyId();
        assertTrue(verified.find(key, "s3express").isPresent());
        assertTrue(verified.find(key, "sts").isEmpty());
    }

    @Test
    void aSessionIsGoodForItsBucketAndItsMode() {
        String rw = sessions.open("111111111111", "b--use1-az4--x-s3", false).accessKeyId();
        String ro = sessions.open("111111111111", "b--use1-az4--x-s3", true).accessKeyId();
        String b = "b--use1-az4--x-s3";
        sessions.check(rw, b, "PutObject");
        sessions.check(rw, b, "DeleteObject");
        sessions.check(ro, b, "GetObject");
        sessions.check(ro, b, "SelectObjectContent"); // a POST that reads
        assertEquals("AccessDenied", assertThrows(S3Exception.class, () -> sessions.check(ro, b, "PutObject")).error().name());
        assertEquals("AccessDenied", assertThrows(S3Exception.class, () -> sessions.check(ro, b, "DeleteObject")).error().name());
        assertEquals("AccessDenied", assertThrows(S3Exception.class, () -> sessions.check(rw, "c--use1-az4--x-s3", "GetObject")).error().name());
        assertEquals("AccessDenied", assertThrows(S3Exception.class, () -> sessions.check(rw, null, "ListDirectoryBuckets")).error().name());
        sessions.check("111111111111", "anything", "PutObject"); // not a session's key
        assertTrue(verified.find(ro).isPresent());
    }
}
