package io.haneul.s3.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.s3.domain.Keys;
import io.haneul.s3.domain.Listing;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * S3 metadata in SQLite or PostgreSQL: buckets, object versions, multipart uploads and parts. Blob
 * bytes live in files ({@code BlobStore}); rows name them. Each method is one transaction, committed
 * before it returns; a method that drops rows returns the blobs they named, for the caller to delete
 * once the change is durable.
 */
public final class S3Store {

    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final String OBJECT_COLUMNS = "id, bucket, object_key, version_id, latest, delete_marker, size, etag, segments, "
            + "last_modified, headers, metadata, tags, checksum_algorithm, checksum_value, checksum_type, parts_count, "
            + "storage_class, owner, object_lock";

    private final Database db;
    private final ObjectMapper json = new ObjectMapper();
    private final boolean postgres;

    public S3Store(Database db) {
        this.db = db;
        this.postgres = db.dialect() == io.haneul.storage.Dialect.POSTGRES;
        db.migrate("s3", S3Schema.migrations());
    }

    /** The annotations of object versions, in the same database ({@link AnnotationStore}). */
    public AnnotationStore annotations() {
        return new AnnotationStore(db);
    }

    // ---- buckets ----

    public Optional<BucketRecord> bucket(String name) {
        return db.read(c -> bucketIn(c, name));
    }

    /** Inserts the bucket unless the name is taken; true when inserted. */
    public boolean createBucket(BucketRecord b) {
        return createBucket(b, Map.of());
    }

