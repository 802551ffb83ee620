package io.haneul.lambda.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The Lambda tables: one row per function, its {@code $LATEST} configuration as a JSON document;
 * layers (one row per layer name holding the last version number given, so that numbers are never
 * reused after a deletion, as on AWS) and their versions (one JSON document each, permissions included;
 * a deleted version stays as a tombstone because functions that use it keep running with it, as on AWS).
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
                """), Migration.of(7, "layers", """
                CREATE TABLE lambda_layers (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, last_version INTEGER NOT NULL,
                  PRIMARY KEY (account, region, name));
                CREATE TABLE lambda_layer_versions (
                  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL,
                  deleted INTEGER NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (account, region, name, version));
                """));
    }
}
