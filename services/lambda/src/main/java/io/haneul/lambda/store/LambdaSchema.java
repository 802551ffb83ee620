package io.haneul.lambda.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The Lambda tables: one row per function, its {@code $LATEST} configuration as a JSON document;
 * one row per event source mapping, also a JSON document beside the columns it is looked up by.
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
                Migration.of(6, "event source mappings", """
                CREATE TABLE lambda_event_source_mappings (
                  uuid TEXT NOT NULL PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
                  function_name TEXT NOT NULL, event_source_arn TEXT NOT NULL, state TEXT NOT NULL, doc TEXT NOT NULL);
                CREATE INDEX lambda_esm_by_source ON lambda_event_source_mappings (account, region, event_source_arn);
                """));
    }
}
