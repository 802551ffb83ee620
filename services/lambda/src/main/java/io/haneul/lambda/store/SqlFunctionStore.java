package io.haneul.lambda.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;

/**
 * Functions in the store (SQLite or PostgreSQL). The configuration is one JSON document per
 * function: it is read and written whole, and only the key, the revision and whether it is
 * settling are queried.
 */
public final class SqlFunctionStore {

    private final Database db;
    private final ObjectMapper json;

    public SqlFunctionStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        db.migrate("lambda", LambdaSchema.migrations());
    }

    /** Inserts a new function; false when one of that name exists. */
    public boolean create(FunctionRecord fn) {
        return db.write(c -> {
            if (Sql.one(c, "SELECT 1 FROM lambda_functions WHERE account = ? AND region = ? AND name = ?",
                    rs -> 1, fn.account(), fn.region(), fn.name()).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO lambda_functions (account, region, name, revision_id, settling, doc) VALUES (?, ?, ?, ?, ?, ?)",
                    fn.account(), fn.region(), fn.name(), fn.revisionId(), fn.settling() ? 1 : 0, write(fn));
            return true;
        });
    }

    public Optional<FunctionRecord> get(String account, String region, String name) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_functions WHERE account = ? AND region = ? AND name = ?",
                rs -> read(rs.getString(1)), account, region, name));
    }

    /** Replaces a function when its stored revision is still {@code expectedRevision}; false when it changed or is gone. */
    public boolean replace(FunctionRecord fn, String expectedRevision) {
        return db.write(c -> Sql.update(c, "UPDATE lambda_functions SET revision_id = ?, settling = ?, doc = ? "
                        + "WHERE account = ? AND region = ? AND name = ? AND revision_id = ?",
                fn.revisionId(), fn.settling() ? 1 : 0, write(fn), fn.account(), fn.region(), fn.name(), expectedRevision) == 1);
    }

    public boolean delete(String account, String region, String name) {
        return db.write(c -> Sql.update(c, "DELETE FROM lambda_functions WHERE account = ? AND region = ? AND name = ?",
                account, region, name) == 1);
    }

    /** Up to {@code limit} functions after {@code afterName} (exclusive; null: from the start), by name. */
    public List<FunctionRecord> list(String account, String region, String afterName, int limit) {
        return db.read(c -> Sql.list(c, "SELECT doc FROM lambda_functions WHERE account = ? AND region = ? AND name > ? "
                + "ORDER BY name LIMIT ?", rs -> read(rs.getString(1)), account, region, afterName == null ? "" : afterName, limit));
    }

    /** Functions left settling (a server stopped between an update and its completion). */
    public List<FunctionRecord> settling() {
        return db.read(c -> Sql.list(c, "SELECT doc FROM lambda_functions WHERE settling = 1", rs -> read(rs.getString(1))));
    }

    private String write(FunctionRecord fn) {
        try {
            return json.writeValueAsString(fn);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FunctionRecord read(String doc) {
        try {
            return json.readValue(doc, FunctionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable function record", e);
        }
    }
}
