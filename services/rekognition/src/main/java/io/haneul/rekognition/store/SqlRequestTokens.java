package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.time.Duration;

/**
 * The ClientRequestTokens of user operations, each with its request and the response it was answered.
 * A token is claimed (its row inserted with no response) before the work runs, so that of two racing
 * requests with one token only the one whose insert won does the work; the other finds the claim and
 * waits for its answer. The SDKs send a fresh token with every call, so tokens are kept for
 * {@link #LIFETIME} only (AWS documents no lifetime; a day covers any retry of a lost response) and older
 * ones are purged whenever a token is claimed, which keeps the table as small as a day's calls.
 */
public final class SqlRequestTokens {

    /** How long a token answers its first response. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    /** What a claim found: {@code won} when this caller inserted the token, else the token's row as it stands. */
    public record Claim(boolean won, String request, String response, long claimedMs) {

        /** True when the token's work has finished and {@link #response} holds its answer. */
        public boolean answered() {
            return response != null;
        }
    }

    private final Database db;

    public SqlRequestTokens(Database db) {
        this.db = db;
    }

    /**
     * Inserts the token with its request and no response unless a row for it exists (one statement, so that
     * exactly one of racing callers wins), after purging the tokens that outlived {@link #LIFETIME}.
     */
    public Claim claim(String account, String region, String operation, String token, String request, long nowMs) {
        return db.write(c -> {
            Sql.update(c, "DELETE FROM rekognition_request_tokens WHERE created_ms < ?", nowMs - LIFETIME.toMillis());
            // a row released between the insert and the select (PostgreSQL, read committed) is claimed again
            for (int attempt = 0; attempt < 3; attempt++) {
                int inserted = Sql.update(c, "INSERT INTO rekognition_request_tokens (account, region, operation, token, request, response, "
                        + "created_ms) VALUES (?, ?, ?, ?, ?, NULL, ?) ON CONFLICT DO NOTHING", account, region, operation, token, request, nowMs);
                if (inserted == 1) {
                    return new Claim(true, request, null, nowMs);
                }
                var held = Sql.one(c, "SELECT request, response, created_ms FROM rekognition_request_tokens WHERE account = ? AND region = ? "
                                + "AND operation = ? AND token = ?", rs -> new Claim(false, rs.getString(1), rs.getString(2), rs.getLong(3)),
                        account, region, operation, token);
                if (held.isPresent()) {
                    return held.get();
                }
            }
            throw new IllegalStateException("request token " + token + " is claimed and released too fast to read");
        });
    }

    /** The token's row as it stands, read without writing (what a waiting request polls); empty when there is none. */
    public java.util.Optional<Claim> look(String account, String region, String operation, String token) {
        return db.read(c -> Sql.one(c, "SELECT request, response, created_ms FROM rekognition_request_tokens WHERE account = ? "
                        + "AND region = ? AND operation = ? AND token = ?", rs -> new Claim(false, rs.getString(1), rs.getString(2), rs.getLong(3)),
                account, region, operation, token));
    }

    /**
     * Records the answer of the work the claim made at {@code claimedMs} ran, and returns the answer the token now gives.
     * That is {@code response} while the caller still owns its claim, or when the claim's row was dropped meanwhile (a
     * request that took the claim over failed and released it) and nobody claimed the token since; it is the answer
     * stored first when another owner answered before; and it is {@code response} again, unstored, while another owner
     * that took the claim over still runs (that owner will store its own).
     */
    public String answer(String account, String region, String operation, String token, String request, long claimedMs,
                         String response) {
        return db.write(c -> {
            int updated = Sql.update(c, "UPDATE rekognition_request_tokens SET response = ? WHERE account = ? AND region = ? "
                    + "AND operation = ? AND token = ? AND response IS NULL AND created_ms = ?", response, account, region, operation,
                    token, claimedMs);
            if (updated == 1) {
                return response;
            }
            Sql.update(c, "INSERT INTO rekognition_request_tokens (account, region, operation, token, request, response, created_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", account, region, operation, token, request, response, claimedMs);
            String stored = Sql.one(c, "SELECT response FROM rekognition_request_tokens WHERE account = ? AND region = ? "
                    + "AND operation = ? AND token = ?", rs -> rs.getString(1), account, region, operation, token).orElse(null);
            return stored != null ? stored : response;
        });
    }

    /** Drops an unanswered claim made at {@code claimedMs} whose work failed, so that a retry with the token runs the work again. */
    public void release(String account, String region, String operation, String token, long claimedMs) {
        db.writeStatement(c -> Sql.update(c, "DELETE FROM rekognition_request_tokens WHERE account = ? AND region = ? AND operation = ? "
                + "AND token = ? AND response IS NULL AND created_ms = ?", account, region, operation, token, claimedMs));
    }

    /**
     * Takes over an unanswered claim made at {@code claimedMs} (its owner is gone), re-dating it to {@code nowMs};
     * false when someone else took it over or answered it first.
     */
    public boolean takeOver(String account, String region, String operation, String token, long claimedMs, long nowMs) {
        return db.writeStatement(c -> Sql.update(c, "UPDATE rekognition_request_tokens SET created_ms = ? WHERE account = ? AND region = ? "
                + "AND operation = ? AND token = ? AND response IS NULL AND created_ms = ?", nowMs, account, region, operation, token,
                claimedMs)) == 1;
    }
}
