package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.Optional;

/** The ClientRequestTokens of user operations, each with its request and the response it was answered. */
public final class SqlRequestTokens {

    /** A token's request and response, both as JSON. */
    public record Answer(String request, String response) {
    }

    private final Database db;

    public SqlRequestTokens(Database db) {
        this.db = db;
    }

    public Optional<Answer> find(String account, String region, String operation, String token) {
        return db.read(c -> Sql.one(c, "SELECT request, response FROM rekognition_request_tokens WHERE account = ? AND region = ? "
                + "AND operation = ? AND token = ?", rs -> new Answer(rs.getString(1), rs.getString(2)), account, region, operation, token));
    }

    /** Records the answer; a token recorded meanwhile by a concurrent request keeps its first answer. */
    public void remember(String account, String region, String operation, String token, Answer answer, long createdMs) {
        db.write(c -> Sql.update(c, "INSERT INTO rekognition_request_tokens (account, region, operation, token, request, response, created_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", account, region, operation, token, answer.request(), answer.response(),
                createdMs));
    }
}
