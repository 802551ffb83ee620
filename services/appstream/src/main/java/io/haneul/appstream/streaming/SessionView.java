package io.haneul.appstream.streaming;

import java.time.Instant;

/**
 * A session as DescribeSessions shows it: state PENDING, ACTIVE or EXPIRED, connection state
 * CONNECTED or NOT_CONNECTED, its start and latest end time.
 */
public record SessionView(
        String id,
        String userId,
        String stackName,
        String fleetName,
        String fleetArn,
        String state,
        String connectionState,
        Instant startTime,
        Instant maxExpirationTime) {
}
