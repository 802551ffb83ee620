package io.haneul.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning for {@link DurableScheduler}.
 *
 * @param maxAttempts    attempts before a failing job is marked dead
 * @param initialBackoff delay before the first retry; doubles on each further retry
 * @param maxBackoff     upper bound of the retry delay
 * @param leaseDuration  how long a claimed job stays reserved to its node; renewed while it runs,
 *                       so another node takes it over only this long after its node died
 * @param maxIdle        longest sleep between polls, which bounds how late a job scheduled by
 *                       another node (or a lease expiry) is noticed
 * @param maxConcurrent  jobs running at once on this node
 */
public record SchedulerOptions(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration leaseDuration,
                               Duration maxIdle, int maxConcurrent) {
    public SchedulerOptions {
        if (maxAttempts < 1 || maxConcurrent < 1) {
            throw new IllegalArgumentException("maxAttempts and maxConcurrent must be positive");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(maxIdle, "maxIdle");
    }

    /** 5 attempts, backoff 1 s doubling to 5 min, 60 s leases, polls at least every 5 s, 64 jobs at once. */
    public static SchedulerOptions defaults() {
        return new SchedulerOptions(5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(60),
                Duration.ofSeconds(5), 64);
    }

    public SchedulerOptions withMaxAttempts(int value) {
        return new SchedulerOptions(value, initialBackoff, maxBackoff, leaseDuration, maxIdle, maxConcurrent);
    }

    public SchedulerOptions withBackoff(Duration initial, Duration max) {
        return new SchedulerOptions(maxAttempts, initial, max, leaseDuration, maxIdle, maxConcurrent);
    }

    public SchedulerOptions withLeaseDuration(Duration value) {
        return new SchedulerOptions(maxAttempts, initialBackoff, maxBackoff, value, maxIdle, maxConcurrent);
    }

    public SchedulerOptions withMaxIdle(Duration value) {
        return new SchedulerOptions(maxAttempts, initialBackoff, maxBackoff, leaseDuration, value, maxConcurrent);
    }

    public SchedulerOptions withMaxConcurrent(int value) {
        return new SchedulerOptions(maxAttempts, initialBackoff, maxBackoff, leaseDuration, maxIdle, value);
    }

    /** The delay before retrying after failed attempt number {@code attempt} (1-based). */
    Duration backoffAfter(int attempt) {
        Duration delay = initialBackoff;
        for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
