package io.haneul.s3.store;

import io.haneul.storage.Migration;

import java.util.List;

/**
 * The S3 tables. Object keys compare in UTF-8 byte order, S3's listing order (SQLite's default
 * BINARY collation; {@code COLLATE "C"} on PostgreSQL). An object's versions are ordered by row id.
 */
final class S3Schema {

    private S3Schema() {
    }

    static List<Migration> migrations() {
        String configs = """
                CREATE TABLE s3_bucket_configs (
                  bucket TEXT NOT NULL, kind TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (bucket, kind));
                """;
        return List.of(new Migration(1, "buckets, objects and versions, multipart uploads",
                """
                CREATE TABLE s3_buckets (
                  name TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, created_at INTEGER NOT NULL,
                  versioning TEXT, tags TEXT, cors TEXT, policy TEXT, notification TEXT);
                CREATE INDEX s3_buckets_account ON s3_buckets (account, name);
                CREATE TABLE s3_objects (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  bucket TEXT NOT NULL, object_key TEXT NOT NULL, version_id TEXT NOT NULL,
                  latest INTEGER NOT NULL, delete_marker INTEGER NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL,
                  segments TEXT NOT NULL, last_modified INTEGER NOT NULL, headers TEXT, metadata TEXT, tags TEXT,
                  checksum_algorithm TEXT, checksum_value TEXT, checksum_type TEXT, parts_count INTEGER NOT NULL,
                  storage_class TEXT, owner TEXT);
                CREATE INDEX s3_objects_current ON s3_objects (bucket, latest, object_key);
                CREATE INDEX s3_objects_versions ON s3_objects (bucket, object_key, id);
                CREATE UNIQUE INDEX s3_objects_version_ids ON s3_objects (bucket, object_key, version_id);
                CREATE UNIQUE INDEX s3_objects_one_latest ON s3_objects (bucket, object_key) WHERE latest = 1;
                CREATE TABLE s3_uploads (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, upload_id TEXT NOT NULL UNIQUE,
                  bucket TEXT NOT NULL, object_key TEXT NOT NULL, initiated INTEGER NOT NULL, headers TEXT, metadata TEXT, tags TEXT,
                  checksum_algorithm TEXT, checksum_type TEXT, storage_class TEXT, owner TEXT);
                CREATE INDEX s3_uploads_list ON s3_uploads (bucket, object_key, id);
                CREATE TABLE s3_parts (
                  upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL,
                  blob TEXT NOT NULL, checksum TEXT, last_modified INTEGER NOT NULL,
                  PRIMARY KEY (upload_id, part_number));
                """,
                """
                CREATE TABLE s3_buckets (
                  name TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, created_at BIGINT NOT NULL,
                  versioning TEXT, tags TEXT, cors TEXT, policy TEXT, notification TEXT);
                CREATE INDEX s3_buckets_account ON s3_buckets (account, name);
                CREATE TABLE s3_objects (
                  id BIGSERIAL PRIMARY KEY,
                  bucket TEXT NOT NULL, object_key TEXT COLLATE "C" NOT NULL, version_id TEXT NOT NULL,
                  latest INTEGER NOT NULL, delete_marker INTEGER NOT NULL, size BIGINT NOT NULL, etag TEXT NOT NULL,
                  segments TEXT NOT NULL, last_modified BIGINT NOT NULL, headers TEXT, metadata TEXT, tags TEXT,
                  checksum_algorithm TEXT, checksum_value TEXT, checksum_type TEXT, parts_count INTEGER NOT NULL,
                  storage_class TEXT, owner TEXT);
                CREATE INDEX s3_objects_current ON s3_objects (bucket, latest, object_key);
                CREATE INDEX s3_objects_versions ON s3_objects (bucket, object_key, id);
                CREATE UNIQUE INDEX s3_objects_version_ids ON s3_objects (bucket, object_key, version_id);
                CREATE UNIQUE INDEX s3_objects_one_latest ON s3_objects (bucket, object_key) WHERE latest = 1;
                CREATE TABLE s3_uploads (
                  id BIGSERIAL PRIMARY KEY, upload_id TEXT NOT NULL UNIQUE,
                  bucket TEXT NOT NULL, object_key TEXT COLLATE "C" NOT NULL, initiated BIGINT NOT NULL, headers TEXT, metadata TEXT, tags TEXT,
                  checksum_algorithm TEXT, checksum_type TEXT, storage_class TEXT, owner TEXT);
                CREATE INDEX s3_uploads_list ON s3_uploads (bucket, object_key, id);
                CREATE TABLE s3_parts (
                  upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, size BIGINT NOT NULL, etag TEXT NOT NULL,
                  blob TEXT NOT NULL, checksum TEXT, last_modified BIGINT NOT NULL,
                  PRIMARY KEY (upload_id, part_number));
                """),
                new Migration(2, "bucket configuration documents (lifecycle, encryption, website, ...)", configs, configs),
                new Migration(3, "object ACLs", "ALTER TABLE s3_objects ADD COLUMN acl TEXT;", "ALTER TABLE s3_objects ADD COLUMN acl TEXT;"),
                new Migration(4, "object lock state", "ALTER TABLE s3_objects ADD COLUMN object_lock TEXT;",
                        "ALTER TABLE s3_objects ADD COLUMN object_lock TEXT;"),
                new Migration(40, "object annotations (named payloads of one version, removed with it)",
                        """
                        CREATE TABLE s3_annotations (
                          object_id INTEGER NOT NULL, name TEXT NOT NULL, payload BLOB NOT NULL, etag TEXT NOT NULL,
                          checksum TEXT NOT NULL, last_modified INTEGER NOT NULL, PRIMARY KEY (object_id, name));
                        """,
                        """
                        CREATE TABLE s3_annotations (
                          object_id BIGINT NOT NULL, name TEXT COLLATE "C" NOT NULL, payload BYTEA NOT NULL, etag TEXT NOT NULL,
                          checksum TEXT NOT NULL, last_modified BIGINT NOT NULL, PRIMARY KEY (object_id, name));
                        """));
    }
}
