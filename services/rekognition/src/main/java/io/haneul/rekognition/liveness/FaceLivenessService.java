package io.haneul.rekognition.liveness;

import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlLivenessSessions;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Face Liveness sessions. The video of a liveness check reaches AWS through StartFaceLivenessSession, a
 * streaming API of its own that the Amplify FaceLivenessDetector speaks and that Haneul does not serve;
 * so no session here ever receives a video, and its honest status is CREATED until it expires
 * {@link #VALIDITY} after creation (as AWS documents), then EXPIRED, with no Confidence and no images.
 * Sessions are kept for {@link #KEPT} and then purged.
 */
public final class FaceLivenessService {

    /** How long a session may be used, as AWS documents. */
    public static final Duration VALIDITY = Duration.ofMinutes(3);
    /** How long an expired session still answers its status. */
    static final Duration KEPT = Duration.ofHours(24);

    public static final String CREATED = "CREATED";
    public static final String EXPIRED = "EXPIRED";

    /** A session's status now. */
    public record Result(String sessionId, String status) {
    }

    private final SqlLivenessSessions store;
    private final Clock clock;

    public FaceLivenessService(SqlLivenessSessions store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @param settings the request's Settings as JSON, kept with the session */
    public String create(String account, String region, String settings) {
        long now = clock.millis();
        String id = UUID.randomUUID().toString();
        store.create(account, region, new SqlLivenessSessions.Session(id, settings, now), now - KEPT.toMillis());
        return id;
    }

    public Result results(String account, String region, String sessionId) {
        SqlLivenessSessions.Session s = store.find(account, region, sessionId)
                .filter(found -> clock.millis() - found.createdMs() < KEPT.toMillis())
                .orElseThrow(() -> new RekognitionException("SessionNotFoundException", "Session " + sessionId + " not found"));
        boolean expired = clock.millis() - s.createdMs() >= VALIDITY.toMillis();
        return new Result(s.sessionId(), expired ? EXPIRED : CREATED);
    }
}
