package io.haneul.appstream;

import io.haneul.appstream.streaming.SessionListener;
import io.haneul.appstream.streaming.SessionRequest;
import io.haneul.appstream.streaming.SessionView;
import io.haneul.appstream.streaming.StreamingEngine;
import io.haneul.appstream.streaming.StreamingException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The engine where this build carries no streaming engine: no session exists, and a streaming URL is
 * refused with the reason (the API answers ResourceNotAvailableException), never a URL that leads nowhere.
 */
final class UnavailableStreaming implements StreamingEngine {

    private final String reason;

    UnavailableStreaming(String reason) {
        this.reason = reason;
    }

    @Override
    public String streamingUrl(SessionRequest request, Duration validity) throws StreamingException {
        throw new StreamingException(reason, false);
    }

    @Override
    public List<SessionView> sessions(String fleetArn) {
        return List.of();
    }

    @Override
    public Optional<SessionView> session(String sessionId) {
        return Optional.empty();
    }

    @Override
    public void expire(String sessionId) {
    }

    @Override
    public void listen(SessionListener listener) {
    }

    @Override
    public void close() {
    }
}
