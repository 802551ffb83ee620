package io.haneul.appstream.streaming;

/** Told when a session changes state, so that the API's fleet capacity (in use, available) follows. */
@FunctionalInterface
public interface SessionListener {

    void changed(SessionView session);
}
