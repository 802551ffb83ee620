package io.haneul.cloudsearch.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The configuration tables (migration numbers 1 to 9 belong to the configuration side).
 *
 * <p>A domain's every configurable thing is one row of {@code cloudsearch_options}: index fields,
 * analysis schemes, expressions and suggesters by name, and the domain-wide settings (scaling,
 * availability, access policies, endpoint options) under their kind with an empty name. A row keeps
 * the latest document ({@code doc}, the SDK shape as JSON) beside the deployed one, because AWS
 * answers either (the {@code Deployed} parameter) and only IndexDocuments moves one to the other.
 */
final class CloudSearchSchema {

    private CloudSearchSchema() {
    }

    static List<Migration> migrations() {
        return List.of(Migration.of(1, "domains and their options", """
                CREATE TABLE cloudsearch_domains (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                  endpoint_id TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, ready_at BIGINT NOT NULL,
                  version BIGINT NOT NULL DEFAULT 0,
                  PRIMARY KEY (account, region, name));
                CREATE TABLE cloudsearch_options (
                  account TEXT NOT NULL, region TEXT NOT NULL, domain TEXT NOT NULL,
                  kind TEXT NOT NULL, name TEXT NOT NULL,
                  doc TEXT NOT NULL, deployed TEXT,
                  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, version BIGINT NOT NULL,
                  state TEXT NOT NULL, active_at BIGINT NOT NULL, pending_deletion INTEGER NOT NULL,
                  PRIMARY KEY (account, region, domain, kind, name));
                """));
    }
}
