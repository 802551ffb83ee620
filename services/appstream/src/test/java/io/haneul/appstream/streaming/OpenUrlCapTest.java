package io.haneul.appstream.streaming;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cap on a fleet's streaming URLs not yet opened (10,000 in production, 3 here): the next URL is
 * refused as a reached limit (the API's LimitExceededException), and a URL that is opened or expires
 * gives its place back. No session really starts: the engine is given no Xvnc, so opening a URL uses
 * its token up and then fails to start.
 */
class OpenUrlCapTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final int CAP = 3;

    @TempDir
    Path dir;
    SettableClock clock;
    XvncStreamingEngine engine;

    @BeforeEach
    void engine() {
        clock = new SettableClock(T0);
        SessionDisplay.Programs programs = new SessionDisplay.Programs(dir.resolve("no-Xvnc").toString(), null, "1280x720",
                dir.resolve("run"), dir.resolve("logs"));
        engine = new XvncStreamingEngine(clock, () -> "http://localhost:4566",
                new SessionUsers("haneul-test", dir.resolve("homes"), dir.resolve("locks"), false), programs, 100, CAP);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void productionCapIsTenThousand() {
        assertEquals(10_000, XvncStreamingEngine.MAX_OPEN_URLS_PER_FLEET);
    }

    @Test
    void theUrlPastTheCapIsRefusedAsALimitAndOtherFleetsAreNotCounted() throws Exception {
        for (int i = 0; i < CAP; i++) {
            engine.streamingUrl(request("fleet-a", "user" + i), Duration.ofSeconds(60));
        }
        StreamingException refused = assertThrows(StreamingException.class,
                () -> engine.streamingUrl(request("fleet-a", "late"), Duration.ofSeconds(60)));
        assertTrue(refused.limitReached(), "answered as LimitExceededException");
        assertEquals("The fleet has 3 streaming URLs not yet opened.", refused.getMessage());
        assertDoesNotThrow(() -> engine.streamingUrl(request("fleet-b", "user0"), Duration.ofSeconds(60)));
    }

    @Test
    void anOpenedUrlFreesItsPlace() throws Exception {
        String first = engine.streamingUrl(request("fleet-a", "user0"), Duration.ofSeconds(60));
        for (int i = 1; i < CAP; i++) {
            engine.streamingUrl(request("fleet-a", "user" + i), Duration.ofSeconds(60));
        }
        assertThrows(StreamingException.class, () -> engine.streamingUrl(request("fleet-a", "late"), Duration.ofSeconds(60)));

        StreamingException noXvnc = assertThrows(StreamingException.class, () -> engine.open(token(first)));
        assertFalse(noXvnc.limitReached(), noXvnc.getMessage());
        assertTrue(engine.open(token(first)).isEmpty(), "the token is used up");

        assertDoesNotThrow(() -> engine.streamingUrl(request("fleet-a", "late"), Duration.ofSeconds(60)));
        assertThrows(StreamingException.class, () -> engine.streamingUrl(request("fleet-a", "later"), Duration.ofSeconds(60)));
    }

    @Test
    void expiredUrlsFreeTheirPlaces() throws Exception {
        engine.streamingUrl(request("fleet-a", "short0"), Duration.ofSeconds(60));
        engine.streamingUrl(request("fleet-a", "short1"), Duration.ofSeconds(60));
        engine.streamingUrl(request("fleet-a", "long"), Duration.ofSeconds(600));
        assertThrows(StreamingException.class, () -> engine.streamingUrl(request("fleet-a", "late"), Duration.ofSeconds(60)));

        clock.set(T0.plusSeconds(59));
        assertThrows(StreamingException.class, () -> engine.streamingUrl(request("fleet-a", "late"), Duration.ofSeconds(60)),
                "not expired yet");

        clock.set(T0.plusSeconds(60));
        engine.streamingUrl(request("fleet-a", "late0"), Duration.ofSeconds(60));
        engine.streamingUrl(request("fleet-a", "late1"), Duration.ofSeconds(60));
        assertThrows(StreamingException.class, () -> engine.streamingUrl(request("fleet-a", "late2"), Duration.ofSeconds(60)),
                "the unexpired URL still holds its place");
    }

    static String token(String url) {
        return url.substring(url.indexOf("parameters=") + "parameters=".length());
    }

    static SessionRequest request(String fleet, String user) {
        return new SessionRequest("123456789012", "us-east-1", "stack", fleet, "arn:aws:appstream:us-east-1:123456789012:fleet/" + fleet,
                user, null, List.of(new SessionRequest.Launch("app", "/bin/true", null, null)), null,
                0, 0, 0, 0, List.of(), Map.of());
    }

    /** A clock the test moves: the engine reads time only from it. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
