package io.haneul.lambda.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a throttled asynchronous invocation is tried again, as AWS does it: a throttle (429) is not
 * a function error and does not use up the event's retries; the event goes back to the queue and is
 * tried again "with the retry interval increasing exponentially from 1 second after the first
 * attempt to a maximum of 5 minutes", for as long as the event is younger than its
 * {@code MaximumEventAgeInSeconds} (6 hours by default). The next try is never put later than the
 * moment the event expires, so that an event that will never run is reported (EventAgeExceeded)
 * when its age runs out rather than up to 5 minutes after.
 */
public final class ThrottleRetries {

    public static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration LONGEST = Duration.ofMinutes(5);

    private ThrottleRetries() {
    }

    /** The wait after the {@code throttles}-th throttle in a row (1-based): 1 s, 2 s, 4 s, ... at most 5 minutes. */
    public static Duration delayAfter(int throttles) {
        Duration delay = FIRST;
        for (int i = 1; i < throttles && delay.compareTo(LONGEST) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(LONGEST) < 0 ? delay : LONGEST;
    }

    /**
     * The next try after the {@code throttles}-th throttle: after {@link #delayAfter}, or just past
     * the event's expiry when that comes first (the try then finds the event too old and reports it).
     */
    public static Instant nextTry(Instant now, int throttles, Instant expiresAt) {
        Instant next = now.plus(delayAfter(throttles));
        Instant justExpired = expiresAt.plusMillis(1);
        return next.isAfter(justExpired) ? (justExpired.isAfter(now) ? justExpired : now) : next;
    }
}
