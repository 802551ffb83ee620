package io.haneul.lambda.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.domain.EventSourceMapping;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Event source mappings in the store (SQLite or PostgreSQL): one JSON document per mapping, with
 * the columns it is looked up by (its UUID, its function, its queue, its state). The table is
 * created by {@link LambdaSchema} (migrated by {@link SqlFunctionStore}, which the module creates first).
 */
public final class SqlMappingStore {

    private final Database db;
    private final ObjectMapper json;

    public SqlMappingStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        db.migrate("lambda", LambdaSchema.migrations());
    }

    /**
     * Inserts a mapping unless one of the same queue and function exists in its account and region.
     *
     * @return the existing mapping of that queue and function, or empty when the new one was inserted
     */
    public Optional<EventSourceMapping> createUnlessDuplicate(EventSourceMapping m) {
        return db.write(c -> {
            Optional<EventSourceMapping> existing = Sql.one(c, "SELECT doc FROM lambda_event_source_mappings "
                            + "WHERE account = ? AND region = ? AND event_source_arn = ? AND function_name = ?",
                    rs -> read(rs.getString(1)), m.account(), m.region(), m.eventSourceArn(), m.functionName());
            if (existing.isEmpty()) {
                Sql.update(c, "INSERT INTO lambda_event_source_mappings (uuid, account, region, function_name, event_source_arn, state, doc) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", m.uuid(), m.account(), m.region(), m.functionName(), m.eventSourceArn(),
                        m.state(), write(m));
            }
            return existing;
        });
    }

    public Optional<EventSourceMapping> get(String account, String region, String uuid) {
        return db.read(c -> Sql.one(c, "SELECT doc FROM lambda_event_source_mappings WHERE uuid = ? AND account = ? AND region = ?",
                rs -> read(rs.getString(1)), uuid, account, region));
    }

    /** Replaces a mapping when it is still in {@code expectedState}; false when it changed or is gone. */
    public boolean replace(EventSourceMapping m, String expectedState) {
        return db.write(c -> Sql.update(c, "UPDATE lambda_event_source_mappings SET state = ?, doc = ? WHERE uuid = ? AND state = ?",
                m.state(), write(m), m.uuid(), expectedState) == 1);
    }

    public boolean delete(String uuid) {
        return db.write(c -> Sql.update(c, "DELETE FROM lambda_event_source_mappings WHERE uuid = ?", uuid) == 1);
    }

    /**
     * Up to {@code limit} mappings after {@code afterUuid} (exclusive; null: from the start), by UUID,
     * optionally only those of one queue and/or one function.
     */
    public List<EventSourceMapping> list(String account, String region, String eventSourceArn, String functionName,
                                         String afterUuid, int limit) {
        StringBuilder sql = new StringBuilder("SELECT doc FROM lambda_event_source_mappings WHERE account = ? AND region = ? AND uuid > ?");
        List<Object> args = new ArrayList<>(List.of(account, region, afterUuid == null ? "" : afterUuid));
        if (eventSourceArn != null) {
            sql.append(" AND event_source_arn = ?");
            args.add(eventSourceArn);
        }
        if (functionName != null) {
            sql.append(" AND function_name = ?");
            args.add(functionName);
        }
        sql.append(" ORDER BY uuid LIMIT ?");
        args.add(limit);
        return db.read(c -> Sql.list(c, sql.toString(), rs -> read(rs.getString(1)), args.toArray()));
    }

    /** Every mapping of every account (the pollers to start with the server). */
    public List<EventSourceMapping> all() {
        return db.read(c -> Sql.list(c, "SELECT doc FROM lambda_event_source_mappings ORDER BY uuid", rs -> read(rs.getString(1))));
    }

    private String write(EventSourceMapping m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private EventSourceMapping read(String doc) {
        try {
            return json.readValue(doc, EventSourceMapping.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt event source mapping " + doc, e);
        }
    }
}
