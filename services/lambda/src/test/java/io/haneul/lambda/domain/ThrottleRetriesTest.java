package io.haneul.lambda.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThrottleRetriesTest {

    static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void theWaitDoublesFromOneSecondToFiveMinutes() {
        assertEquals(Duration.ofSeconds(1), ThrottleRetries.delayAfter(1));
        assertEquals(Duration.ofSeconds(2), ThrottleRetries.delayAfter(2));
        assertEquals(Duration.ofSeconds(256), ThrottleRetries.delayAfter(9));
        assertEquals(Duration.ofMinutes(5), ThrottleRetries.delayAfter(10));
        assertEquals(Duration.ofMinutes(5), ThrottleRetries.delayAfter(500));
    }

    @Test
    void theNextTryIsNeverLaterThanJustAfterTheEventExpires() {
        Instant expires = NOW.plus(Duration.ofHours(6));
        assertEquals(NOW.plusSeconds(4), ThrottleRetries.nextTry(NOW, 3, expires));
        Instant soon = NOW.plusSeconds(30);
        assertEquals(soon.plusMillis(1), ThrottleRetries.nextTry(NOW, 20, soon));
        assertEquals(NOW, ThrottleRetries.nextTry(NOW, 20, NOW.minusSeconds(5)), "already expired: tried (and reported) at once");
    }
}
