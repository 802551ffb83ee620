package io.haneul.lambda.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The Lambda tables: one row per function, its {@code $LATEST} configuration as a JSON document;
 * published versions (frozen copies, same document shape) and the counter that numbers them (kept
 * apart so that a deleted version's number is never given again); aliases; one row per function URL,
 * found by its id (the data plane's lookup) and by function and qualifier (the API's);
 * asynchronous-invocation configs and provisioned concurrency per function and qualifier; reserved
 * concurrency per function; one row per function and qualifier with a resource policy, its
 * statements as a JSON array;
 * layers (one row per layer name holding the last version number given, so that numbers are never
 * reused after a deletion, as on AWS) and their versions (one JSON document each, permissions included;
 * a deleted version stays as a tombstone because functions that use it keep running with it, as on AWS);
 * one row per event source mapping, also a JSON document beside the columns it is looked up by;
 * code signing configs (a JSON document each) and per-function settings as name/value rows.
 */
final class LambdaSchema {

    private LambdaSchema() {
    }

    static List<Migration> migrations() {
        return List.of(Migration.of(1, "functions", """
                CREATE TABLE lambda_functions (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                  revision_id TEXT NOT NULL, settling INTEGER NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (account, region, name));
                """),
                Migration.of(2, "function versions and aliases", """
                CREATE TABLE lambda_versions (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL,
                  doc TEXT NOT NULL,
                  PRIMARY KEY (account, region, name, version));
                CREATE TABLE lambda_version_counters (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, last_version INTEGER NOT NULL,
                  published_from TEXT NOT NULL,
                  PRIMARY KEY (account, region, name));
                CREATE TABLE lambda_aliases (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, alias TEXT NOT NULL,
                  function_version TEXT NOT NULL, revision_id TEXT NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (account, region, name, alias));
                """),
                Migration.of(3, "function urls", """
                CREATE TABLE lambda_function_urls (
                  url_id TEXT NOT NULL PRIMARY KEY,
                  account TEXT NOT NULL, region TEXT NOT NULL, function_name TEXT NOT NULL, qualifier TEXT NOT NULL,
                  doc TEXT NOT NULL,
                  UNIQUE (account, region, function_name, qualifier));
                """),
                Migration.of(4, "resource policies", """
                CREATE TABLE lambda_policies (
                  account TEXT NOT NULL, region TEXT NOT NULL, function_name TEXT NOT NULL, qualifier TEXT NOT NULL,
                  revision_id TEXT NOT NULL, statements TEXT NOT NULL,
                  PRIMARY KEY (account, region, function_name, qualifier));
                """),
                // issue #12, asynchronous invocation and concurrency: per function and qualifier ($LATEST by default)
                Migration.of(5, "event invoke configs and concurrency", """
                        CREATE TABLE lambda_event_invoke_configs (
                          account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, qualifier TEXT NOT NULL,
                          doc TEXT NOT NULL,
                          PRIMARY KEY (account, region, name, qualifier));
                        CREATE TABLE lambda_reserved_concurrency (
                          account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
                          reserved INTEGER NOT NULL,
                          PRIMARY KEY (account, region, name));
                        CREATE TABLE lambda_provisioned_concurrency (
                          account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, qualifier TEXT NOT NULL,
                          requested INTEGER NOT NULL, last_modified TEXT NOT NULL,
                          PRIMARY KEY (account, region, name, qualifier));
                        """),
                Migration.of(6, "event source mappings", """
                CREATE TABLE lambda_event_source_mappings (
                  uuid TEXT NOT NULL PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
                  function_name TEXT NOT NULL, event_source_arn TEXT NOT NULL, state TEXT NOT NULL, doc TEXT NOT NULL);
                CREATE INDEX lambda_esm_by_source ON lambda_event_source_mappings (account, region, event_source_arn);
                """),
                Migration.of(7, "layers", """
                CREATE TABLE lambda_layers (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, last_version INTEGER NOT NULL,
                  PRIMARY KEY (account, region, name));
                CREATE TABLE lambda_layer_versions (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL,
                  deleted INTEGER NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (account, region, name, version));
                """),
                // issue #12, the remaining operations: code signing configs, and per-function settings kept as
                // name/value pairs (the code signing config a function uses, its recursion and runtime management configs)
                Migration.of(8, "code signing configs and function settings", """
                CREATE TABLE lambda_code_signing_configs (
                  account TEXT NOT NULL, region TEXT NOT NULL, csc_id TEXT NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (account, region, csc_id));
                CREATE TABLE lambda_function_settings (
                  account TEXT NOT NULL, region TEXT NOT NULL, function_name TEXT NOT NULL, setting TEXT NOT NULL,
                  value TEXT NOT NULL,
                  PRIMARY KEY (account, region, function_name, setting));
                """));
    }
}
