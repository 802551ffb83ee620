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
                TABLES.replace("{SEQ}", "BIGSERIAL PRIMARY KEY")),
                new Migration(5, "visibility indexes and execution tags", SQLITE_TAGS, POSTGRES_TAGS),
                Migration.of(6, "execution row versions", RUN_VERSION));
    }

    /**
     * Every write of an execution row gives it a new random version, so a node can tell whether the
     * copy of a run it keeps in memory is still the row's (see {@link SqlExecutionStore}); rows
     * written before have version 0, which no write gives.
     */
    private static final String RUN_VERSION = "ALTER TABLE swf_executions ADD COLUMN version BIGINT NOT NULL DEFAULT 0";

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

    /**
     * Visibility in SQL: indexes for each List/Count filter and order, and the tags of each run as
     * rows ({@code swf_execution_tags}) so a tagFilter is an index lookup. The tag rows are kept by
     * triggers from {@code swf_executions.tags} (a run's tags never change after it starts), so the
     * execution engine's writes stay as they are; existing runs are copied in.
     */
    private static final String VISIBILITY_INDEXES = """
                CREATE INDEX swf_executions_closed ON swf_executions (account, region, domain, is_open, closed_at);
                CREATE INDEX swf_executions_workflow ON swf_executions (account, region, domain, workflow_id, started_at);
                CREATE INDEX swf_executions_type ON swf_executions (account, region, domain, type_name, type_version, started_at);
                CREATE INDEX swf_executions_status ON swf_executions (account, region, domain, close_status, closed_at);
                CREATE TABLE swf_execution_tags (
                  run_id TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL, domain TEXT NOT NULL, tag TEXT NOT NULL,
                  PRIMARY KEY (run_id, tag));
                CREATE INDEX swf_execution_tags_find ON swf_execution_tags (account, region, domain, tag, run_id);
                """;

    private static final String SQLITE_TAGS = VISIBILITY_INDEXES + """
                INSERT INTO swf_execution_tags (run_id, account, region, domain, tag)
                  SELECT DISTINCT e.run_id, e.account, e.region, e.domain, j.value FROM swf_executions e, json_each(e.tags) j;
                CREATE TRIGGER swf_execution_tags_add AFTER INSERT ON swf_executions BEGIN
                  INSERT INTO swf_execution_tags (run_id, account, region, domain, tag)
                    SELECT DISTINCT NEW.run_id, NEW.account, NEW.region, NEW.domain, value FROM json_each(NEW.tags);
                END;
                CREATE TRIGGER swf_execution_tags_remove AFTER DELETE ON swf_executions BEGIN
                  DELETE FROM swf_execution_tags WHERE run_id = OLD.run_id;
                END;
                """;

    private static final String POSTGRES_TAGS = VISIBILITY_INDEXES + """
                INSERT INTO swf_execution_tags (run_id, account, region, domain, tag)
                  SELECT DISTINCT e.run_id, e.account, e.region, e.domain, j.value
                  FROM swf_executions e, json_array_elements_text(e.tags::json) AS j(value);
                CREATE FUNCTION swf_execution_tags_add() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO swf_execution_tags (run_id, account, region, domain, tag)
                    SELECT DISTINCT NEW.run_id, NEW.account, NEW.region, NEW.domain, j.value
                    FROM json_array_elements_text(NEW.tags::json) AS j(value);
                  RETURN NEW;
                END $$;
                CREATE FUNCTION swf_execution_tags_remove() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM swf_execution_tags WHERE run_id = OLD.run_id;
                  RETURN OLD;
                END $$;
                CREATE TRIGGER swf_execution_tags_add AFTER INSERT ON swf_executions FOR EACH ROW EXECUTE PROCEDURE swf_execution_tags_add();
                CREATE TRIGGER swf_execution_tags_remove AFTER DELETE ON swf_executions FOR EACH ROW EXECUTE PROCEDURE swf_execution_tags_remove();
                """;
}
