package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.streaming.SessionRequest;
import io.haneul.appstream.streaming.StreamingEngine;
import io.haneul.appstream.streaming.StreamingException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Asks the streaming engine for a URL once the API has decided who may stream what, and turns the
 * engine's refusals into AWS's errors (a full fleet is LimitExceededException, a machine that cannot
 * stream ResourceNotAvailableException).
 */
final class StreamingUrls {

    /** A URL and when it stops being accepted. */
    record Url(String url, Instant expires) {
    }

    static final long MAX_VALIDITY_SECONDS = 604_800;

    private final StreamingEngine engine;

    StreamingUrls(StreamingEngine engine) {
        this.engine = engine;
    }

    StreamingEngine engine() {
        return engine;
    }

    /** Validity in seconds as AWS takes it: 1 to 604800, {@code fallback} when absent. */
    static Duration validity(Long seconds, long fallback) {
        long v = seconds == null ? fallback : seconds;
        if (v < 1 || v > MAX_VALIDITY_SECONDS) {
            throw AppStreamException.combination("The Validity must be between 1 and " + MAX_VALIDITY_SECONDS + " seconds.");
        }
        return Duration.ofSeconds(v);
    }

    Url open(SessionRequest request, Duration validity, Instant now) {
        try {
            return new Url(engine.streamingUrl(request, validity), now.plus(validity));
        } catch (StreamingException e) {
            throw e.limitReached() ? AppStreamException.limit(e.getMessage()) : AppStreamException.notAvailable(e.getMessage());
        }
    }

    static List<SessionRequest.Launch> launches(List<software.amazon.awssdk.services.appstream.model.Application> apps) {
        return apps.stream().filter(a -> !Boolean.FALSE.equals(a.enabled()))
                .map(a -> new SessionRequest.Launch(a.name(), a.launchPath(), a.launchParameters(), a.workingDirectory())).toList();
    }
}
