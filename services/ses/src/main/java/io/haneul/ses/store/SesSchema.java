package io.haneul.ses.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * SES tables: one table of JSON documents for configuration (identities, templates, configuration
 * sets, rule sets, suppressed destinations, ...), the captured mailbox (one row per message, the
 * only write of the capture path), and an outbox of published events for inspection.
 */
public final class SesSchema {

    private SesSchema() {
    }

    public static List<Migration> migrations() {
        return List.of(new Migration(1, "ses resources, mailbox and event outbox",
                """
                CREATE TABLE ses_resources (account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                  body TEXT NOT NULL, created_ms BIGINT NOT NULL, PRIMARY KEY (account, region, kind, name));
                CREATE INDEX ses_resources_kind_name ON ses_resources (kind, name);
                CREATE TABLE ses_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL,
                  region TEXT NOT NULL, source TEXT, destination TEXT NOT NULL, recipients TEXT NOT NULL, subject TEXT,
                  text_part TEXT, html_part TEXT, raw BLOB NOT NULL, is_raw INTEGER NOT NULL, config_set TEXT, meta TEXT,
                  n_recipients INTEGER NOT NULL, n_bounces INTEGER NOT NULL, n_complaints INTEGER NOT NULL, n_rejects INTEGER NOT NULL,
                  status TEXT NOT NULL, created_ms BIGINT NOT NULL);
                CREATE INDEX ses_messages_account_time ON ses_messages (account, region, created_ms);
                CREATE TABLE ses_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, region TEXT NOT NULL,
                  message_id TEXT, event_type TEXT NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL, body TEXT NOT NULL,
                  created_ms BIGINT NOT NULL);
                CREATE INDEX ses_events_message ON ses_events (message_id)
                """,
                """
                CREATE TABLE ses_resources (account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                  body TEXT NOT NULL, created_ms BIGINT NOT NULL, PRIMARY KEY (account, region, kind, name));
                CREATE INDEX ses_resources_kind_name ON ses_resources (kind, name);
                CREATE TABLE ses_messages (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, account TEXT NOT NULL,
                  region TEXT NOT NULL, source TEXT, destination TEXT NOT NULL, recipients TEXT NOT NULL, subject TEXT,
                  text_part TEXT, html_part TEXT, raw BYTEA NOT NULL, is_raw INTEGER NOT NULL, config_set TEXT, meta TEXT,
                  n_recipients INTEGER NOT NULL, n_bounces INTEGER NOT NULL, n_complaints INTEGER NOT NULL, n_rejects INTEGER NOT NULL,
                  status TEXT NOT NULL, created_ms BIGINT NOT NULL);
                CREATE INDEX ses_messages_account_time ON ses_messages (account, region, created_ms);
                CREATE TABLE ses_events (seq BIGSERIAL PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
                  message_id TEXT, event_type TEXT NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL, body TEXT NOT NULL,
                  created_ms BIGINT NOT NULL);
                CREATE INDEX ses_events_message ON ses_events (message_id)
                """));
    }
}