    /** Creates the bucket with its initial configuration documents (kind to document), all or nothing. */
    public boolean createBucket(BucketRecord b, Map<String, String> configs) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO s3_buckets (name, account, region, created_at, versioning, "
                    + "tags, cors, policy, notification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, b.name());
                ps.setString(2, b.account());
                ps.setString(3, b.region());
                ps.setLong(4, b.createdAt());
                ps.setString(5, b.versioning());
                ps.setString(6, b.tags() == null ? null : toJson(b.tags()));
                ps.setString(7, b.cors());
                ps.setString(8, b.policy());
                ps.setString(9, b.notification());
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            for (Map.Entry<String, String> config : configs.entrySet()) {
                update(c, "INSERT INTO s3_bucket_configs (bucket, kind, document) VALUES (?, ?, ?)", b.name(), config.getKey(), config.getValue());
            }
            return true;
        });
    }

    public List<BucketRecord> buckets(String account) {
        return db.read(c -> Sql.list(c, "SELECT * FROM s3_buckets WHERE account = ? ORDER BY name", this::bucket, account));
    }

    /** Outcome of a bucket delete. */
    public enum BucketDeletion { DELETED, MISSING, NOT_EMPTY }

    /** Deletes the bucket when it holds no object versions; its unfinished uploads go with it (blobs into {@code dropped}). */
    public BucketDeletion deleteBucket(String name, List<String> dropped) {
        List<String> blobs = new ArrayList<>();
        BucketDeletion result = db.write(c -> {
            blobs.clear();
            if (bucketIn(c, name).isEmpty()) {
                return BucketDeletion.MISSING;
            }
            if (Sql.one(c, "SELECT 1 FROM s3_objects WHERE bucket = ? LIMIT 1", rs -> true, name).isPresent()) {
                return BucketDeletion.NOT_EMPTY;
            }
            blobs.addAll(Sql.list(c, "SELECT p.blob FROM s3_parts p JOIN s3_uploads u ON u.upload_id = p.upload_id WHERE u.bucket = ?",
                    rs -> rs.getString(1), name));
            update(c, "DELETE FROM s3_parts WHERE upload_id IN (SELECT upload_id FROM s3_uploads WHERE bucket = ?)", name);
            update(c, "DELETE FROM s3_uploads WHERE bucket = ?", name);
            update(c, "DELETE FROM s3_bucket_configs WHERE bucket = ?", name);
            update(c, "DELETE FROM s3_buckets WHERE name = ?", name);
            return BucketDeletion.DELETED;
        });
        dropped.addAll(blobs);
        return result;
    }

    /** Stores (replaces) one of the bucket's configuration documents, named by kind; false when the bucket is gone. */
    public boolean putBucketConfig(String bucket, String kind, String document) {
        return db.write(c -> bucketIn(c, bucket).isPresent() && update(c, "INSERT INTO s3_bucket_configs (bucket, kind, document) "
                + "VALUES (?, ?, ?) ON CONFLICT (bucket, kind) DO UPDATE SET document = excluded.document", bucket, kind, document) > 0);
    }

    public Optional<String> bucketConfig(String bucket, String kind) {
        return db.read(c -> Sql.one(c, "SELECT document FROM s3_bucket_configs WHERE bucket = ? AND kind = ?", rs -> rs.getString(1),
                bucket, kind));
    }

    /**
     * The bucket's documents whose kind starts with {@code family} (a fixed name such as
     * {@code METRICS/}, never client input), by kind in binary order.
     */
    public Map<String, String> bucketConfigs(String bucket, String family) {
        return db.read(c -> {
            Map<String, String> out = new java.util.TreeMap<>();
            Sql.list(c, "SELECT kind, document FROM s3_bucket_configs WHERE bucket = ? AND kind LIKE ?",
                    rs -> Map.entry(rs.getString(1), rs.getString(2)), bucket, family + "%").forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    /** Buckets holding a configuration document of this kind. */
    public List<String> bucketsWithConfig(String kind) {
        return db.read(c -> Sql.list(c, "SELECT bucket FROM s3_bucket_configs WHERE kind = ? ORDER BY bucket", rs -> rs.getString(1), kind));
    }

    public void deleteBucketConfig(String bucket, String kind) {
        db.write(c -> update(c, "DELETE FROM s3_bucket_configs WHERE bucket = ? AND kind = ?", bucket, kind));
    }

    /** A bucket column that holds a configuration document. */
    public enum BucketSetting {
        VERSIONING("versioning"), TAGS("tags"), CORS("cors"), POLICY("policy"), NOTIFICATION("notification");

        private final String column;

        BucketSetting(String column) {
            this.column = column;
        }
    }

    /** Sets (or with null clears) one setting; false when the bucket does not exist. */
    public boolean setBucket(String name, BucketSetting setting, String value) {
        return db.write(c -> update(c, "UPDATE s3_buckets SET " + setting.column + " = ? WHERE name = ?", value, name) > 0);
    }

    public boolean setBucketTags(String name, Map<String, String> tags) {
        return setBucket(name, BucketSetting.TAGS, tags == null ? null : toJson(tags));
    }

    private Optional<BucketRecord> bucketIn(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT * FROM s3_buckets WHERE name = ?", this::bucket, name);
    }

    private BucketRecord bucket(ResultSet rs) throws SQLException {
        String tags = rs.getString("tags");
        return new BucketRecord(rs.getString("name"), rs.getString("account"), rs.getString("region"), rs.getLong("created_at"),
                rs.getString("versioning"), tags == null ? null : fromJson(tags), rs.getString("cors"), rs.getString("policy"),
                rs.getString("notification"));
    }

    // ---- objects ----

    /** The key's current version (possibly a delete marker). */
    public Optional<ObjectRecord> current(String bucket, String key) {
        return db.read(c -> currentIn(c, bucket, key));
    }

    public Optional<ObjectRecord> version(String bucket, String key, String versionId) {
        return db.read(c -> one(c, "SELECT " + OBJECT_COLUMNS + " FROM s3_objects WHERE bucket = ? AND object_key = ? AND version_id = ?",
                bucket, key, versionId));
    }

    /** Result of a write that may replace a version. */
    public record Written(ObjectRecord object, List<String> droppedBlobs) {
    }

    /**
     * Makes {@code row} the key's current version. With versioning enabled the previous versions
     * stay; otherwise the key's {@code null} version is replaced ({@code row} must then carry version
     * id {@code null}).
     *
     * @param precondition checked against the current version (or null) inside the transaction; may throw
     */
    public Written put(ObjectRecord row, boolean keepVersions, Consumer<ObjectRecord> precondition) {
        return db.write(c -> putIn(c, row, keepVersions, precondition));
    }

    /**
     * Deletes one version; when it was the current one, the newest remaining version becomes current.
     * Empty when there was no such version.
     */
    public Optional<ObjectRecord> deleteVersion(String bucket, String key, String versionId) {
        return deleteVersionIf(bucket, key, versionId, row -> true);
    }

    /**
     * {@link #deleteVersion}, only when {@code allowed} accepts the version as it is inside the
     * transaction, under the key's lock (it may also throw to refuse): a sweep that decided on a row
     * checks it is still that row, a delete checks the version's Object Lock as it stands then.
     */
    public Optional<ObjectRecord> deleteVersionIf(String bucket, String key, String versionId, java.util.function.Predicate<ObjectRecord> allowed) {
        return db.write(c -> {
            lock(c, bucket + "/" + key);
            Optional<ObjectRecord> row = one(c, "SELECT " + OBJECT_COLUMNS
                    + " FROM s3_objects WHERE bucket = ? AND object_key = ? AND version_id = ?", bucket, key, versionId);
            if (row.isEmpty() || !allowed.test(row.get())) {
                return Optional.<ObjectRecord>empty();
            }
            deleteRow(c, row.get().id());
            if (row.get().latest()) {
                update(c, "UPDATE s3_objects SET latest = 1 WHERE id = (SELECT MAX(id) FROM s3_objects WHERE bucket = ? AND object_key = ?)",
                        bucket, key);
            }
            return row;
        });
    }

    /**
     * Moves a key's only version (a bucket that never had versioning) to another key in one transaction:
     * the row, with its annotations, takes the new key and keeps everything else; a version at the
     * destination is replaced (its blobs returned for deletion). Empty when the source has no version.
     *
     * @param precondition given the source and the destination's version (or null) inside the transaction; may throw
     */
    public Optional<Written> rename(String bucket, String from, String to, java.util.function.BiConsumer<ObjectRecord, ObjectRecord> precondition) {
        return db.write(c -> {
            String first = from.compareTo(to) <= 0 ? from : to;
            lock(c, bucket + "/" + first);
            lock(c, bucket + "/" + (first.equals(from) ? to : from));
            Optional<ObjectRecord> source = currentIn(c, bucket, from);
            if (source.isEmpty() || source.get().deleteMarker()) {
                return Optional.<Written>empty();
            }
            ObjectRecord destination = currentIn(c, bucket, to).orElse(null);
            precondition.accept(source.get(), destination);
            List<String> dropped = new ArrayList<>();
            if (destination != null) {
                dropped.addAll(Segment.blobs(destination.segments()));
                deleteRow(c, destination.id());
            }
            update(c, "UPDATE s3_objects SET object_key = ? WHERE id = ?", to, source.get().id());
            return Optional.of(new Written(one(c, "SELECT " + OBJECT_COLUMNS + " FROM s3_objects WHERE id = ?", source.get().id())
                    .orElseThrow(), dropped));
        });
    }

    /** Replaces a version's tags; false when there is no such version (null: the current one). */
    public boolean setObjectTags(String bucket, String key, String versionId, Map<String, String> tags) {
        return setObjectColumn("tags", toJson(tags), bucket, key, versionId);
    }

    /** Replaces the ACL document of one row (false when it is gone). */
    public boolean setObjectAclOfRow(long rowId, String acl) {
        return db.write(c -> update(c, "UPDATE s3_objects SET acl = ? WHERE id = ?", acl, rowId) > 0);
    }

    /**
     * Changes a version's Object Lock state in one transaction under the key's lock: {@code change} gets
     * the state as stored (null for none) and returns the new one, or throws to refuse; false when there
     * is no such version.
     */
    public boolean updateObjectLock(String bucket, String key, String versionId, java.util.function.UnaryOperator<String> change) {
        return db.write(c -> {
            lock(c, bucket + "/" + key);
            Optional<ObjectRecord> row = one(c, "SELECT " + OBJECT_COLUMNS + " FROM s3_objects WHERE bucket = ? AND object_key = ? "
                    + "AND version_id = ? AND delete_marker = 0", bucket, key, versionId);
            if (row.isEmpty()) {
                return false;
            }
            return update(c, "UPDATE s3_objects SET object_lock = ? WHERE id = ?", change.apply(row.get().objectLock()), row.get().id()) > 0;
        });
    }

    /** Replaces the stored headers of one row (false when it is gone, e.g. replaced by a newer write). */
    public boolean setObjectHeadersOfRow(long rowId, Map<String, String> headers) {
        return db.write(c -> update(c, "UPDATE s3_objects SET headers = ? WHERE id = ?", toJson(headers), rowId) > 0);
    }

    /** A version's ACL document, empty when it has the default (owner only). */
    public Optional<String> objectAcl(long rowId) {
        return db.read(c -> Sql.one(c, "SELECT acl FROM s3_objects WHERE id = ?", rs -> rs.getString(1), rowId));
    }

    private boolean setObjectColumn(String column, String value, String bucket, String key, String versionId) {
        return db.write(c -> versionId == null
                ? update(c, "UPDATE s3_objects SET " + column + " = ? WHERE bucket = ? AND object_key = ? AND latest = 1 AND delete_marker = 0",
                value, bucket, key) > 0
                : update(c, "UPDATE s3_objects SET " + column + " = ? WHERE bucket = ? AND object_key = ? AND version_id = ? AND delete_marker = 0",
                value, bucket, key, versionId) > 0);
    }

    /** Current, non-deleted objects after the cursor under the prefix, in key order. */
    public List<ObjectRecord> listCurrent(String bucket, Listing.Cursor after, String prefix, int limit) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + OBJECT_COLUMNS
                    + " FROM s3_objects WHERE bucket = ? AND latest = 1 AND delete_marker = 0");
            List<Object> args = new ArrayList<>(List.of(bucket));
            keyRange(sql, args, after, prefix, null);
            sql.append(" ORDER BY object_key LIMIT ?");
            args.add(limit);
            return many(c, sql.toString(), args);
        });
    }

    /** Every version and delete marker after the cursor under the prefix, by key, newest first. */
    public List<ObjectRecord> listVersions(String bucket, Listing.Cursor after, String prefix, int limit) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + OBJECT_COLUMNS + " FROM s3_objects WHERE bucket = ?");
            List<Object> args = new ArrayList<>(List.of(bucket));
            keyRange(sql, args, after, prefix, "<");
            sql.append(" ORDER BY object_key, id DESC LIMIT ?");
            args.add(limit);
            return many(c, sql.toString(), args);
        });
    }

    /** Row id of a version, for a version-id marker; 0 when unknown. */
    public long versionRowId(String bucket, String key, String versionId) {
        return version(bucket, key, versionId).map(ObjectRecord::id).orElse(0L);
    }

    /**
     * Appends the listing window: keys after the cursor (or from it, when inclusive) and within the
     * prefix. {@code idOrder} is how rows of one key are ordered by id ("<" newest first for
     * versions, ">" oldest first for uploads), or null when a key has one row.
     */
    private static void keyRange(StringBuilder sql, List<Object> args, Listing.Cursor after, String prefix, String idOrder) {
        if (after.inclusive()) {
            sql.append(" AND object_key >= ?");
            args.add(after.key());
        } else if (idOrder != null && after.id() > 0) {
            sql.append(" AND (object_key > ? OR (object_key = ? AND id ").append(idOrder).append(" ?))");
            args.add(after.key());
            args.add(after.key());
            args.add(after.id());
        } else {
            sql.append(" AND object_key > ?");
            args.add(after.key());
        }
        if (prefix != null && !prefix.isEmpty()) {
            sql.append(" AND object_key >= ?");
            args.add(prefix);
            String end = Keys.successor(prefix);
            if (end != null) {
                sql.append(" AND object_key < ?");
                args.add(end);
            }
        }
    }

    private Optional<ObjectRecord> currentIn(Connection c, String bucket, String key) throws SQLException {
        return one(c, "SELECT " + OBJECT_COLUMNS + " FROM s3_objects WHERE bucket = ? AND object_key = ? AND latest = 1", bucket, key);
    }

    private long insert(Connection c, ObjectRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO s3_objects (bucket, object_key, version_id, latest, delete_marker, "
                + "size, etag, segments, last_modified, headers, metadata, tags, checksum_algorithm, checksum_value, checksum_type, "
                + "parts_count, storage_class, owner, object_lock) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            ps.setString(1, r.bucket());
            ps.setString(2, r.key());
            ps.setString(3, r.versionId());
            ps.setInt(4, r.deleteMarker() ? 1 : 0);
            ps.setLong(5, r.size());
            ps.setString(6, r.etag());
            ps.setString(7, Segment.format(r.segments()));
            ps.setLong(8, r.lastModified());
            ps.setString(9, toJson(r.headers()));
            ps.setString(10, toJson(r.metadata()));
            ps.setString(11, toJson(r.tags()));
            ps.setString(12, r.checksumAlgorithm());
            ps.setString(13, r.checksumValue());
            ps.setString(14, r.checksumType());
            ps.setInt(15, r.partsCount());
            ps.setString(16, r.storageClass());
            ps.setString(17, r.owner());
            ps.setString(18, r.objectLock());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void deleteRow(Connection c, long id) throws SQLException {
        update(c, "DELETE FROM s3_objects WHERE id = ?", id);
        AnnotationStore.dropAll(c, id);
    }

    private Optional<ObjectRecord> one(Connection c, String sql, Object... args) throws SQLException {
        return io.haneul.storage.Sql.one(c, sql, this::object, args);
    }

    private List<ObjectRecord> many(Connection c, String sql, List<Object> args) throws SQLException {
        return io.haneul.storage.Sql.list(c, sql, this::object, args.toArray());
    }

    private ObjectRecord object(ResultSet rs) throws SQLException {
        return new ObjectRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) == 1,
                rs.getInt(6) == 1, rs.getLong(7), rs.getString(8), Segment.parse(rs.getString(9)), rs.getLong(10),
                fromJson(rs.getString(11)), fromJson(rs.getString(12)), fromJson(rs.getString(13)), rs.getString(14),
                rs.getString(15), rs.getString(16), rs.getInt(17), rs.getString(18), rs.getString(19), rs.getString(20));
    }

    // ---- multipart uploads ----

    public void createUpload(UploadRecord u) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO s3_uploads (upload_id, bucket, object_key, initiated, headers, "
                    + "metadata, tags, checksum_algorithm, checksum_type, storage_class, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, u.uploadId());
                ps.setString(2, u.bucket());
                ps.setString(3, u.key());
                ps.setLong(4, u.initiated());
                ps.setString(5, toJson(u.headers()));
                ps.setString(6, toJson(u.metadata()));
                ps.setString(7, toJson(u.tags()));
                ps.setString(8, u.checksumAlgorithm());
                ps.setString(9, u.checksumType());
                ps.setString(10, u.storageClass());
                ps.setString(11, u.owner());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<UploadRecord> upload(String uploadId) {
        return db.read(c -> uploadIn(c, uploadId));
    }

    /** Outcome of storing a part: whether the upload still exists, and the blob of a part it replaced. */
    public record PartStored(boolean uploadExists, String replacedBlob) {
    }

    public PartStored putPart(PartRecord p) {
        return db.write(c -> {
            lock(c, "upload:" + p.uploadId());
            if (uploadIn(c, p.uploadId()).isEmpty()) {
                return new PartStored(false, null);
            }
            String replaced = Sql.one(c, "SELECT blob FROM s3_parts WHERE upload_id = ? AND part_number = ?", rs -> rs.getString(1),
                    p.uploadId(), p.partNumber()).orElse(null);
            update(c, "DELETE FROM s3_parts WHERE upload_id = ? AND part_number = ?", p.uploadId(), p.partNumber());
            update(c, "INSERT INTO s3_parts (upload_id, part_number, size, etag, blob, checksum, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    p.uploadId(), p.partNumber(), p.size(), p.etag(), p.blob(), p.checksum(), p.lastModified());
            return new PartStored(true, replaced);
        });
    }

    /** Parts after {@code afterPartNumber}, in order, at most {@code limit}. */
    public List<PartRecord> parts(String uploadId, int afterPartNumber, int limit) {
        return db.read(c -> partsIn(c, uploadId, afterPartNumber, limit));
    }

    /**
     * Completes an upload: the object row is put as by {@link #put}, the upload and its parts go, and
     * the blobs of parts not used are returned with those of a replaced version. Empty when the upload
     * no longer exists or a used part changed since it was read ({@code usedBlobs}: part number to blob).
     */
    public Optional<Written> complete(String uploadId, ObjectRecord row, boolean keepVersions, Map<Integer, String> usedBlobs,
                                      Consumer<ObjectRecord> precondition) {
        return db.write(c -> {
            lock(c, "upload:" + uploadId);
            if (uploadIn(c, uploadId).isEmpty()) {
                return Optional.empty();
            }
            List<PartRecord> all = partsIn(c, uploadId, 0, Integer.MAX_VALUE);
            List<String> unused = new ArrayList<>();
            int matched = 0;
            for (PartRecord p : all) {
                String expected = usedBlobs.get(p.partNumber());
                if (expected == null) {
                    unused.add(p.blob());
                } else if (expected.equals(p.blob())) {
                    matched++;
                }
            }
            if (matched != usedBlobs.size()) {
                return Optional.empty();
            }
            update(c, "DELETE FROM s3_parts WHERE upload_id = ?", uploadId);
            update(c, "DELETE FROM s3_uploads WHERE upload_id = ?", uploadId);
            Written w = putIn(c, row, keepVersions, precondition);
            List<String> dropped = new ArrayList<>(w.droppedBlobs());
            dropped.addAll(unused);
            return Optional.of(new Written(w.object(), dropped));
        });
    }

    private Written putIn(Connection c, ObjectRecord row, boolean keepVersions, Consumer<ObjectRecord> precondition)
            throws SQLException {
        lock(c, row.bucket() + "/" + row.key());
        ObjectRecord current = currentIn(c, row.bucket(), row.key()).orElse(null);
        if (precondition != null) {
            precondition.accept(current);
        }
        List<String> dropped = new ArrayList<>();
        if (!keepVersions) {
            Optional<ObjectRecord> old = one(c, "SELECT " + OBJECT_COLUMNS
                    + " FROM s3_objects WHERE bucket = ? AND object_key = ? AND version_id = 'null'", row.bucket(), row.key());
            if (old.isPresent()) {
                dropped.addAll(Segment.blobs(old.get().segments()));
                deleteRow(c, old.get().id());
            }
        }
        update(c, "UPDATE s3_objects SET latest = 0 WHERE bucket = ? AND object_key = ? AND latest = 1", row.bucket(), row.key());
        long id = insert(c, row);
        return new Written(new ObjectRecord(id, row.bucket(), row.key(), row.versionId(), true, row.deleteMarker(), row.size(),
                row.etag(), row.segments(), row.lastModified(), row.headers(), row.metadata(), row.tags(), row.checksumAlgorithm(),
                row.checksumValue(), row.checksumType(), row.partsCount(), row.storageClass(), row.owner()), dropped);
    }

    /** Drops an upload and its parts; the parts' blobs, or empty when there was no such upload. */
    /**
     * Removes an upload and its parts; the parts' blobs are returned for deletion only when this call
     * removed the upload (under the upload's lock), so an abort racing a completion never hands back
     * blobs the completed object now owns.
     */
    public Optional<List<String>> abort(String uploadId) {
        return db.write(c -> {
            lock(c, "upload:" + uploadId);
            if (uploadIn(c, uploadId).isEmpty()) {
                return Optional.<List<String>>empty();
            }
            List<String> blobs = partsIn(c, uploadId, 0, Integer.MAX_VALUE).stream().map(PartRecord::blob).toList();
            update(c, "DELETE FROM s3_parts WHERE upload_id = ?", uploadId);
            if (update(c, "DELETE FROM s3_uploads WHERE upload_id = ?", uploadId) != 1) {
                return Optional.<List<String>>empty();
            }
            return Optional.of(blobs);
        });
    }

    /** Uploads after the cursor ((key, row id), oldest first per key; id 0: after every upload of the key). */
    public List<UploadRecord> listUploads(String bucket, Listing.Cursor after, String prefix, int limit) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT * FROM s3_uploads WHERE bucket = ?");
            List<Object> args = new ArrayList<>(List.of(bucket));
            keyRange(sql, args, after, prefix, ">");
            sql.append(" ORDER BY object_key, id LIMIT ?");
            args.add(limit);
            return io.haneul.storage.Sql.list(c, sql.toString(), this::upload, args.toArray());
        });
    }

    private Optional<UploadRecord> uploadIn(Connection c, String uploadId) throws SQLException {
        return Sql.one(c, "SELECT * FROM s3_uploads WHERE upload_id = ?", this::upload, uploadId);
    }

    private UploadRecord upload(ResultSet rs) throws SQLException {
        return new UploadRecord(rs.getLong("id"), rs.getString("upload_id"), rs.getString("bucket"), rs.getString("object_key"),
                rs.getLong("initiated"), fromJson(rs.getString("headers")), fromJson(rs.getString("metadata")),
                fromJson(rs.getString("tags")), rs.getString("checksum_algorithm"), rs.getString("checksum_type"),
                rs.getString("storage_class"), rs.getString("owner"));
    }

    private List<PartRecord> partsIn(Connection c, String uploadId, int after, int limit) throws SQLException {
        return Sql.list(c, "SELECT upload_id, part_number, size, etag, blob, checksum, last_modified "
                + "FROM s3_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?",
                rs -> new PartRecord(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7)), uploadId, after, limit);
    }

    // ---- helpers ----

    /**
     * Serializes writers of one key (or upload) until the transaction ends. SQLite has one writer
     * already; PostgreSQL takes a transaction-scoped advisory lock, since a key's rows may not exist yet.
     */
    private void lock(Connection c, String name) throws SQLException {
        if (!postgres) {
            return;
        }
        long hash = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            hash = 31 * hash + name.charAt(i);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, hash);
            ps.executeQuery().close();
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        return io.haneul.storage.Sql.update(c, sql, args);
    }

    private String toJson(Map<String, String> map) {
        if (map == null) {
            return null;
        }
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> fromJson(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        try {
            return json.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt S3 metadata: " + e.getMessage(), e);
        }
    }
}
