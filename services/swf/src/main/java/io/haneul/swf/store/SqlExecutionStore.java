package io.haneul.swf.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.storage.Database;
import io.haneul.storage.Dialect;
import io.haneul.storage.Sql;
import io.haneul.swf.domain.ExecutionState;
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
 * On SQLite, where this process is the only writer, runs and their histories are served from a
 * {@link RunCache} of their last committed versions (see {@link #committed}); on PostgreSQL every
 * read goes to the database, since another node may have changed the run.
 */
public final class SqlExecutionStore {

    private static final int CACHED_RUNS = 10_000;

    private final Database db;
    private final ObjectMapper json;
    private final SdkDocuments documents;
    private final boolean postgres;
    /** Null on PostgreSQL: nodes sharing the database cannot trust a copy of a run. */
    private final RunCache cache;

    public SqlExecutionStore(Database db, ObjectMapper json, SdkDocuments documents) {
        this.db = db;
        this.json = json;
        this.documents = documents;
        this.postgres = db.dialect() == Dialect.POSTGRES;
        this.cache = postgres ? null : new RunCache(CACHED_RUNS);
    }

    public Database database() {
        return db;
    }

    /** Inserts a new run. */
    public void insert(Connection c, ExecutionRecord e) throws SQLException {
        String state = write(e.state);
        Sql.update(c, "INSERT INTO swf_executions (run_id, account, region, domain, workflow_id, type_name, type_version, tags,"
                        + " is_open, close_status, started_at, closed_at, next_event_id, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.runId, e.account, e.region, e.domain, e.workflowId, e.typeName, e.typeVersion, write(e.tags), e.open,
                e.closeStatus, e.startedAt, e.closedAt, e.nextEventId, state);
    }

    /**
     * Writes the run's row back. While the run is open only its history position and state change (a
     * run never reopens): setting is_open, close_status and closed_at as well would make SQLite
     * rewrite the four visibility indexes that hold them in every transaction.
     */
    public void update(Connection c, ExecutionRecord e) throws SQLException {
        String state = write(e.state);
        if (e.open) {
            Sql.update(c, "UPDATE swf_executions SET next_event_id = ?, state = ? WHERE run_id = ?", e.nextEventId, state,
                    e.runId);
        } else {
            Sql.update(c, "UPDATE swf_executions SET is_open = ?, close_status = ?, closed_at = ?, next_event_id = ?, state = ?"
                    + " WHERE run_id = ?", e.open, e.closeStatus, e.closedAt, e.nextEventId, state, e.runId);
        }
    }

    /**
     * Hands the store the version of a run its transaction wrote, as the last step of the
     * transaction's work (nothing after it may fail but the commit): the next transaction and reads
     * get it from memory. {@code added} are the events the transaction appended; {@code fresh} says it
     * created the run.
     */
    public void committed(ExecutionRecord e, List<HistoryEvent> added, boolean fresh) {
        if (cache != null) {
            cache.put(e, added, fresh);
        }
    }

    /** Drops every copy of a run held in memory (after a write failed in a way the cache cannot tell). */
    public void forgetCached() {
        if (cache != null) {
            cache.clear();
        }
    }

    /** The run, locked for this transaction on PostgreSQL. */
    public Optional<ExecutionRecord> lock(Connection c, String runId) throws SQLException {
        ExecutionRecord cached = cached(runId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return Sql.one(c, "SELECT * FROM swf_executions WHERE run_id = ?" + (postgres ? " FOR UPDATE" : ""), this::record, runId);
    }

    /** The domain's retention period ("NONE" or days). */
    public String retention(Connection c, String account, String region, String domain) throws SQLException {
        return Sql.one(c, "SELECT retention FROM swf_domains WHERE account = ? AND region = ? AND name = ?", rs -> rs.getString(1),
                account, region, domain).orElse("NONE");
    }

    /** Deletes a closed run and its history (after the domain's retention); false when it is open or gone. */
    public boolean purge(String runId) {
        return db.write(c -> {
            if (cache != null) {
                cache.remove(runId);
            }
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
        ExecutionRecord cached = cached(runId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return db.read(c -> Sql.one(c, "SELECT * FROM swf_executions WHERE run_id = ?", this::record, runId));
    }

    public Optional<String> openRunId(Connection c, String account, String region, String domain, String workflowId)
            throws SQLException {
        return Sql.one(c, "SELECT run_id FROM swf_executions WHERE account = ? AND region = ? AND domain = ? AND workflow_id = ?"
                + " AND is_open = 1", rs -> rs.getString(1), account, region, domain, workflowId);
    }

    public Optional<ExecutionRecord> find(String account, String region, String domain, String workflowId, String runId) {
        ExecutionRecord cached = cached(runId);
        if (cached != null) {
            boolean same = cached.account.equals(account) && cached.region.equals(region) && cached.domain.equals(domain)
                    && cached.workflowId.equals(workflowId);
            return same ? Optional.of(cached) : Optional.empty();
        }
        return db.read(c -> Sql.one(c, "SELECT * FROM swf_executions WHERE run_id = ? AND account = ? AND region = ?"
                + " AND domain = ? AND workflow_id = ?", this::record, runId, account, region, domain, workflowId));
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

    /** The run's events with ids up to {@code lastEventId}, oldest first. */
    public List<HistoryEvent> events(String runId, long lastEventId) {
        RunCache.Snapshot cached = cache == null ? null : cache.get(runId);
        if (cached != null && cached.events() != null) {
            List<HistoryEvent> all = cached.events();
            int n = (int) Math.max(0, Math.min(all.size(), lastEventId));
            return all.subList(0, n);
        }
        return db.read(c -> Sql.list(c, "SELECT body FROM swf_events WHERE run_id = ? AND event_id <= ? ORDER BY event_id",
                rs -> documents.read(rs.getString(1), HistoryEvent.class), runId, lastEventId));
    }

    public void insertTask(Connection c, TaskRow t) throws SQLException {
        Sql.update(c, "INSERT INTO swf_tasks (token, account, region, domain, kind, task_list, priority, run_id,"
                        + " scheduled_event_id, started) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", t.token(), t.account(),
                t.region(), t.domain(), t.kind(), t.taskList(), t.priority(), t.runId(), t.scheduledEventId());
    }

    /**
     * Takes the first waiting task of the list (highest priority, then oldest) and marks it started,
     * in one statement (UPDATE ... RETURNING, on SQLite and PostgreSQL alike).
     */
    public Optional<TaskRow> claim(Connection c, String account, String region, String domain, String kind, String taskList)
            throws SQLException {
        return Sql.one(c, "UPDATE swf_tasks SET started = 1 WHERE token = (SELECT token FROM swf_tasks WHERE account = ?"
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

    /** A mutable copy of the run's last committed version when it is in memory; null otherwise. */
    private ExecutionRecord cached(String runId) {
        RunCache.Snapshot s = cache == null ? null : cache.get(runId);
        if (s == null) {
            return null;
        }
        return new ExecutionRecord(s.runId(), s.account(), s.region(), s.domain(), s.workflowId(), s.typeName(),
                s.typeVersion(), s.tags() == null ? null : new java.util.ArrayList<>(s.tags()), s.open(), s.closeStatus(),
                s.startedAt(), s.closedAt(), s.nextEventId(), s.state().copy());
    }

    /** Maps a row of swf_executions (also for {@link SqlExecutionListing}). */
    ExecutionRecord record(ResultSet rs) throws SQLException {
        long closed = rs.getLong("closed_at");
        Long closedAt = rs.wasNull() ? null : closed;
        try {
            return new ExecutionRecord(rs.getString("run_id"), rs.getString("account"), rs.getString("region"),
                    rs.getString("domain"), rs.getString("workflow_id"), rs.getString("type_name"), rs.getString("type_version"),
                    json.readValue(rs.getString("tags"), new TypeReference<List<String>>() { }), rs.getInt("is_open") == 1,
                    rs.getString("close_status"), rs.getLong("started_at"), closedAt, rs.getLong("next_event_id"),
                    json.readValue(rs.getString("state"), ExecutionState.class));
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
