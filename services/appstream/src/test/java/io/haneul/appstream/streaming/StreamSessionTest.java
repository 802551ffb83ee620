package io.haneul.appstream.streaming;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's timeouts as AWS's fleet settings define them, on a given clock reading. */
class StreamSessionTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static SessionRequest request(int maxDuration, int disconnect, int idle) {
        return new SessionRequest("123456789012", "us-east-1", "stack", "fleet", "arn:aws:appstream:us-east-1:123456789012:fleet/fleet",
                "user", null, List.of(new SessionRequest.Launch("app", "/bin/true", null, null)), null,
                maxDuration, disconnect, idle, 0, List.of(), Map.of());
    }

    @Test
    void maxUserDurationEndsTheSessionAndSetsMaxExpirationTime() {
        StreamSession s = new StreamSession("id", request(600, 0, 0), "c", T0);
        assertEquals(T0.plusSeconds(600), s.view().maxExpirationTime());
        assertNull(s.endReason(T0.plusSeconds(599)));
        assertEquals("max user duration reached", s.endReason(T0.plusSeconds(600)));
    }

    @Test
    void disconnectTimeoutCountsOnlyWithoutViewers() {
        StreamSession s = new StreamSession("id", request(0, 60, 0), "c", T0);
        assertEquals("disconnect timeout reached", s.endReason(T0.plusSeconds(60)));
        s.connections.add(null); // a viewer is connected
        assertNull(s.endReason(T0.plusSeconds(6000)));
        assertEquals("CONNECTED", s.view().connectionState());
        s.connections.clear();
        s.disconnectedAt = T0.plusSeconds(6000);
        assertNull(s.endReason(T0.plusSeconds(6059)));
        assertEquals("disconnect timeout reached", s.endReason(T0.plusSeconds(6060)));
    }

    @Test
    void idleCountsFromTheLastInputWhileConnected() {
        StreamSession s = new StreamSession("id", request(0, 0, 120), "c", T0);
        assertFalse(s.idle(T0.plusSeconds(500)), "nobody connected: nothing to disconnect");
        s.connections.add(null);
        s.lastInput = T0.plusSeconds(100);
        assertFalse(s.idle(T0.plusSeconds(219)));
        assertTrue(s.idle(T0.plusSeconds(220)));
    }

    @Test
    void sameSeatIsTheSameUserStackAndFleet() {
        StreamSession s = new StreamSession("id", request(0, 0, 0), "c", T0);
        assertTrue(s.sameSeat(request(1, 2, 3)));
        SessionRequest other = new SessionRequest("123456789012", "us-east-1", "stack", "fleet",
                "arn:aws:appstream:us-east-1:123456789012:fleet/fleet", "someone-else", null, List.of(), null, 0, 0, 0, 0, List.of(), Map.of());
        assertFalse(s.sameSeat(other));
    }
}
