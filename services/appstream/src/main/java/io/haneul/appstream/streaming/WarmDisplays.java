package io.haneul.appstream.streaming;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * One ALWAYS_ON fleet's pre-warmed displays, guarded by the engine's lock: how many instances it keeps,
 * the stack's user settings they are made with, the displays ready and those still starting.
 */
final class WarmDisplays {

    int instances;
    Map<String, Boolean> userSettings = Map.of();
    final Deque<SessionDisplay> ready = new ArrayDeque<>();
    int starting;

    /** How many displays should be ready, given the fleet's sessions now running. */
    int wanted(long sessions) {
        return (int) Math.max(0, instances - sessions);
    }
}
