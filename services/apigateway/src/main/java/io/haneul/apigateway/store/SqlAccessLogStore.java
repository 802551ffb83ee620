package io.haneul.apigateway.store;

import io.haneul.apigateway.invoke.AccessLogs;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stages' access log lines in {@code apigw_access_logs}, so that they survive a restart (AWS keeps
 * them in CloudWatch Logs). Each stage keeps its newest {@value #KEPT} lines: every
 * {@value #PRUNE_EVERY} lines a stage writes, older ones are deleted.
 */
public final class SqlAccessLogStore implements AccessLogs.Lines {

    static final int KEPT = 10_000;
    static final int PRUNE_EVERY = 500;

    private final Database db;
    /**
     * The last line's time in microseconds: each line's {@code logged_at} is its request's time in
     * microseconds, moved on past the previous line's so that lines read back in the order written.
     */
    private final AtomicLong last = new AtomicLong();
    /** Lines written per stage since this node started, to prune now and then rather than on every write. */
    private final Map<String, AtomicLong> written = new ConcurrentHashMap<>();

    public SqlAccessLogStore(Database db) {
        this.db = db;
        db.migrate("apigateway", ApiGatewaySchema.migrations());
    }

    @Override
    public void append(String account, String apiId, String stage, String requestId, Instant at, String line) {
        boolean prune = written.computeIfAbsent(apiId + "/" + stage, k -> new AtomicLong()).incrementAndGet() % PRUNE_EVERY == 0;
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
        long loggedAt = last.updateAndGet(previous -> Math.max(previous + 1, micros));
        db.write(c -> {
            Sql.update(c, "INSERT INTO apigw_access_logs (api_id, stage, request_id, account, logged_at, line) VALUES (?, ?, ?, ?, ?, ?)",
                    apiId, stage, requestId, account, loggedAt, line);
            if (prune) {
                Sql.update(c, "DELETE FROM apigw_access_logs WHERE api_id = ? AND stage = ? AND logged_at < (SELECT logged_at FROM "
                        + "apigw_access_logs WHERE api_id = ? AND stage = ? ORDER BY logged_at DESC LIMIT 1 OFFSET " + KEPT + ")",
                        apiId, stage, apiId, stage);
            }
            return null;
        });
    }

    @Override
    public List<AccessLogs.Line> read(String account, String apiId, String stage, int offset, int limit) {
        return db.read(c -> Sql.list(c, "SELECT request_id, logged_at, line FROM apigw_access_logs WHERE api_id = ? AND stage = ?"
                        + (account == null ? "" : " AND account = ?") + " ORDER BY logged_at, request_id LIMIT " + limit + " OFFSET " + offset,
                rs -> new AccessLogs.Line(rs.getString(1), Instant.EPOCH.plus(rs.getLong(2), java.time.temporal.ChronoUnit.MICROS), rs.getString(3)),
                account == null ? new Object[]{apiId, stage} : new Object[]{apiId, stage, account}));
    }
}
