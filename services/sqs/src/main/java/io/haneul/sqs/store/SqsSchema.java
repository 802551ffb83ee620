package io.haneul.sqs.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The SQS tables. Messages are ordered by their row id (send order); a message is receivable when
 * {@code visible_at <= now}, in flight when received and {@code visible_at > now}, delayed when never
 * received and {@code visible_at > now}.
 */
final class SqsSchema {

    private SqsSchema() {
    }

    static List<Migration> migrations() {
        return List.of(new Migration(1, "queues, messages, deduplication",
                """
                CREATE TABLE sqs_queues (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                  fifo INTEGER NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL,
                  created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
                  purged_at INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL DEFAULT 0,
                  UNIQUE (account, region, name));
                CREATE TABLE sqs_deleted_queues (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, deleted_at INTEGER NOT NULL,
                  PRIMARY KEY (account, region, name));
                CREATE TABLE sqs_messages (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  queue_id INTEGER NOT NULL, message_id TEXT NOT NULL, body TEXT NOT NULL,
                  attributes TEXT, md5_body TEXT NOT NULL, md5_attributes TEXT, md5_system TEXT,
                  sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL,
                  receive_count INTEGER NOT NULL DEFAULT 0, first_receive_at INTEGER NOT NULL DEFAULT 0,
                  nonce INTEGER NOT NULL DEFAULT 0, received_at INTEGER NOT NULL DEFAULT 0, group_id TEXT, dedup_id TEXT, sequence_number TEXT,
                  sender_id TEXT, source_arn TEXT, retention_base INTEGER NOT NULL);
                CREATE INDEX sqs_messages_ready ON sqs_messages (queue_id, visible_at, id);
                CREATE TABLE sqs_dedup (
                  queue_id INTEGER NOT NULL, dedup_key TEXT NOT NULL, expires_at INTEGER NOT NULL,
                  message_id TEXT NOT NULL, sequence_number TEXT,
                  PRIMARY KEY (queue_id, dedup_key));
                """,
                """
                CREATE TABLE sqs_queues (
                  id BIGSERIAL PRIMARY KEY,
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                  fifo INTEGER NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL,
                  created_at BIGINT NOT NULL, modified_at BIGINT NOT NULL,
                  purged_at BIGINT NOT NULL DEFAULT 0, seq BIGINT NOT NULL DEFAULT 0,
                  UNIQUE (account, region, name));
                CREATE TABLE sqs_deleted_queues (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, deleted_at BIGINT NOT NULL,
                  PRIMARY KEY (account, region, name));
                CREATE TABLE sqs_messages (
                  id BIGSERIAL PRIMARY KEY,
                  queue_id BIGINT NOT NULL, message_id TEXT NOT NULL, body TEXT NOT NULL,
                  attributes TEXT, md5_body TEXT NOT NULL, md5_attributes TEXT, md5_system TEXT,
                  sent_at BIGINT NOT NULL, visible_at BIGINT NOT NULL,
                  receive_count INTEGER NOT NULL DEFAULT 0, first_receive_at BIGINT NOT NULL DEFAULT 0,
                  nonce BIGINT NOT NULL DEFAULT 0, received_at BIGINT NOT NULL DEFAULT 0, group_id TEXT, dedup_id TEXT, sequence_number TEXT,
                  sender_id TEXT, source_arn TEXT, retention_base BIGINT NOT NULL);
                CREATE INDEX sqs_messages_ready ON sqs_messages (queue_id, visible_at, id);
                CREATE TABLE sqs_dedup (
                  queue_id BIGINT NOT NULL, dedup_key TEXT NOT NULL, expires_at BIGINT NOT NULL,
                  message_id TEXT NOT NULL, sequence_number TEXT,
                  PRIMARY KEY (queue_id, dedup_key));
                """),
                Migration.of(2, "message move tasks", """
                CREATE TABLE sqs_move_tasks (
                  handle TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
                  source_arn TEXT NOT NULL, destination_arn TEXT, rate INTEGER,
                  status TEXT NOT NULL, moved BIGINT NOT NULL DEFAULT 0, to_move BIGINT NOT NULL DEFAULT 0,
                  started_at BIGINT NOT NULL, failure TEXT);
                """),
                Migration.of(3, "FIFO receive request attempts", """
                CREATE TABLE sqs_receive_attempts (
                  queue_id BIGINT NOT NULL, attempt_id TEXT NOT NULL, expires_at BIGINT NOT NULL, entries TEXT NOT NULL,
                  PRIMARY KEY (queue_id, attempt_id));
                """),
                new Migration(20, "orphaned messages of deleted queues; sqs_messages storage settings for its churn",
                        // SQLite: the one-off sweep only (a single node cannot have written into a deleted queue but
                        // through the old race with its own cache)
                        """
                        DELETE FROM sqs_messages WHERE queue_id NOT IN (SELECT id FROM sqs_queues);
                        """,
                        // PostgreSQL: every message row is inserted, updated on receive (visible_at is indexed, so
                        // never a HOT update) and deleted: two dead tuples per message. Vacuum often and without
                        // throttling so dead tuples do not pile up between runs; analyze seldom (the plans of a queue
                        // table do not depend on its statistics) and without the wide text columns, whose sampling
                        // made an analyze of a large table cost seconds of CPU; leave room in each page (fillfactor)
                        // for the updates that are HOT (receive_count/nonce-only changes, retention moves).
                        """
                        DELETE FROM sqs_messages WHERE queue_id NOT IN (SELECT id FROM sqs_queues);
                        ALTER TABLE sqs_messages SET (fillfactor = 85, autovacuum_vacuum_scale_factor = 0.02,
                          autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0.05,
                          autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0.5,
                          autovacuum_analyze_threshold = 10000);
                        ALTER TABLE sqs_messages ALTER COLUMN body SET STATISTICS 0, ALTER COLUMN attributes SET STATISTICS 0,
                          ALTER COLUMN md5_body SET STATISTICS 0, ALTER COLUMN md5_attributes SET STATISTICS 0,
                          ALTER COLUMN md5_system SET STATISTICS 0, ALTER COLUMN message_id SET STATISTICS 0,
                          ALTER COLUMN sender_id SET STATISTICS 0, ALTER COLUMN source_arn SET STATISTICS 0,
                          ALTER COLUMN dedup_id SET STATISTICS 0, ALTER COLUMN sequence_number SET STATISTICS 0;
                        ALTER TABLE sqs_dedup SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_cost_delay = 0);
                        """));
    }
}
