package io.haneul.s3.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Object annotations in the store ({@code s3_annotations}): named payloads attached to one object
 * version, keyed by the version's row id, so that a version's removal (deletes, overwrites without
 * versioning, lifecycle expiry) removes its annotations in the same transaction ({@link S3Store}).
 * Names list in UTF-8 byte order.
 */
public final class AnnotationStore {

    /** One stored annotation. */
    public record Annotation(long objectId, String name, byte[] payload, String etag, String checksum, long lastModified) {
    }

    /** An annotation without its payload, as listings show it. */
    public record Summary(String name, long size, String etag, long lastModified) {
    }

    private final Database db;

    public AnnotationStore(Database db) {
        this.db = db;
    }

    /**
     * Writes (or replaces) an annotation unless it would be the version's {@code limit}+1st; false then.
     * The version is checked to still exist inside the transaction: an annotation never outlives it.
     */
    public boolean put(Annotation a, int limit) {
        return db.write(c -> {
            if (Sql.one(c, "SELECT id FROM s3_objects WHERE id = ?", rs -> rs.getLong(1), a.objectId()).isEmpty()) {
                throw new java.util.NoSuchElementException("version " + a.objectId() + " is gone");
            }
            boolean exists = Sql.one(c, "SELECT 1 FROM s3_annotations WHERE object_id = ? AND name = ?", rs -> 1,
                    a.objectId(), a.name()).isPresent();
            if (exists) {
                Sql.update(c, "UPDATE s3_annotations SET payload = ?, etag = ?, checksum = ?, last_modified = ? WHERE object_id = ? AND name = ?",
                        a.payload(), a.etag(), a.checksum(), a.lastModified(), a.objectId(), a.name());
                return true;
            }
            long count = Sql.one(c, "SELECT COUNT(*) FROM s3_annotations WHERE object_id = ?", rs -> rs.getLong(1), a.objectId()).orElse(0L);
            if (count >= limit) {
                return false;
            }
            Sql.update(c, "INSERT INTO s3_annotations (object_id, name, payload, etag, checksum, last_modified) VALUES (?, ?, ?, ?, ?, ?)",
                    a.objectId(), a.name(), a.payload(), a.etag(), a.checksum(), a.lastModified());
            return true;
        });
    }

    public Optional<Annotation> get(long objectId, String name) {
        return db.read(c -> Sql.one(c, "SELECT object_id, name, payload, etag, checksum, last_modified FROM s3_annotations "
                + "WHERE object_id = ? AND name = ?", rs -> new Annotation(rs.getLong(1), rs.getString(2), rs.getBytes(3),
                rs.getString(4), rs.getString(5), rs.getLong(6)), objectId, name));
    }

    /** False when there was no such annotation. */
    public boolean delete(long objectId, String name) {
        return db.write(c -> Sql.update(c, "DELETE FROM s3_annotations WHERE object_id = ? AND name = ?", objectId, name) > 0);
    }

    /** A version's annotations (at most the per-version limit), in name order. */
    public List<Summary> list(long objectId) {
        return db.read(c -> Sql.list(c, "SELECT name, LENGTH(payload), etag, last_modified FROM s3_annotations WHERE object_id = ? "
                + "ORDER BY name", rs -> new Summary(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)), objectId));
    }

    /** Removes a version's annotations, inside the transaction that removes the version. */
    static void dropAll(Connection c, long objectId) throws SQLException {
        Sql.update(c, "DELETE FROM s3_annotations WHERE object_id = ?", objectId);
    }
}
