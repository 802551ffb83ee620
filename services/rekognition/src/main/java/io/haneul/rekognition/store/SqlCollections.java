package io.haneul.rekognition.store;

import io.haneul.rekognition.vision.Box;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collections, their faces, users and tags in SQL. Every method that changes a collection's faces or
 * users bumps its revision in the same transaction. Methods taking a {@link Connection} run inside the
 * caller's transaction ({@link Database#write}), so that a check and its change are one step.
 */
public final class SqlCollections {

    private static final String FACE_COLUMNS = "face_id, image_id, external_image_id, user_id, confidence, box, embedding";

    private final Database db;

    public SqlCollections(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    public boolean create(String account, String region, String id, long createdMs, String faceModelVersion) {
        return db.write(c -> {
            if (Sql.one(c, "SELECT id FROM rekognition_collections WHERE account = ? AND region = ? AND id = ?", rs -> rs.getString(1),
                    account, region, id).isPresent()) {
                return false;
            }
            Sql.update(c, "INSERT INTO rekognition_collections (account, region, id, created_ms, face_model_version, revision) "
                    + "VALUES (?, ?, ?, ?, ?, 0)", account, region, id, createdMs, faceModelVersion);
            return true;
        });
    }

    public Optional<CollectionRow> find(String account, String region, String id) {
        return db.read(c -> find(c, account, region, id));
    }

    public Optional<CollectionRow> find(Connection c, String account, String region, String id) throws SQLException {
        return Sql.one(c, "SELECT id, created_ms, face_model_version, revision, "
                        + "(SELECT COUNT(*) FROM rekognition_faces f WHERE f.account = k.account AND f.region = k.region AND f.collection_id = k.id), "
                        + "(SELECT COUNT(*) FROM rekognition_users u WHERE u.account = k.account AND u.region = k.region AND u.collection_id = k.id) "
                        + "FROM rekognition_collections k WHERE account = ? AND region = ? AND id = ?",
                rs -> new CollectionRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)),
                account, region, id);
    }

    /** The revision alone (a cheap check before a search trusts its cached vectors); empty when the collection is gone. */
    public Optional<Long> revision(String account, String region, String id) {
        return db.read(c -> Sql.one(c, "SELECT revision FROM rekognition_collections WHERE account = ? AND region = ? AND id = ?",
                rs -> rs.getLong(1), account, region, id));
    }

    /** Collection ids after {@code afterId} in order, with their face model versions. */
    public List<CollectionRow> list(String account, String region, String afterId, int limit) {
        return db.read(c -> Sql.list(c, "SELECT id, created_ms, face_model_version, revision FROM rekognition_collections "
                        + "WHERE account = ? AND region = ? AND id > ? ORDER BY id LIMIT ?",
                rs -> new CollectionRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), 0, 0),
                account, region, afterId == null ? "" : afterId, limit));
    }

    public boolean delete(String account, String region, String id) {
        return db.write(c -> {
            for (String table : List.of("rekognition_faces", "rekognition_users", "rekognition_tags")) {
                Sql.update(c, "DELETE FROM " + table + " WHERE account = ? AND region = ? AND collection_id = ?", account, region, id);
            }
            return Sql.update(c, "DELETE FROM rekognition_collections WHERE account = ? AND region = ? AND id = ?", account, region, id) == 1;
        });
    }

    public void bump(Connection c, String account, String region, String id) throws SQLException {
        Sql.update(c, "UPDATE rekognition_collections SET revision = revision + 1 WHERE account = ? AND region = ? AND id = ?",
                account, region, id);
    }

    // faces

    public void insertFace(Connection c, String account, String region, String collection, StoredFace f, long createdMs) throws SQLException {
        Box b = f.box();
        Sql.update(c, "INSERT INTO rekognition_faces (account, region, collection_id, " + FACE_COLUMNS + ", created_ms) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", account, region, collection, f.faceId(), f.imageId(), f.externalImageId(),
                f.userId(), Float.toString(f.confidence()), b.left() + "," + b.top() + "," + b.width() + "," + b.height(),
                bytes(f.embedding()), createdMs);
    }

    public List<StoredFace> faces(String account, String region, String collection, String afterFaceId, String userId, List<String> faceIds,
                                  int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + FACE_COLUMNS + " FROM rekognition_faces WHERE account = ? AND region = ? "
                + "AND collection_id = ? AND face_id > ?");
        List<Object> args = new ArrayList<>(List.of(account, region, collection, afterFaceId == null ? "" : afterFaceId));
        if (userId != null) {
            sql.append(" AND user_id = ?");
            args.add(userId);
        }
        if (faceIds != null && !faceIds.isEmpty()) {
            sql.append(" AND face_id IN (").append(String.join(", ", java.util.Collections.nCopies(faceIds.size(), "?"))).append(")");
            args.addAll(faceIds);
        }
        sql.append(" ORDER BY face_id LIMIT ?");
        args.add(limit);
        return db.read(c -> Sql.list(c, sql.toString(), SqlCollections::face, args.toArray()));
    }

    /** Every face of a collection, for the search cache. */
    public List<StoredFace> allFaces(String account, String region, String collection) {
        return db.read(c -> Sql.list(c, "SELECT " + FACE_COLUMNS + " FROM rekognition_faces WHERE account = ? AND region = ? "
                + "AND collection_id = ? ORDER BY face_id", SqlCollections::face, account, region, collection));
    }

    public Optional<StoredFace> face(Connection c, String account, String region, String collection, String faceId) throws SQLException {
        return Sql.one(c, "SELECT " + FACE_COLUMNS + " FROM rekognition_faces WHERE account = ? AND region = ? AND collection_id = ? "
                + "AND face_id = ?", SqlCollections::face, account, region, collection, faceId);
    }

    public List<StoredFace> facesOfUser(Connection c, String account, String region, String collection, String userId) throws SQLException {
        return Sql.list(c, "SELECT " + FACE_COLUMNS + " FROM rekognition_faces WHERE account = ? AND region = ? AND collection_id = ? "
                + "AND user_id = ? ORDER BY face_id", SqlCollections::face, account, region, collection, userId);
    }

    public void deleteFace(Connection c, String account, String region, String collection, String faceId) throws SQLException {
        Sql.update(c, "DELETE FROM rekognition_faces WHERE account = ? AND region = ? AND collection_id = ? AND face_id = ?",
                account, region, collection, faceId);
    }

    public void setUser(Connection c, String account, String region, String collection, String faceId, String userId) throws SQLException {
        Sql.update(c, "UPDATE rekognition_faces SET user_id = ? WHERE account = ? AND region = ? AND collection_id = ? AND face_id = ?",
                userId, account, region, collection, faceId);
    }

    // users

    public boolean userExists(Connection c, String account, String region, String collection, String userId) throws SQLException {
        return Sql.one(c, "SELECT user_id FROM rekognition_users WHERE account = ? AND region = ? AND collection_id = ? AND user_id = ?",
                rs -> rs.getString(1), account, region, collection, userId).isPresent();
    }

    public void insertUser(Connection c, String account, String region, String collection, String userId, long createdMs) throws SQLException {
        Sql.update(c, "INSERT INTO rekognition_users (account, region, collection_id, user_id, created_ms) VALUES (?, ?, ?, ?, ?)",
                account, region, collection, userId, createdMs);
    }

    public void deleteUser(Connection c, String account, String region, String collection, String userId) throws SQLException {
        Sql.update(c, "UPDATE rekognition_faces SET user_id = NULL WHERE account = ? AND region = ? AND collection_id = ? AND user_id = ?",
                account, region, collection, userId);
        Sql.update(c, "DELETE FROM rekognition_users WHERE account = ? AND region = ? AND collection_id = ? AND user_id = ?",
                account, region, collection, userId);
    }

    /** User ids after {@code afterUserId}, each with whether it has faces (AWS's UserStatus ACTIVE or CREATED). */
    public Map<String, Boolean> users(String account, String region, String collection, String afterUserId, int limit) {
        return db.read(c -> {
            Map<String, Boolean> out = new LinkedHashMap<>();
            Sql.list(c, "SELECT u.user_id, (SELECT COUNT(*) FROM rekognition_faces f WHERE f.account = u.account AND f.region = u.region "
                            + "AND f.collection_id = u.collection_id AND f.user_id = u.user_id) FROM rekognition_users u "
                            + "WHERE u.account = ? AND u.region = ? AND u.collection_id = ? AND u.user_id > ? ORDER BY u.user_id LIMIT ?",
                    rs -> out.put(rs.getString(1), rs.getLong(2) > 0), account, region, collection, afterUserId == null ? "" : afterUserId, limit);
            return out;
        });
    }

    // tags

    public Map<String, String> tags(String account, String region, String collection) {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            Sql.list(c, "SELECT tag_key, tag_value FROM rekognition_tags WHERE account = ? AND region = ? AND collection_id = ? ORDER BY tag_key",
                    rs -> out.put(rs.getString(1), rs.getString(2)), account, region, collection);
            return out;
        });
    }

    public void putTags(Connection c, String account, String region, String collection, Map<String, String> tags) throws SQLException {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            Sql.update(c, "DELETE FROM rekognition_tags WHERE account = ? AND region = ? AND collection_id = ? AND tag_key = ?",
                    account, region, collection, t.getKey());
            Sql.update(c, "INSERT INTO rekognition_tags (account, region, collection_id, tag_key, tag_value) VALUES (?, ?, ?, ?, ?)",
                    account, region, collection, t.getKey(), t.getValue());
        }
    }

    public void removeTags(Connection c, String account, String region, String collection, List<String> keys) throws SQLException {
        for (String k : keys) {
            Sql.update(c, "DELETE FROM rekognition_tags WHERE account = ? AND region = ? AND collection_id = ? AND tag_key = ?",
                    account, region, collection, k);
        }
    }

    private static StoredFace face(ResultSet rs) throws SQLException {
        String[] b = rs.getString(6).split(",");
        return new StoredFace(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Float.parseFloat(rs.getString(5)),
                new Box(Float.parseFloat(b[0]), Float.parseFloat(b[1]), Float.parseFloat(b[2]), Float.parseFloat(b[3])), floats(rs.getBytes(7)));
    }

    static byte[] bytes(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return buf.array();
    }

    static float[] floats(byte[] b) {
        float[] v = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
