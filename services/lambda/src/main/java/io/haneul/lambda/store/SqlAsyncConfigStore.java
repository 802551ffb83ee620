package io.haneul.lambda.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.domain.EventInvokeConfig;
import io.haneul.lambda.domain.ProvisionedConcurrency;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a function's asynchronous invocations and concurrency are configured to be, in the store
 * (SQLite or PostgreSQL): event invoke configs and provisioned concurrency per function and
 * qualifier, reserved concurrency per function. Tables are created by {@link LambdaSchema}
 * (migration 5), which {@link SqlFunctionStore} applies.
 */
public final class SqlAsyncConfigStore {

    private final Database db;
    private final ObjectMapper json;

    public SqlAsyncConfigStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        db.migrate("lambda", LambdaSchema.migrations());
    }

    /** Inserts or replaces the config of its function and qualifier. */
    public void putEventInvokeConfig(EventInvokeConfig c) {
        db.write(c2 -> {
            Sql.update(c2, "DELETE FROM lambda_event_invoke_configs WHERE account = ? AND region = ? AND name = ? AND qualifier = ?",
                    c.account(), c.region(), c.name(), c.qualifier());
            Sql.update(c2, "INSERT INTO lambda_event_invoke_configs (account, region, name, qualifier, doc) VALUES (?, ?, ?, ?, ?)",
                    c.account(), c.region(), c.name(), c.qualifier(), write(c));
            return null;
        });
    }

    public Optional<EventInvokeConfig> eventInvokeConfig(String account, String region, String name, String qualifier) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_event_invoke_configs WHERE account = ? AND region = ? AND name = ? "
                + "AND qualifier = ?", rs -> read(rs.getString(1)), account, region, name, qualifier));
    }

    /** A function's configs, by qualifier, after {@code afterQualifier} (exclusive; null: from the start). */
    public List<EventInvokeConfig> eventInvokeConfigs(String account, String region, String name, String afterQualifier, int limit) {
        return db.read(c -> Sql.list(c, "SELECT doc FROM lambda_event_invoke_configs WHERE account = ? AND region = ? AND name = ? "
                        + "AND qualifier > ? ORDER BY qualifier LIMIT ?", rs -> read(rs.getString(1)), account, region, name,
                afterQualifier == null ? "" : afterQualifier, limit));
    }

    public boolean deleteEventInvokeConfig(String account, String region, String name, String qualifier) {
        return db.write(c -> Sql.update(c, "DELETE FROM lambda_event_invoke_configs WHERE account = ? AND region = ? AND name = ? "
                + "AND qualifier = ?", account, region, name, qualifier) == 1);
    }

    /** Sets a function's reserved concurrency (0 and more). */
    public void putReserved(String account, String region, String name, int reserved) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM lambda_reserved_concurrency WHERE account = ? AND region = ? AND name = ?", account, region, name);
            Sql.update(c, "INSERT INTO lambda_reserved_concurrency (account, region, name, reserved) VALUES (?, ?, ?, ?)",
                    account, region, name, reserved);
            return null;
        });
    }

    public OptionalInt reserved(String account, String region, String name) {
        Optional<Integer> r = db.read(c -> Sql.one(c, "SELECT reserved FROM lambda_reserved_concurrency WHERE account = ? AND region = ? "
                + "AND name = ?", rs -> rs.getInt(1), account, region, name));
        return r.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    public boolean deleteReserved(String account, String region, String name) {
        return db.write(c -> Sql.update(c, "DELETE FROM lambda_reserved_concurrency WHERE account = ? AND region = ? AND name = ?",
                account, region, name) == 1);
    }

    /** The sum of the reservations of an account's functions in a region, leaving out {@code exceptName} (null: none left out). */
    public long reservedTotal(String account, String region, String exceptName) {
        return db.read(c -> Sql.one(c, "SELECT COALESCE(SUM(reserved), 0) FROM lambda_reserved_concurrency WHERE account = ? "
                        + "AND region = ? AND name <> ?", rs -> rs.getLong(1), account, region, exceptName == null ? "" : exceptName)
                .orElse(0L));
    }

    public void putProvisioned(ProvisionedConcurrency p) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM lambda_provisioned_concurrency WHERE account = ? AND region = ? AND name = ? AND qualifier = ?",
                    p.account(), p.region(), p.name(), p.qualifier());
            Sql.update(c, "INSERT INTO lambda_provisioned_concurrency (account, region, name, qualifier, requested, last_modified) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", p.account(), p.region(), p.name(), p.qualifier(), p.requested(), p.lastModified());
            return null;
        });
    }

    public Optional<ProvisionedConcurrency> provisioned(String account, String region, String name, String qualifier) {
        return db.read(c -> Sql.one(c, "SELECT requested, last_modified FROM lambda_provisioned_concurrency WHERE account = ? "
                        + "AND region = ? AND name = ? AND qualifier = ?",
                rs -> new ProvisionedConcurrency(account, region, name, qualifier, rs.getInt(1), rs.getString(2)),
                account, region, name, qualifier));
    }

    public List<ProvisionedConcurrency> provisionedOf(String account, String region, String name, String afterQualifier, int limit) {
        return db.read(c -> Sql.list(c, "SELECT qualifier, requested, last_modified FROM lambda_provisioned_concurrency "
                        + "WHERE account = ? AND region = ? AND name = ? AND qualifier > ? ORDER BY qualifier LIMIT ?",
                rs -> new ProvisionedConcurrency(account, region, name, rs.getString(1), rs.getInt(2), rs.getString(3)),
                account, region, name, afterQualifier == null ? "" : afterQualifier, limit));
    }

    public boolean deleteProvisioned(String account, String region, String name, String qualifier) {
        return db.write(c -> Sql.update(c, "DELETE FROM lambda_provisioned_concurrency WHERE account = ? AND region = ? AND name = ? "
                + "AND qualifier = ?", account, region, name, qualifier) == 1);
    }

    /** Forgets everything configured for a deleted function. */
    public void forget(String account, String region, String name) {
        db.write(c -> {
            for (String table : List.of("lambda_event_invoke_configs", "lambda_reserved_concurrency", "lambda_provisioned_concurrency")) {
                Sql.update(c, "DELETE FROM " + table + " WHERE account = ? AND region = ? AND name = ?", account, region, name);
            }
            return null;
        });
    }

    private String write(EventInvokeConfig c) {
        try {
            return json.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private EventInvokeConfig read(String doc) {
        try {
            return json.readValue(doc, EventInvokeConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable event invoke config", e);
        }
    }
}
