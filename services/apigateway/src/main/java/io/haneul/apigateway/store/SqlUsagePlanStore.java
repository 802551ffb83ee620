package io.haneul.apigateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * API keys, usage plans, the keys of each plan and the quota counts (tables of
 * {@link ApiGatewaySchema}, migrations 8 and 9, applied by {@link SqlRestApiStore}). Keys and plans
 * are JSON documents in AWS's wire names; a key's document holds its value, which views strip.
 */
public final class SqlUsagePlanStore {

    /** Quota use of one key under one plan over some days: requests counted and quota granted by UpdateUsage. */
    public record Counts(long used, long granted) {
    }

    /** One day's row of {@code apigw_usage}. */
    public record Day(String day, long used, long granted) {
    }

    private final Database db;
    private final ObjectMapper json;

    /** @param restApis the REST API store, built first: it applies the service's migrations, these tables' included */
    public SqlUsagePlanStore(Database db, ObjectMapper json, SqlRestApiStore restApis) {
        this.db = db;
        this.json = json;
        this.writes = new WriteCount(db);
    }

    private final WriteCount writes;

    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Changes keys, plans or their links (what {@link #writeCount} follows). */
    public <T> T update(Work<T> work) {
        try {
            return db.write(c -> work.run(new Tx(c)));
        } finally {
            writes.written();
        }
    }

    /** Counts requests against quotas: a write that changes no key or plan, so cached grants stay good. */
    public <T> T count(Work<T> work) {
        return db.write(c -> work.run(new Tx(c)));
    }

    /** See {@link WriteCount}: what the invoke path's cache of key grants is keyed on. */
    public long writeCount() {
        return writes.value();
    }

    public <T> T read(Work<T> work) {
        return db.read(c -> work.run(new Tx(c)));
    }

    /** The statements, bound to one connection. */
    public final class Tx {
        private final Connection c;

        Tx(Connection c) {
            this.c = c;
        }

        // API keys

        public Optional<ObjectNode> key(String account, String region, String keyId) throws SQLException {
            return Sql.one(c, "SELECT doc FROM apigw_api_keys WHERE key_id = ? AND account = ? AND region = ?",
                    rs -> object(rs.getString(1)), keyId, account, region);
        }

        public Optional<ObjectNode> keyByValue(String account, String region, String value) throws SQLException {
            return Sql.one(c, "SELECT doc FROM apigw_api_keys WHERE account = ? AND region = ? AND key_value = ?",
                    rs -> object(rs.getString(1)), account, region, value);
        }

        public List<ObjectNode> keys(String account, String region) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_api_keys WHERE account = ? AND region = ? ORDER BY key_id",
                    rs -> object(rs.getString(1)), account, region);
        }

        public void putKey(String account, String region, ObjectNode doc) throws SQLException {
            String id = doc.get("id").asText();
            String value = doc.get("value").asText();
            if (Sql.update(c, "UPDATE apigw_api_keys SET key_value = ?, doc = ? WHERE key_id = ?", value, doc.toString(), id) == 0) {
                Sql.update(c, "INSERT INTO apigw_api_keys (key_id, account, region, key_value, doc) VALUES (?, ?, ?, ?, ?)",
                        id, account, region, value, doc.toString());
            }
        }

        public void deleteKey(String keyId) throws SQLException {
            Sql.update(c, "DELETE FROM apigw_api_keys WHERE key_id = ?", keyId);
            Sql.update(c, "DELETE FROM apigw_usage_plan_keys WHERE key_id = ?", keyId);
            Sql.update(c, "DELETE FROM apigw_usage WHERE key_id = ?", keyId);
        }

        // usage plans

        public Optional<ObjectNode> plan(String account, String region, String planId) throws SQLException {
            return Sql.one(c, "SELECT doc FROM apigw_usage_plans WHERE plan_id = ? AND account = ? AND region = ?",
                    rs -> object(rs.getString(1)), planId, account, region);
        }

        public List<ObjectNode> plans(String account, String region) throws SQLException {
            return Sql.list(c, "SELECT doc FROM apigw_usage_plans WHERE account = ? AND region = ? ORDER BY plan_id",
                    rs -> object(rs.getString(1)), account, region);
        }

        public void putPlan(String account, String region, ObjectNode doc) throws SQLException {
            String id = doc.get("id").asText();
            if (Sql.update(c, "UPDATE apigw_usage_plans SET doc = ? WHERE plan_id = ?", doc.toString(), id) == 0) {
                Sql.update(c, "INSERT INTO apigw_usage_plans (plan_id, account, region, doc) VALUES (?, ?, ?, ?)",
                        id, account, region, doc.toString());
            }
        }

        public void deletePlan(String planId) throws SQLException {
            Sql.update(c, "DELETE FROM apigw_usage_plans WHERE plan_id = ?", planId);
            Sql.update(c, "DELETE FROM apigw_usage_plan_keys WHERE plan_id = ?", planId);
            Sql.update(c, "DELETE FROM apigw_usage WHERE plan_id = ?", planId);
        }

        // the keys of a plan

        public List<String> planKeyIds(String planId) throws SQLException {
            return Sql.list(c, "SELECT key_id FROM apigw_usage_plan_keys WHERE plan_id = ? ORDER BY key_id", rs -> rs.getString(1), planId);
        }

        public List<String> keyPlanIds(String keyId) throws SQLException {
            return Sql.list(c, "SELECT plan_id FROM apigw_usage_plan_keys WHERE key_id = ? ORDER BY plan_id", rs -> rs.getString(1), keyId);
        }

        public boolean addPlanKey(String planId, String keyId) throws SQLException {
            if (Sql.one(c, "SELECT 1 FROM apigw_usage_plan_keys WHERE plan_id = ? AND key_id = ?", rs -> 1, planId, keyId).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO apigw_usage_plan_keys (plan_id, key_id) VALUES (?, ?)", planId, keyId);
            return true;
        }

        public boolean deletePlanKey(String planId, String keyId) throws SQLException {
            return Sql.update(c, "DELETE FROM apigw_usage_plan_keys WHERE plan_id = ? AND key_id = ?", planId, keyId) == 1;
        }

        // quota counts

        /** Counts one request on {@code day} (an ISO date), creating the day's row when it is the first. */
        public void countRequest(String planId, String keyId, String day) throws SQLException {
            Sql.update(c, "INSERT INTO apigw_usage (plan_id, key_id, day, used, granted) VALUES (?, ?, ?, 1, 0) "
                    + "ON CONFLICT (plan_id, key_id, day) DO UPDATE SET used = apigw_usage.used + 1", planId, keyId, day);
        }

        /** Adds quota to {@code day}'s row (UpdateUsage); negative to take some back. */
        public void grant(String planId, String keyId, String day, long amount) throws SQLException {
            Sql.update(c, "INSERT INTO apigw_usage (plan_id, key_id, day, used, granted) VALUES (?, ?, ?, 0, ?) "
                    + "ON CONFLICT (plan_id, key_id, day) DO UPDATE SET granted = apigw_usage.granted + ?", planId, keyId, day, amount, amount);
        }

        /** Totals from {@code from} to {@code to}, both ISO dates and included. */
        public Counts counts(String planId, String keyId, String from, String to) throws SQLException {
            return Sql.one(c, "SELECT COALESCE(SUM(used), 0), COALESCE(SUM(granted), 0) FROM apigw_usage "
                            + "WHERE plan_id = ? AND key_id = ? AND day >= ? AND day <= ?",
                    rs -> new Counts(rs.getLong(1), rs.getLong(2)), planId, keyId, from, to).orElse(new Counts(0, 0));
        }

        public List<Day> days(String planId, String keyId, String from, String to) throws SQLException {
            return Sql.list(c, "SELECT day, used, granted FROM apigw_usage WHERE plan_id = ? AND key_id = ? AND day >= ? AND day <= ? ORDER BY day",
                    rs -> new Day(rs.getString(1), rs.getLong(2), rs.getLong(3)), planId, keyId, from, to);
        }
    }

    private ObjectNode object(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable API Gateway document", e);
        }
    }
}
