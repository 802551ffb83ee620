package io.haneul.swf.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The SWF tables. An execution is an append-only history ({@code swf_events}, each event the SDK's
 * HistoryEvent as wire JSON) plus its current state ({@code swf_executions.state}, JSON of
 * {@link io.haneul.swf.domain.ExecutionState}), both changed in one transaction. Tasks waiting on a
 * task list, and tasks handed to a worker (with their token), live in {@code swf_tasks}.
 */
final class SwfSchema {

    private SwfSchema() {
    }

    static List<Migration> migrations() {
        return List.of(new Migration(1, "domains, types, executions, history, tasks", TABLES.replace("{SEQ}", "INTEGER PRIMARY KEY AUTOINCREMENT"),
                TABLES.replace("{SEQ}", "BIGSERIAL PRIMARY KEY")));
    }

    /** Tasks are taken in {@code seq} order within a priority: the order they were scheduled in. */
    private static final String TABLES = """
                CREATE TABLE swf_domains (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                  status TEXT NOT NULL, description TEXT, retention TEXT NOT NULL, tags TEXT NOT NULL,
                  created_at BIGINT NOT NULL,
                  PRIMARY KEY (account, region, name));
                CREATE TABLE swf_types (
                  account TEXT NOT NULL, region TEXT NOT NULL, domain TEXT NOT NULL, kind TEXT NOT NULL,
                  name TEXT NOT NULL, version TEXT NOT NULL, status TEXT NOT NULL, description TEXT,
                  configuration TEXT NOT NULL, created_at BIGINT NOT NULL, deprecated_at BIGINT,
                  PRIMARY KEY (account, region, domain, kind, name, version));
                CREATE TABLE swf_executions (
                  run_id TEXT PRIMARY KEY,
                  account TEXT NOT NULL, region TEXT NOT NULL, domain TEXT NOT NULL, workflow_id TEXT NOT NULL,
                  type_name TEXT NOT NULL, type_version TEXT NOT NULL, tags TEXT NOT NULL,
                  is_open INTEGER NOT NULL, close_status TEXT, started_at BIGINT NOT NULL, closed_at BIGINT,
                  next_event_id BIGINT NOT NULL, state TEXT NOT NULL);
                CREATE UNIQUE INDEX swf_executions_open ON swf_executions (account, region, domain, workflow_id) WHERE is_open = 1;
                CREATE INDEX swf_executions_list ON swf_executions (account, region, domain, is_open, started_at);
                CREATE TABLE swf_events (
                  run_id TEXT NOT NULL, event_id BIGINT NOT NULL, body TEXT NOT NULL,
                  PRIMARY KEY (run_id, event_id));
                CREATE TABLE swf_tasks (
                  seq {SEQ}, token TEXT NOT NULL UNIQUE,
                  account TEXT NOT NULL, region TEXT NOT NULL, domain TEXT NOT NULL, kind TEXT NOT NULL,
                  task_list TEXT NOT NULL, priority INTEGER NOT NULL, run_id TEXT NOT NULL,
                  scheduled_event_id BIGINT NOT NULL, started INTEGER NOT NULL);
                CREATE INDEX swf_tasks_ready ON swf_tasks (account, region, domain, kind, task_list, started, priority, seq);
                CREATE INDEX swf_tasks_run ON swf_tasks (run_id);
                """;
}
