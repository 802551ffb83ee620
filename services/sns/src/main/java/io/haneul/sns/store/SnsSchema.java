package io.haneul.sns.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The SNS tables: topics, subscriptions (with their confirmation tokens), FIFO deduplication,
 * platform applications and endpoints, SMS settings, the outbox of deliveries that have no carrier
 * here, and the RSA key that signs envelopes.
 */
final class SnsSchema {

    private SnsSchema() {
    }

    private static final String COMMON = """
            CREATE TABLE sns_topics (
              arn TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
              fifo INTEGER NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL, data_protection TEXT,
              seq BIGINT NOT NULL DEFAULT 0, subs_deleted BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL);
            CREATE INDEX sns_topics_owner ON sns_topics (account, region, arn);
            CREATE TABLE sns_subscriptions (
              arn TEXT PRIMARY KEY, topic_arn TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL,
              owner TEXT NOT NULL, protocol TEXT NOT NULL, endpoint TEXT NOT NULL, attributes TEXT NOT NULL,
              pending INTEGER NOT NULL, token TEXT, token_expires_at BIGINT NOT NULL DEFAULT 0,
              authenticated INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL);
            CREATE INDEX sns_subscriptions_topic ON sns_subscriptions (topic_arn, arn);
            CREATE INDEX sns_subscriptions_owner ON sns_subscriptions (region, owner, arn);
            CREATE INDEX sns_subscriptions_account ON sns_subscriptions (region, account, arn);
            CREATE INDEX sns_subscriptions_token ON sns_subscriptions (token);
            CREATE TABLE sns_dedup (
              topic_arn TEXT NOT NULL, dedup_id TEXT NOT NULL, message_id TEXT NOT NULL, sequence_number TEXT,
              expires_at BIGINT NOT NULL, PRIMARY KEY (topic_arn, dedup_id));
            CREATE TABLE sns_platform_apps (
              arn TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
              platform TEXT NOT NULL, attributes TEXT NOT NULL, created_at BIGINT NOT NULL);
            CREATE INDEX sns_platform_apps_owner ON sns_platform_apps (account, region, arn);
            CREATE TABLE sns_endpoints (
              arn TEXT PRIMARY KEY, app_arn TEXT NOT NULL, token TEXT NOT NULL, attributes TEXT NOT NULL,
              created_at BIGINT NOT NULL);
            CREATE INDEX sns_endpoints_app ON sns_endpoints (app_arn, arn);
            CREATE INDEX sns_endpoints_token ON sns_endpoints (app_arn, token);
            CREATE TABLE sns_sms_settings (
              account TEXT NOT NULL, region TEXT NOT NULL, attributes TEXT NOT NULL, PRIMARY KEY (account, region));
            CREATE TABLE sns_sms_opted_out (
              account TEXT NOT NULL, region TEXT NOT NULL, phone TEXT NOT NULL, opted_out_at BIGINT NOT NULL,
              PRIMARY KEY (account, region, phone));
            CREATE TABLE sns_sms_sandbox (
              account TEXT NOT NULL, region TEXT NOT NULL, phone TEXT NOT NULL, language TEXT, status TEXT NOT NULL,
              otp TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (account, region, phone));
            CREATE TABLE sns_signing_keys (
              id TEXT PRIMARY KEY, private_key TEXT NOT NULL, certificate TEXT NOT NULL, created_at BIGINT NOT NULL);
            """;

    private static final String OUTBOX = """
            CREATE TABLE sns_outbox (
              id %s, account TEXT NOT NULL, region TEXT NOT NULL, protocol TEXT NOT NULL, target TEXT NOT NULL,
              message_id TEXT NOT NULL, topic_arn TEXT, subscription_arn TEXT, subject TEXT, message TEXT NOT NULL,
              attributes TEXT, kind TEXT NOT NULL, created_at BIGINT NOT NULL);
            CREATE INDEX sns_outbox_target ON sns_outbox (protocol, target);
            """;

    static List<Migration> migrations() {
        return List.of(new Migration(1, "topics, subscriptions, platform, sms, outbox, signing key",
                COMMON + OUTBOX.formatted("INTEGER PRIMARY KEY AUTOINCREMENT"),
                COMMON + OUTBOX.formatted("BIGSERIAL PRIMARY KEY")));
    }
}
