package io.haneul.iam.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The IAM tables. IAM is global: rows are keyed by account, never region. Names are keyed in lower
 * case ({@code *_key}) because IAM names are unique regardless of case, and kept as created beside.
 */
final class IamSchema {

    private IamSchema() {
    }

    static List<Migration> migrations() {
        return List.of(Migration.of(1, "roles, inline and managed policies, attachments, instance profiles", """
                CREATE TABLE iam_roles (
                  account TEXT NOT NULL, name_key TEXT NOT NULL, name TEXT NOT NULL, role_id TEXT NOT NULL,
                  path TEXT NOT NULL, trust_policy TEXT NOT NULL, description TEXT, max_session INTEGER NOT NULL,
                  boundary TEXT, created_at BIGINT NOT NULL, tags TEXT NOT NULL,
                  PRIMARY KEY (account, name_key));
                CREATE TABLE iam_role_policies (
                  account TEXT NOT NULL, role_key TEXT NOT NULL, name_key TEXT NOT NULL, name TEXT NOT NULL,
                  document TEXT NOT NULL,
                  PRIMARY KEY (account, role_key, name_key));
                CREATE TABLE iam_policies (
                  account TEXT NOT NULL, name_key TEXT NOT NULL, name TEXT NOT NULL, policy_id TEXT NOT NULL,
                  path TEXT NOT NULL, description TEXT, default_version TEXT NOT NULL, next_version INTEGER NOT NULL,
                  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, tags TEXT NOT NULL,
                  PRIMARY KEY (account, name_key));
                CREATE TABLE iam_policy_versions (
                  account TEXT NOT NULL, policy_key TEXT NOT NULL, version_id TEXT NOT NULL, version_num INTEGER NOT NULL,
                  document TEXT NOT NULL, created_at BIGINT NOT NULL,
                  PRIMARY KEY (account, policy_key, version_id));
                CREATE TABLE iam_role_attachments (
                  account TEXT NOT NULL, role_key TEXT NOT NULL, policy_arn TEXT NOT NULL,
                  PRIMARY KEY (account, role_key, policy_arn));
                CREATE TABLE iam_instance_profiles (
                  account TEXT NOT NULL, name_key TEXT NOT NULL, name TEXT NOT NULL, profile_id TEXT NOT NULL,
                  path TEXT NOT NULL, created_at BIGINT NOT NULL, tags TEXT NOT NULL, role_key TEXT,
                  PRIMARY KEY (account, name_key));
                """));
    }
}
