package io.haneul.swf.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists and counts a domain's executions in SQL, so that a domain with many executions is paged
 * without reading them all: every filter is a condition on an indexed column of
 * {@code swf_executions} (tags through {@code swf_execution_tags}), and pages follow a keyset
 * cursor (the last row's time and runId) instead of an offset, so each page costs one index range.
 */
public final class SqlExecutionListing {

    /** Where the previous page ended: its last row's sort time and runId. */
    public record Cursor(long time, String runId) {
    }

    private final Database db;
    private final SqlExecutionStore rows;

    public SqlExecutionListing(Database db, SqlExecutionStore rows) {
        this.db = db;
        this.rows = rows;
    }

    /**
     * Up to {@code limit} executions after {@code after} (null: from the start), newest first by
     * start time (or by close time when {@code byCloseTime}), oldest first when {@code oldestFirst};
     * runs with the same time are ordered by runId.
     */
    public List<ExecutionRecord> page(String account, String region, String domain, ExecutionFilter f, boolean byCloseTime,
                                      boolean oldestFirst, Cursor after, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT e.* FROM swf_executions e WHERE ");
        where(sql, args, account, region, domain, f);
        String column = byCloseTime ? "e.closed_at" : "e.started_at";
        String dir = oldestFirst ? "ASC" : "DESC";
        if (after != null) {
            String cmp = oldestFirst ? ">" : "<";
            sql.append(" AND (").append(column).append(' ').append(cmp).append(" ? OR (").append(column).append(" = ? AND e.run_id ")
                    .append(cmp).append(" ?))");
            args.add(after.time());
            args.add(after.time());
            args.add(after.runId());
        }
        sql.append(" ORDER BY ").append(column).append(' ').append(dir).append(", e.run_id ").append(dir).append(" LIMIT ?");
        args.add(limit);
        return db.read(c -> Sql.list(c, sql.toString(), rows::record, args.toArray()));
    }

    /** How many executions the filter selects. */
    public int count(String account, String region, String domain, ExecutionFilter f) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM swf_executions e WHERE ");
        where(sql, args, account, region, domain, f);
        return db.read(c -> Sql.one(c, sql.toString(), rs -> rs.getInt(1), args.toArray()).orElse(0));
    }

    private static void where(StringBuilder sql, List<Object> args, String account, String region, String domain, ExecutionFilter f) {
        sql.append("e.account = ? AND e.region = ? AND e.domain = ? AND e.is_open = ?");
        args.add(account);
        args.add(region);
        args.add(domain);
        args.add(f.open());
        range(sql, args, "e.started_at", f.startFrom(), f.startTo());
        range(sql, args, "e.closed_at", f.closeFrom(), f.closeTo());
        if (f.workflowId() != null) {
            sql.append(" AND e.workflow_id = ?");
            args.add(f.workflowId());
        }
        if (f.typeName() != null) {
            sql.append(" AND e.type_name = ?");
            args.add(f.typeName());
            if (f.typeVersion() != null) {
                sql.append(" AND e.type_version = ?");
                args.add(f.typeVersion());
            }
        }
        if (f.tag() != null) {
            sql.append(" AND e.run_id IN (SELECT t.run_id FROM swf_execution_tags t WHERE t.account = ? AND t.region = ?"
                    + " AND t.domain = ? AND t.tag = ?)");
            args.add(account);
            args.add(region);
            args.add(domain);
            args.add(f.tag());
        }
        if (f.closeStatus() != null) {
            sql.append(" AND e.close_status = ?");
            args.add(f.closeStatus());
        }
    }

    private static void range(StringBuilder sql, List<Object> args, String column, Long from, Long to) {
        if (from != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" AND ").append(column).append(" <= ?");
            args.add(to);
        }
    }
}
