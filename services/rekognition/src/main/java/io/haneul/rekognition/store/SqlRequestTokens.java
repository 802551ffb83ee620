package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.time.Duration;
import java.util.Optional;

/**
 * The ClientRequestTokens of user operations, each with its request and the response it was answered.
 * The SDKs send a fresh token with every call, so tokens are kept for {@link #LIFETIME} only (AWS
 * documents no lifetime; a day covers any retry of a lost response) and older ones are purged whenever
 * a token is recorded, which keeps the table as small as a day's calls.
 */
public final class SqlRequestTokens {

    /** How long a token answers its first response. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    /** A token's request and response, both as JSON. */
    public record Answer(String request, String response) {
    }

    private final Database db;

    public SqlRequestTokens(Database db) {
        this.db = db;
    }

    /** The token's answer, unless it was recorded more than {@link #LIFETIME} before {@code nowMs}. */
    public Optional<Answer> find(String account, String region, String operation, String token, long nowMs) {
        return db.read(c -> Sql.one(c, "SELECT request, response FROM rekognition_request_tokens WHERE account = ? AND region = ? "
                + "AND operation = ? AND token = ? AND created_ms >= ?", rs -> new Answer(rs.getString(1), rs.getString(2)),
                account, region, operation, token, nowMs - LIFETIME.toMillis()));
    }

    /**
     * Records the answer and purges the tokens that outlived {@link #LIFETIME}; a token recorded meanwhile
     * by a concurrent request keeps its first answer.
     */
    public void remember(String account, String region, String operation, String token, Answer answer, long createdMs) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM rekognition_request_tokens WHERE created_ms < ?", createdMs - LIFETIME.toMillis());
            return Sql.update(c, "INSERT INTO rekognition_request_tokens (account, region, operation, token, request, response, created_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", account, region, operation, token, answer.request(),
                    answer.response(), createdMs);
        });
    }
}
