package io.haneul.s3.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class ObjectLockTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final long LATER = NOW.plusSeconds(3600).toEpochMilli();

    @Test
    void storedFormRoundTrips() {
        ObjectLock lock = new ObjectLock("GOVERNANCE", LATER, "ON");
        assertEquals(lock, ObjectLock.parse(lock.format()));
        assertEquals(ObjectLock.NONE, ObjectLock.parse(null));
        assertNull(ObjectLock.NONE.format());
        assertEquals(new ObjectLock(null, null, "OFF"), ObjectLock.parse(new ObjectLock(null, null, "OFF").format()));
    }

    @Test
    void protectionFollowsModeDateAndHold() {
        assertTrue(new ObjectLock("COMPLIANCE", LATER, null).protects(NOW, true));
        assertTrue(new ObjectLock("GOVERNANCE", LATER, null).protects(NOW, false));
        assertFalse(new ObjectLock("GOVERNANCE", LATER, null).protects(NOW, true));
        assertFalse(new ObjectLock("COMPLIANCE", NOW.toEpochMilli(), null).protects(NOW, false), "ends at its date");
        assertTrue(new ObjectLock(null, null, "ON").protects(NOW, true));
        assertFalse(new ObjectLock(null, null, "OFF").protects(NOW, false));
    }

    @Test
    void retentionChangesFollowS3Rules() {
        ObjectLock compliance = new ObjectLock("COMPLIANCE", LATER, null);
        assertTrue(compliance.allowsRetentionChange("COMPLIANCE", LATER + 1, NOW, false));
        assertFalse(compliance.allowsRetentionChange("COMPLIANCE", LATER - 1, NOW, true));
        assertFalse(compliance.allowsRetentionChange("GOVERNANCE", LATER + 1, NOW, true));
        ObjectLock governance = new ObjectLock("GOVERNANCE", LATER, null);
        assertFalse(governance.allowsRetentionChange("GOVERNANCE", LATER - 1, NOW, false));
        assertTrue(governance.allowsRetentionChange("GOVERNANCE", LATER - 1, NOW, true));
        assertTrue(governance.allowsRetentionChange("COMPLIANCE", LATER, NOW, true));
    }
}
