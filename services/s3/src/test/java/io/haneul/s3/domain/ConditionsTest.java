package io.haneul.s3.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class ConditionsTest {

    static final String ETAG = "\"abc\"";
    static final Instant MODIFIED = Instant.parse("2024-05-01T10:00:00.700Z");
    static final Instant BEFORE = Instant.parse("2024-05-01T09:00:00Z");
    static final Instant AFTER = Instant.parse("2024-05-01T11:00:00Z");

    static S3Error read(String ifMatch, String ifNoneMatch, Instant ims, Instant ius) {
        try {
            Conditions.checkRead(ETAG, MODIFIED, ifMatch, ifNoneMatch, ims, ius);
            return null;
        } catch (S3Exception e) {
            return e.error();
        }
    }

    @Test
    void readPrecedence() {
        assertNull(read(null, null, null, null));
        assertNull(read("\"abc\"", null, null, null));
        assertNull(read("abc", null, null, null), "quotes are optional");
        assertNull(read("\"x\", \"abc\"", null, null, null), "a list");
        assertNull(read("*", null, null, null));
        assertEquals(S3Error.PreconditionFailed, read("\"x\"", null, null, null));
        assertEquals(S3Error.PreconditionFailed, read(null, null, null, BEFORE));
        assertNull(read("\"abc\"", null, null, BEFORE), "If-Match true overrides If-Unmodified-Since false");
        assertEquals(S3Error.NotModified, read(null, "\"abc\"", null, null));
        assertEquals(S3Error.NotModified, read(null, null, AFTER, null));
        assertNull(read(null, null, BEFORE, null));
        assertNull(read(null, "\"x\"", AFTER, null), "If-None-Match false (no match) overrides If-Modified-Since");
        assertEquals(S3Error.NotModified, read(null, null, Instant.parse("2024-05-01T10:00:00Z"), null),
                "compared at whole seconds, as HTTP dates carry them");
        assertEquals(S3Error.PreconditionFailed, read("\"x\"", "\"abc\"", null, null), "412 before 304");
    }

    @Test
    void copySourceFailuresAreAll412() {
        assertThrows(S3Exception.class, () -> Conditions.checkCopySource(ETAG, MODIFIED, null, "\"abc\"", null, null));
        S3Exception e = assertThrows(S3Exception.class, () -> Conditions.checkCopySource(ETAG, MODIFIED, null, null, AFTER, null));
        assertEquals(S3Error.PreconditionFailed, e.error());
        Conditions.checkCopySource(ETAG, MODIFIED, "\"abc\"", null, BEFORE, null);
    }

    @Test
    void conditionalWrites() {
        Conditions.checkWrite("k", null, null, "*");
        assertEquals(S3Error.PreconditionFailed, assertThrows(S3Exception.class, () -> Conditions.checkWrite("k", ETAG, null, "*")).error());
        assertEquals(S3Error.NoSuchKey, assertThrows(S3Exception.class, () -> Conditions.checkWrite("k", null, ETAG, null)).error());
        assertEquals(S3Error.PreconditionFailed, assertThrows(S3Exception.class, () -> Conditions.checkWrite("k", ETAG, "\"z\"", null))
                .error());
        Conditions.checkWrite("k", ETAG, ETAG, null);
    }
}
