package io.haneul.lambda.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.domain.CodeSigningConfigRecord;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;

/** Code signing configs in the store (SQLite or PostgreSQL): one JSON document per config, found by account, region and id. */
public final class SqlCodeSigningStore {

    private final Database db;
    private final ObjectMapper json;

    public SqlCodeSigningStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        db.migrate("lambda", LambdaSchema.migrations());
    }

    public Optional<CodeSigningConfigRecord> get(String account, String region, String id) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_code_signing_configs WHERE account = ? AND region = ? AND csc_id = ?",
                rs -> read(rs.getString(1)), account, region, id));
    }

    /** Inserts or replaces a config. */
    public void put(String account, String region, CodeSigningConfigRecord config) {
        String doc = write(config);
        db.write(c -> {
            if (Sql.update(c, "UPDATE lambda_code_signing_configs SET doc = ? WHERE account = ? AND region = ? AND csc_id = ?",
                    doc, account, region, config.id()) == 0) {
                Sql.update(c, "INSERT INTO lambda_code_signing_configs (account, region, csc_id, doc) VALUES (?, ?, ?, ?)",
                        account, region, config.id(), doc);
            }
            return null;
        });
    }

    public boolean delete(String account, String region, String id) {
        return db.write(c -> Sql.update(c, "DELETE FROM lambda_code_signing_configs WHERE account = ? AND region = ? AND csc_id = ?",
                account, region, id)) > 0;
    }

    /** Configs by id after {@code afterId} (null: from the first), at most {@code limit}. */
    public List<CodeSigningConfigRecord> list(String account, String region, String afterId, int limit) {
        return db.read(c -> Sql.list(c, "SELECT doc FROM lambda_code_signing_configs WHERE account = ? AND region = ? AND csc_id > ? "
                + "ORDER BY csc_id LIMIT " + limit, rs -> read(rs.getString(1)), account, region, afterId == null ? "" : afterId));
    }

    private CodeSigningConfigRecord read(String doc) {
        try {
            return json.readValue(doc, CodeSigningConfigRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable code signing config", e);
        }
    }

    private String write(CodeSigningConfigRecord config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
