package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.Optional;

/** Face Liveness sessions: their id, the settings they were created with (JSON) and when. */
public final class SqlLivenessSessions {

    /** A stored session. */
    public record Session(String sessionId, String settings, long createdMs) {
    }

    private final Database db;

    public SqlLivenessSessions(Database db) {
        this.db = db;
    }

    /** Stores the session and purges those created before {@code purgeBeforeMs}. */
    public void create(String account, String region, Session s, long purgeBeforeMs) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM rekognition_liveness_sessions WHERE created_ms < ?", purgeBeforeMs);
            return Sql.update(c, "INSERT INTO rekognition_liveness_sessions (account, region, session_id, settings, created_ms) "
                    + "VALUES (?, ?, ?, ?, ?)", account, region, s.sessionId(), s.settings(), s.createdMs());
        });
    }

    public Optional<Session> find(String account, String region, String sessionId) {
        return db.read(c -> Sql.one(c, "SELECT session_id, settings, created_ms FROM rekognition_liveness_sessions "
                        + "WHERE account = ? AND region = ? AND session_id = ?", rs -> new Session(rs.getString(1), rs.getString(2), rs.getLong(3)),
                account, region, sessionId));
    }
}
