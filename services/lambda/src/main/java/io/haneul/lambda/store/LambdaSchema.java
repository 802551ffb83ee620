package io.haneul.lambda.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The Lambda tables: one row per function, its {@code $LATEST} configuration as a JSON document;
 * one row per function and qualifier with a resource policy, its statements as a JSON array.
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
                """), Migration.of(4, "resource policies", """
                CREATE TABLE lambda_policies (
                  account TEXT NOT NULL, region TEXT NOT NULL, function_name TEXT NOT NULL, qualifier TEXT NOT NULL,
                  revision_id TEXT NOT NULL, statements TEXT NOT NULL,
                  PRIMARY KEY (account, region, function_name, qualifier));
                """));
    }
}
