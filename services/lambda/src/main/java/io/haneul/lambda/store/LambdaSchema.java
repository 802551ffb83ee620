package io.haneul.lambda.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The Lambda tables: one row per function, its {@code $LATEST} configuration as a JSON document;
 * asynchronous-invocation configs and provisioned concurrency per function and qualifier; reserved
 * concurrency per function.
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
                        """));
    }
}
