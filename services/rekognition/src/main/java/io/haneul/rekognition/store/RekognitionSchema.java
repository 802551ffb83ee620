package io.haneul.rekognition.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * Rekognition's tables (component {@code rekognition}): collections with a revision that every change
 * to their faces or users bumps (so that each node knows when its in-memory vectors are stale), faces
 * with their embedding as little-endian float32 bytes, users, and collection tags.
 */
public final class RekognitionSchema {

    public static final String COMPONENT = "rekognition";

    private static final String TABLES = """
            CREATE TABLE rekognition_collections (account TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL,
                created_ms BIGINT NOT NULL, face_model_version TEXT NOT NULL, revision BIGINT NOT NULL,
                PRIMARY KEY (account, region, id));
            CREATE TABLE rekognition_faces (account TEXT NOT NULL, region TEXT NOT NULL, collection_id TEXT NOT NULL,
                face_id TEXT NOT NULL, image_id TEXT NOT NULL, external_image_id TEXT, user_id TEXT, confidence TEXT NOT NULL,
                box TEXT NOT NULL, embedding %s NOT NULL, created_ms BIGINT NOT NULL,
                PRIMARY KEY (account, region, collection_id, face_id));
            CREATE INDEX rekognition_faces_by_user ON rekognition_faces (account, region, collection_id, user_id);
            CREATE TABLE rekognition_users (account TEXT NOT NULL, region TEXT NOT NULL, collection_id TEXT NOT NULL,
                user_id TEXT NOT NULL, created_ms BIGINT NOT NULL, PRIMARY KEY (account, region, collection_id, user_id));
            CREATE TABLE rekognition_tags (account TEXT NOT NULL, region TEXT NOT NULL, collection_id TEXT NOT NULL,
                tag_key TEXT NOT NULL, tag_value TEXT NOT NULL, PRIMARY KEY (account, region, collection_id, tag_key))
            """;

    public static final List<Migration> MIGRATIONS = List.of(new Migration(1, "collections, faces with embeddings, users, tags",
            TABLES.formatted("BLOB"), TABLES.formatted("BYTEA")));

    private RekognitionSchema() {
    }
}
