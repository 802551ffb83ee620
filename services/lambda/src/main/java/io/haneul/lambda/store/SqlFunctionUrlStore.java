package io.haneul.lambda.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.url.FunctionUrlConfig;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;

/**
 * Function URLs in the store (SQLite or PostgreSQL), one JSON document per URL, keyed by its id and
 * unique per (account, region, function, qualifier).
 */
public final class SqlFunctionUrlStore {

    private final Database db;
    private final ObjectMapper json;

    /** The schema is migrated by {@link SqlFunctionStore}, which owns Lambda's migrations; construct that first. */
    public SqlFunctionUrlStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Inserts a new URL; false when the function already has one for that qualifier. */
    public boolean create(FunctionUrlConfig url) {
        return db.write(c -> {
            if (Sql.one(c, "SELECT 1 FROM lambda_function_urls WHERE account = ? AND region = ? AND function_name = ? AND qualifier = ?",
                    rs -> 1, url.account(), url.region(), url.functionName(), url.qualifier()).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO lambda_function_urls (url_id, account, region, function_name, qualifier, doc) VALUES (?, ?, ?, ?, ?, ?)",
                    url.urlId(), url.account(), url.region(), url.functionName(), url.qualifier(), write(url));
            return true;
        });
    }

    public Optional<FunctionUrlConfig> get(String account, String region, String functionName, String qualifier) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_function_urls WHERE account = ? AND region = ? AND function_name = ? "
                + "AND qualifier = ?", rs -> read(rs.getString(1)), account, region, functionName, qualifier));
    }

    public Optional<FunctionUrlConfig> byId(String urlId) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_function_urls WHERE url_id = ?", rs -> read(rs.getString(1)), urlId));
    }

    public boolean replace(FunctionUrlConfig url) {
        return db.write(c -> Sql.update(c, "UPDATE lambda_function_urls SET doc = ? WHERE url_id = ?", write(url), url.urlId()) == 1);
    }

    public boolean delete(String account, String region, String functionName, String qualifier) {
        return db.write(c -> Sql.update(c, "DELETE FROM lambda_function_urls WHERE account = ? AND region = ? AND function_name = ? "
                + "AND qualifier = ?", account, region, functionName, qualifier) == 1);
    }

    /** Removes every URL of a function (the function was deleted). */
    public void deleteAllOf(String account, String region, String functionName) {
        db.write(c -> Sql.update(c, "DELETE FROM lambda_function_urls WHERE account = ? AND region = ? AND function_name = ?",
                account, region, functionName));
    }

    /** Up to {@code limit} URLs of a function after {@code afterQualifier} (exclusive; null: from the start), by qualifier. */
    public List<FunctionUrlConfig> list(String account, String region, String functionName, String afterQualifier, int limit) {
        return db.read(c -> Sql.list(c, "SELECT doc FROM lambda_function_urls WHERE account = ? AND region = ? AND function_name = ? "
                        + "AND qualifier > ? ORDER BY qualifier LIMIT ?", rs -> read(rs.getString(1)),
                account, region, functionName, afterQualifier == null ? "" : afterQualifier, limit));
    }

    private String write(FunctionUrlConfig url) {
        try {
            return json.writeValueAsString(url);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FunctionUrlConfig read(String doc) {
        try {
            return json.readValue(doc, FunctionUrlConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable function URL record", e);
        }
    }
}
