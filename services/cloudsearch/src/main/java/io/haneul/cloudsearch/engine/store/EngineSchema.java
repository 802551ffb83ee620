package io.haneul.cloudsearch.engine.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The engine's tables, in the {@code cloudsearch} component beside the configuration's (versions
 * 10–19 are the engine's). Documents are kept in the database as well as in the Lucene index: the
 * database is the record (an acknowledged batch is committed here before it is answered), and the
 * index on each node is rebuilt or caught up from it (after a crash, an IndexDocuments, or on
 * another node of a PostgreSQL cluster). A delete leaves a row without a body so that catching up
 * by sequence number sees it.
 */
public final class EngineSchema {

    public static final String COMPONENT = "cloudsearch";

    private EngineSchema() {
    }

    public static final List<Migration> MIGRATIONS = List.of(Migration.of(10, "cloudsearch engine documents", """
            CREATE TABLE cloudsearch_documents (
              endpoint_id TEXT NOT NULL, doc_id TEXT NOT NULL, seq BIGINT NOT NULL, body TEXT,
              PRIMARY KEY (endpoint_id, doc_id));
            CREATE INDEX cloudsearch_documents_seq ON cloudsearch_documents (endpoint_id, seq);
            CREATE TABLE cloudsearch_doc_sequences (
              endpoint_id TEXT PRIMARY KEY, seq BIGINT NOT NULL)
            """));
}
