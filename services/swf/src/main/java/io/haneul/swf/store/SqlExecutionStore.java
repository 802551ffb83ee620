package io.haneul.swf.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.storage.Database;
import io.haneul.storage.Dialect;
import io.haneul.storage.Sql;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Executions, their histories and their tasks in the store. Methods taking a {@link Connection}
 * run inside the execution engine's write transaction; the others are reads for visibility.
 * On PostgreSQL an execution row is locked ({@code FOR UPDATE}) while it changes and tasks are
 * claimed with {@code SKIP LOCKED}, so nodes sharing the database hand each task to one poller.
 * Runs and their histories are served from a {@link RunCache} of their last written versions (see
 * {@link #committed}). On SQLite, where this process is the only writer, an entry is used without a
 * query; on PostgreSQL, where another node may have changed the run, the row's version is read (with
 * its lock, in the same statement that reads the row) and the stored state is sent and parsed only
 * when the version differs from the entry's.
 */
public final class SqlExecutionStore {

    private static final int CACHED_RUNS = 10_000;

    private final Database db;
    private final ObjectMapper json;
    private final StateJson states;
    private final SdkDocuments documents;
    private final boolean postgres;
    private final RunCache cache;
    /** Columns of swf_executions but the state, which a read validated by version leaves out when the version is the kept one. */
    private static final String COLUMNS_BUT_STATE = "run_id, account, region, domain, workflow_id, type_name, type_version, tags,"
            + " is_open, close_status, started_at, closed_at, next_event_id, version";

    public SqlExecutionStore(Database db, ObjectMapper json, SdkDocuments documents) {
        this.db = db;
        this.json = json;
        this.states = new StateJson(json);
        this.documents = documents;
        this.postgres = db.dialect() == Dialect.POSTGRES;
        this.cache = new RunCache(CACHED_RUNS);
    }

    public Database database() {
        return db;
    }

    /** Inserts a new run. */
    public void insert(Connection c, ExecutionRecord e) throws SQLException {
        String state = states.write(e.state);
        e.version = newVersion();
        Sql.update(c, "INSERT INTO swf_executions (run_id, account, region, domain, workflow_id, type_name, type_version, tags,"
                        + " is_open, close_status, started_at, closed_at, next_event_id, version, state)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.runId, e.account, e.region, e.domain, e.workflowId, e.typeName, e.typeVersion, write(e.tags), e.open,
                e.closeStatus, e.startedAt, e.closedAt, e.nextEventId, e.version, state);
    }

    /**
     * A row version no write gave before, as far as chance goes (64 random bits): a counter would
     * not do, since a node's transaction whose commit failed leaves its entry in the cache with a
     * version that another node's committed write could then give the row too.
     */
    private static long newVersion() {
        long v;
        do {
            v = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        } while (v == 0);
        return v;
    }

    /**
     * Writes the run's row back. While the run is open only its history position and state change (a
     * run never reopens): setting is_open, close_status and closed_at as well would make SQLite
     * rewrite the four visibility indexes that hold them in every transaction.
     */
    public void update(Connection c, ExecutionRecord e) throws SQLException {
        String state = states.write(e.state);
        e.version = newVersion();
        if (e.open) {
            Sql.update(c, "UPDATE swf_executions SET next_event_id = ?, version = ?, state = ? WHERE run_id = ?", e.nextEventId,
                    e.version, state, e.runId);
        } else {
            Sql.update(c, "UPDATE swf_executions SET is_open = ?, close_status = ?, closed_at = ?, next_event_id = ?, version = ?,"
                    + " state = ? WHERE run_id = ?", e.open, e.closeStatus, e.closedAt, e.nextEventId, e.version, state, e.runId);
        }
    }

    /**
     * Hands the store the version of a run its transaction wrote, as the last step of the
     * transaction's work (nothing after it may fail but the commit): the next transaction and reads
     * get it from memory. {@code added} are the events the transaction appended; {@code fresh} says it
     * created the run; {@code loadedVersion} is the row version the transaction started from.
     */
    public void committed(ExecutionRecord e, List<HistoryEvent> added, boolean fresh, long loadedVersion) {
        cache.put(e, added, fresh, loadedVersion);
    }

    /** Drops every copy of a run held in memory (after a write failed in a way the cache cannot tell). */
    public void forgetCached() {
        cache.clear();
    }

    /** The run, locked for this transaction on PostgreSQL. */
    public Optional<ExecutionRecord> lock(Connection c, String runId) throws SQLException {
        return current(c, runId, postgres ? " FOR UPDATE" : "");
    }

    /**
     * The run's current version: the kept entry's copy when this process is the only writer, or
     * when the row (read with {@code suffix}, e.g. its lock) still has the entry's version; else the
     * row as stored.
     */
    private Optional<ExecutionRecord> current(Connection c, String runId, String suffix) throws SQLException {
        RunCache.Snapshot kept = cache.get(runId);
        if (kept != null && !postgres) {
            return Optional.of(copy(kept));
        }
        if (kept == null) {
            return Sql.one(c, "SELECT * FROM swf_executions WHERE run_id = ?" + suffix, this::record, runId);
        }
        return Sql.one(c, "SELECT " + COLUMNS_BUT_STATE + ", CASE WHEN version = ? THEN NULL ELSE state END AS state"
                        + " FROM swf_executions WHERE run_id = ?" + suffix,
                rs -> rs.getLong("version") == kept.version() ? copy(kept) : record(rs), kept.version(), runId);
    }

    /** The domain's retention period ("NONE" or days). */
    public String retention(Connection c, String account, String region, String domain) throws SQLException {
        return Sql.one(c, "SELECT retention FROM swf_domains WHERE account = ? AND region = ? AND name = ?", rs -> rs.getString(1),
                account, region, domain).orElse("NONE");
    }

    /** Deletes a closed run and its history (after the domain's retention); false when it is open or gone. */
    public boolean purge(String runId) {
        return db.write(c -> {
            cache.remove(runId);
            int gone = Sql.update(c, "DELETE FROM swf_executions WHERE run_id = ? AND is_open = 0", runId);
            if (gone > 0) {
                Sql.update(c, "DELETE FROM swf_events WHERE run_id = ?", runId);
                Sql.update(c, "DELETE FROM swf_tasks WHERE run_id = ?", runId);
            }
            return gone > 0;
        });
    }

    /** The run as stored, without a lock (for reads). */
    public Optional<ExecutionRecord> get(String runId) {
        if (!postgres) {
            RunCache.Snapshot kept = cache.get(runId);
            if (kept != null) {
                return Optional.of(copy(kept));
            }
        }
        return db.read(c -> current(c, runId, ""));
    }

    public Optional<String> openRunId(Connection c, String account, String region, String domain, String workflowId)
            throws SQLException {
        return Sql.one(c, "SELECT run_id FROM swf_executions WHERE account = ? AND region = ? AND domain = ? AND workflow_id = ?"
                + " AND is_open = 1", rs -> rs.getString(1), account, region, domain, workflowId);
    }

    public Optional<ExecutionRecord> find(String account, String region, String domain, String workflowId, String runId) {
        return get(runId).filter(e -> e.account.equals(account) && e.region.equals(region) && e.domain.equals(domain)
                && e.workflowId.equals(workflowId));
    }

    public Optional<String> openRunId(String account, String region, String domain, String workflowId) {
        return db.read(c -> openRunId(c, account, region, domain, workflowId));
    }

    /** Every execution of the domain that is open (or closed), for the visibility calls to filter. */
    public List<ExecutionRecord> executions(String account, String region, String domain, boolean open) {
        return db.read(c -> Sql.list(c, "SELECT * FROM swf_executions WHERE account = ? AND region = ? AND domain = ?"
                + " AND is_open = ?", this::record, account, region, domain, open));
    }

    /**
     * Most events in one INSERT: PostgreSQL takes at most 65,535 parameters in a statement (3 an event), and full
     * chunks share one SQL text, so its prepared statement is reused.
     */
    static final int APPEND_CHUNK = 500;

    /** Appends a transaction's events to the run's history, in multi-row INSERTs of {@link #APPEND_CHUNK} rows at most. */
    public void append(Connection c, String runId, List<HistoryEvent> events) throws SQLException {
        for (int from = 0; from < events.size(); from += APPEND_CHUNK) {
            appendChunk(c, runId, events.subList(from, Math.min(events.size(), from + APPEND_CHUNK)));
        }
    }

    private void appendChunk(Connection c, String runId, List<HistoryEvent> events) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO swf_events (run_id, event_id, body) VALUES (?, ?, ?)");
        Object[] args = new Object[events.size() * 3];
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                sql.append(", (?, ?, ?)");
            }
            HistoryEvent event = events.get(i);
            args[i * 3] = runId;
            args[i * 3 + 1] = event.eventId();
            args[i * 3 + 2] = documents.write(event);
        }
        Sql.update(c, sql.toString(), args);
    }

    /**
     * The run's events with ids up to {@code lastEventId}, oldest first, as of the version of the
     * run read ({@code run}). On PostgreSQL the kept history is used only when it is of that version
     * (it is kept before its commit, which may fail); on SQLite a failed write clears the cache.
     */
    public List<HistoryEvent> events(ExecutionRecord run, long lastEventId) {
        List<HistoryEvent> kept = cache.events(run.runId, postgres ? run.version : null, lastEventId);
        if (kept != null) {
            return kept;
        }
        return db.read(c -> Sql.list(c, "SELECT body FROM swf_events WHERE run_id = ? AND event_id <= ? ORDER BY event_id",
                rs -> documents.read(rs.getString(1), HistoryEvent.class), run.runId, lastEventId));
    }

    public void insertTask(Connection c, TaskRow t) throws SQLException {
        Sql.update(c, "INSERT INTO swf_tasks (token, account, region, domain, kind, task_list, priority, run_id,"
                        + " scheduled_event_id, started) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", t.token(), t.account(),
                t.region(), t.domain(), t.kind(), t.taskList(), t.priority(), t.runId(), t.scheduledEventId());
    }

    /**
     * Takes the first waiting task of the list (highest priority, then oldest) off it, in one
     * statement (DELETE ... RETURNING, on SQLite and PostgreSQL alike). A task handed to a worker
     * needs no row: the run's state knows it (the decision task's token, each activity's) and answers
     * its token, its timeouts and its completion; rows marked started by earlier versions are left to
     * the run's purge.
     */
    public Optional<TaskRow> claim(Connection c, String account, String region, String domain, String kind, String taskList)
            throws SQLException {
        return Sql.one(c, "DELETE FROM swf_tasks WHERE token = (SELECT token FROM swf_tasks WHERE account = ?"
                        + " AND region = ? AND domain = ? AND kind = ? AND task_list = ? AND started = 0"
                        + " ORDER BY priority DESC, seq LIMIT 1" + (postgres ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING *",
                SqlExecutionStore::task, account, region, domain, kind, taskList);
    }

    public Optional<TaskRow> task(Connection c, String token) throws SQLException {
        return Sql.one(c, "SELECT * FROM swf_tasks WHERE token = ?", SqlExecutionStore::task, token);
    }

    public void deleteTask(Connection c, String token) throws SQLException {
        Sql.update(c, "DELETE FROM swf_tasks WHERE token = ?", token);
    }

    public void deleteTasksOfRun(Connection c, String runId) throws SQLException {
        Sql.update(c, "DELETE FROM swf_tasks WHERE run_id = ?", runId);
    }

    /** Tasks waiting on the list (not yet handed to a worker). */
    public int countWaiting(String account, String region, String domain, String kind, String taskList) {
        return db.read(c -> Sql.one(c, "SELECT COUNT(*) FROM swf_tasks WHERE account = ? AND region = ? AND domain = ?"
                + " AND kind = ? AND task_list = ? AND started = 0", rs -> rs.getInt(1), account, region, domain, kind, taskList)
                .orElse(0));
    }

    private static TaskRow task(ResultSet rs) throws SQLException {
        return new TaskRow(rs.getString("token"), rs.getString("account"), rs.getString("region"), rs.getString("domain"),
                rs.getString("kind"), rs.getString("task_list"), rs.getInt("priority"), rs.getString("run_id"),
                rs.getLong("scheduled_event_id"), rs.getInt("started") == 1);
    }

    /** A mutable copy of a kept run. */
    private static ExecutionRecord copy(RunCache.Snapshot s) {
        ExecutionRecord e = new ExecutionRecord(s.runId(), s.account(), s.region(), s.domain(), s.workflowId(), s.typeName(),
                s.typeVersion(), s.tags() == null ? null : new java.util.ArrayList<>(s.tags()), s.open(), s.closeStatus(),
                s.startedAt(), s.closedAt(), s.nextEventId(), s.state().copy());
        e.version = s.version();
        return e;
    }

    /** Maps a row of swf_executions (also for {@link SqlExecutionListing}). */
    ExecutionRecord record(ResultSet rs) throws SQLException {
        long closed = rs.getLong("closed_at");
        Long closedAt = rs.wasNull() ? null : closed;
        try {
            ExecutionRecord run = new ExecutionRecord(rs.getString("run_id"), rs.getString("account"), rs.getString("region"),
                    rs.getString("domain"), rs.getString("workflow_id"), rs.getString("type_name"), rs.getString("type_version"),
                    json.readValue(rs.getString("tags"), new TypeReference<List<String>>() { }), rs.getInt("is_open") == 1,
                    rs.getString("close_status"), rs.getLong("started_at"), closedAt, rs.getLong("next_event_id"),
                    states.read(rs.getString("state")));
            run.version = rs.getLong("version");
            return run;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
