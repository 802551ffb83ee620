package io.haneul.appstream.streaming;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract between AppStream's API (fleets, stacks, images, users; CreateStreamingURL,
 * DescribeSessions, ExpireSession) and what really streams: one X display per session (Xvnc),
 * the application started in it, a WebSocket bridge and the viewer page on Haneul's port.
 * The API decides who may stream what; the engine runs it and reports what happens to sessions.
 */
public interface StreamingEngine extends AutoCloseable {

    /**
     * A one-time streaming URL on Haneul's port for this request, valid for {@code validity}. Opening it
     * starts the session (or finds the user's running one on that stack and fleet, which is how a
     * reconnect within DisconnectTimeout finds the same application).
     */
    String streamingUrl(SessionRequest request, Duration validity) throws StreamingException;

    /** Sessions of a fleet that are pending or active on this node. */
    List<SessionView> sessions(String fleetArn);

    Optional<SessionView> session(String sessionId);

    /** Ends a session: its application and display stop, no process is left. Unknown ids are ignored. */
    void expire(String sessionId);

    /**
     * How many instances the fleet keeps started: an ALWAYS_ON fleet's displays are made before anyone
     * asks (Xvnc and the window manager running as a pool user) and a session opens onto one with only
     * its application to start. The engine keeps {@code instances} minus the fleet's sessions ready; 0
     * keeps none (ON_DEMAND, or a stopped fleet). {@code userSettings} are the stack's (a display is made
     * with its clipboard switches; a session with other settings starts a display of its own).
     */
    void keepWarm(String fleetArn, int instances, Map<String, Boolean> userSettings);

    /** How many of the fleet's pre-warmed displays are ready for a session now. */
    int ready(String fleetArn);

    /** Where the engine reports state changes (started, connected, disconnected, ended). */
    void listen(SessionListener listener);

    @Override
    void close();
}
