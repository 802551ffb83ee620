package io.haneul.lambda.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.domain.AliasRecord;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;

/**
 * Function aliases in the store: one JSON document per alias, with its target version and revision
 * as columns for ListAliases' filter and UpdateAlias' precondition.
 */
public final class SqlAliasStore {

    private final Database db;
    private final ObjectMapper json;

    public SqlAliasStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        db.migrate("lambda", LambdaSchema.migrations());
    }

    /** Inserts an alias; false when the function has one of that name. */
    public boolean create(AliasRecord alias) {
        return db.write(c -> {
            if (Sql.one(c, "SELECT 1 FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? AND alias = ?",
                    rs -> 1, alias.account(), alias.region(), alias.function(), alias.name()).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO lambda_aliases (account, region, name, alias, function_version, revision_id, doc) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)", alias.account(), alias.region(), alias.function(), alias.name(),
                    alias.functionVersion(), alias.revisionId(), write(alias));
            return true;
        });
    }

    public Optional<AliasRecord> get(String account, String region, String function, String name) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? AND alias = ?",
                rs -> read(rs.getString(1)), account, region, function, name));
    }

    /** Replaces an alias whose stored revision is still {@code expectedRevision}; false when it changed or is gone. */
    public boolean replace(AliasRecord alias, String expectedRevision) {
        return db.write(c -> Sql.update(c, "UPDATE lambda_aliases SET function_version = ?, revision_id = ?, doc = ? "
                        + "WHERE account = ? AND region = ? AND name = ? AND alias = ? AND revision_id = ?",
                alias.functionVersion(), alias.revisionId(), write(alias), alias.account(), alias.region(), alias.function(),
                alias.name(), expectedRevision) == 1);
    }

    public boolean delete(String account, String region, String function, String name) {
        return db.write(c -> Sql.update(c, "DELETE FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? AND alias = ?",
                account, region, function, name) == 1);
    }

    /**
     * Up to {@code limit} aliases of a function named after {@code afterName} (exclusive; null: from
     * the start), by name; only those targeting {@code functionVersion} when it is not null.
     */
    public List<AliasRecord> list(String account, String region, String function, String functionVersion, String afterName, int limit) {
        return db.read(c -> functionVersion == null
                ? Sql.list(c, "SELECT doc FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? AND alias > ? "
                        + "ORDER BY alias LIMIT ?", rs -> read(rs.getString(1)), account, region, function,
                afterName == null ? "" : afterName, limit)
                : Sql.list(c, "SELECT doc FROM lambda_aliases WHERE account = ? AND region = ? AND name = ? AND alias > ? "
                        + "AND function_version = ? ORDER BY alias LIMIT ?", rs -> read(rs.getString(1)), account, region, function,
                afterName == null ? "" : afterName, functionVersion, limit));
    }

    /** Every alias of a function (to find those that reference a version). */
    public List<AliasRecord> all(String account, String region, String function) {
        return list(account, region, function, null, null, Integer.MAX_VALUE);
    }

    public void deleteAll(String account, String region, String function) {
        db.write(c -> Sql.update(c, "DELETE FROM lambda_aliases WHERE account = ? AND region = ? AND name = ?", account, region, function));
    }

    private String write(AliasRecord alias) {
        try {
            return json.writeValueAsString(alias);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private AliasRecord read(String doc) {
        try {
            return json.readValue(doc, AliasRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alias", e);
        }
    }
}
