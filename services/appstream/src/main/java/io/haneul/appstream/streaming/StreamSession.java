package io.haneul.appstream.streaming;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One streaming session's state, guarded by the engine's lock: who it is for, its display once
 * started, the cookie its viewer holds, open viewer connections, and the times its timeouts count
 * from (all from the injected clock).
 */
final class StreamSession {

    final String id;
    final SessionRequest request;
    final String cookie;
    final Instant startTime;
    final Instant maxExpirationTime;
    String state = "PENDING";
    SessionDisplay display;
    final Set<VncBridge> connections = new HashSet<>();
    /** When the last viewer left (or the session started, before any connected). */
    Instant disconnectedAt;
    /** The last keyboard, pointer or clipboard input from a viewer. */
    Instant lastInput;
    /** When the home folder was last restored or saved (the periodic save counts from it). */
    Instant lastHomeSave;
    /** True while a periodic save of the home folder waits or runs. */
    boolean homeSaveQueued;
    /** Serialises the home folder's restore and saves; guards {@link #homeFiles}. */
    final Object homeLock = new Object();
    /** The home folder's files as last restored or saved: relative path to size and modification second. */
    final Map<String, String> homeFiles = new HashMap<>();

    StreamSession(String id, SessionRequest request, String cookie, Instant now) {
        this.id = id;
        this.request = request;
        this.cookie = cookie;
        this.startTime = now;
        this.maxExpirationTime = request.maxUserDurationSeconds() > 0
                ? now.plus(Duration.ofSeconds(request.maxUserDurationSeconds())) : null;
        this.disconnectedAt = now;
        this.lastInput = now;
        this.lastHomeSave = now;
    }

    boolean connected() {
        return !connections.isEmpty();
    }

    SessionView view() {
        return new SessionView(id, request.userId(), request.stackName(), request.fleetName(), request.fleetArn(), state,
                connected() ? "CONNECTED" : "NOT_CONNECTED", startTime, maxExpirationTime);
    }

    /** True when this session is the one a new URL for the same user, stack and fleet should reconnect to. */
    boolean sameSeat(SessionRequest other) {
        return request.userId().equals(other.userId()) && request.stackName().equals(other.stackName())
                && request.fleetArn().equals(other.fleetArn());
    }

    /** Why the session should end now, or null: max duration, or no viewer within the disconnect timeout. */
    String endReason(Instant now) {
        if (maxExpirationTime != null && !now.isBefore(maxExpirationTime)) {
            return "max user duration reached";
        }
        int disconnect = request.disconnectTimeoutSeconds();
        if (!connected() && disconnect > 0 && !now.isBefore(disconnectedAt.plusSeconds(disconnect))) {
            return "disconnect timeout reached";
        }
        return null;
    }

    /** True when the home folder is kept and its periodic save is due. */
    boolean homeSaveDue(Instant now, java.time.Duration every) {
        return request.homeFolder() != null && display != null && display.user().switched() && !homeSaveQueued
                && !now.isBefore(lastHomeSave.plus(every));
    }

    /** True when viewers should be disconnected for idleness (then the disconnect timeout counts). */
    boolean idle(Instant now) {
        int idle = request.idleDisconnectTimeoutSeconds();
        return connected() && idle > 0 && !now.isBefore(lastInput.plusSeconds(idle));
    }
}
