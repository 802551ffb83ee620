package io.haneul.rekognition.store;

import io.haneul.storage.Database;
import io.haneul.storage.Dialect;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TRAIN and TEST datasets of Custom Labels projects: each entry's JSON line keyed by its
 * {@code source-ref}, and the labels each entry carries with their bounding-box counts. Every method runs
 * in the caller's transaction.
 */
public final class SqlDatasets {

    /** A dataset as stored. */
    public record DatasetRow(String project, String type, String status, long createdMs, long updatedMs) {
    }

    /** One entry to store: its line, and its labels with their bounding-box counts. */
    public record Entry(String sourceRef, String line, Map<String, Integer> labels) {
    }

    /** A dataset's counts: entries, labeled entries, and distinct labels. */
    public record Stats(int entries, int labeled, int labels) {
    }

    /** A label of a dataset: how many entries carry it and how many boxes it has in all. */
    public record LabelStats(String label, int entries, int boxes) {
    }

    /** The filters of ListDatasetEntries; null members do not filter. */
    public record Filter(List<String> containsLabels, Boolean labeled, String sourceRefContains) {
    }

    private final Database db;

    public SqlDatasets(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    public boolean create(Connection c, String account, String region, DatasetRow d) throws SQLException {
        return Sql.update(c, "INSERT INTO rekognition_datasets (account, region, project, dataset_type, status, created_ms, updated_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", account, region, d.project(), d.type(), d.status(), d.createdMs(),
                d.updatedMs()) == 1;
    }

    public Optional<DatasetRow> find(Connection c, String account, String region, String project, String type) throws SQLException {
        return Sql.one(c, "SELECT project, dataset_type, status, created_ms, updated_ms FROM rekognition_datasets WHERE account = ? "
                + "AND region = ? AND project = ? AND dataset_type = ?", SqlDatasets::dataset, account, region, project, type);
    }

    public List<DatasetRow> ofProject(Connection c, String account, String region, String project) throws SQLException {
        return Sql.list(c, "SELECT project, dataset_type, status, created_ms, updated_ms FROM rekognition_datasets WHERE account = ? "
                + "AND region = ? AND project = ? ORDER BY dataset_type DESC", SqlDatasets::dataset, account, region, project);
    }

    public void touch(Connection c, String account, String region, String project, String type, String status, long nowMs) throws SQLException {
        Sql.update(c, "UPDATE rekognition_datasets SET status = ?, updated_ms = ? WHERE account = ? AND region = ? AND project = ? "
                + "AND dataset_type = ?", status, nowMs, account, region, project, type);
    }

    /** How many entries one round trip of {@link #put} sends. */
    private static final int BATCH = 500;

    /** Adds the entries, replacing those with the same source-ref (and their labels), {@link #BATCH} entries a round trip. */
    public void put(Connection c, String account, String region, String project, String type, List<Entry> entries) throws SQLException {
        String key = " WHERE account = ? AND region = ? AND project = ? AND dataset_type = ? AND source_ref = ?";
        try (PreparedStatement dropEntry = c.prepareStatement("DELETE FROM rekognition_dataset_entries" + key);
             PreparedStatement dropLabels = c.prepareStatement("DELETE FROM rekognition_dataset_labels" + key);
             PreparedStatement addEntry = c.prepareStatement("INSERT INTO rekognition_dataset_entries (account, region, project, "
                     + "dataset_type, source_ref, entry) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement addLabel = c.prepareStatement("INSERT INTO rekognition_dataset_labels (account, region, project, "
                     + "dataset_type, source_ref, label, boxes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int from = 0; from < entries.size(); from += BATCH) {
                for (Entry e : entries.subList(from, Math.min(entries.size(), from + BATCH))) {
                    batch(dropEntry, account, region, project, type, e.sourceRef());
                    batch(dropLabels, account, region, project, type, e.sourceRef());
                    batch(addEntry, account, region, project, type, e.sourceRef(), e.line());
                    for (Map.Entry<String, Integer> l : e.labels().entrySet()) {
                        batch(addLabel, account, region, project, type, e.sourceRef(), l.getKey(), l.getValue());
                    }
                }
                dropEntry.executeBatch();
                dropLabels.executeBatch();
                addEntry.executeBatch();
                addLabel.executeBatch();
            }
        }
    }

    private static void batch(PreparedStatement ps, Object... args) throws SQLException {
        Sql.bind(ps, args);
        ps.addBatch();
    }

    /** Every entry of the dataset in source-ref order, with its labels. */
    public List<Entry> entries(Connection c, String account, String region, String project, String type) throws SQLException {
        List<Entry> out = new ArrayList<>();
        for (String[] row : Sql.list(c, "SELECT source_ref, entry FROM rekognition_dataset_entries WHERE account = ? AND region = ? AND project = ? "
                + "AND dataset_type = ? ORDER BY source_ref", rs -> new String[]{rs.getString(1), rs.getString(2)}, account, region, project, type)) {
            Map<String, Integer> labels = new java.util.LinkedHashMap<>();
            Sql.list(c, "SELECT label, boxes FROM rekognition_dataset_labels WHERE account = ? AND region = ? AND project = ? AND dataset_type = ? "
                    + "AND source_ref = ? ORDER BY label", rs -> labels.put(rs.getString(1), rs.getInt(2)), account, region, project, type, row[0]);
            out.add(new Entry(row[0], row[1], labels));
        }
        return out;
    }

    public void remove(Connection c, String account, String region, String project, String type, String sourceRef) throws SQLException {
        for (String table : List.of("rekognition_dataset_entries", "rekognition_dataset_labels")) {
            Sql.update(c, "DELETE FROM " + table + " WHERE account = ? AND region = ? AND project = ? AND dataset_type = ? AND source_ref = ?",
                    account, region, project, type, sourceRef);
        }
    }

    public void delete(Connection c, String account, String region, String project, String type) throws SQLException {
        for (String table : List.of("rekognition_dataset_entries", "rekognition_dataset_labels", "rekognition_datasets")) {
            Sql.update(c, "DELETE FROM " + table + " WHERE account = ? AND region = ? AND project = ? AND dataset_type = ?",
                    account, region, project, type);
        }
    }

    /** Up to {@code limit} entry lines, in source-ref order after {@code afterRef}, that pass the filter. */
    public List<String[]> lines(Connection c, String account, String region, String project, String type, Filter f, String afterRef, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT source_ref, entry FROM rekognition_dataset_entries e WHERE account = ? AND region = ? "
                + "AND project = ? AND dataset_type = ? AND source_ref > ?");
        List<Object> args = new ArrayList<>(List.of(account, region, project, type, afterRef == null ? "" : afterRef));
        String labelsOf = " EXISTS (SELECT 1 FROM rekognition_dataset_labels l WHERE l.account = e.account AND l.region = e.region "
                + "AND l.project = e.project AND l.dataset_type = e.dataset_type AND l.source_ref = e.source_ref";
        if (f.labeled() != null) {
            sql.append(f.labeled() ? " AND" : " AND NOT").append(labelsOf).append(")");
        }
        if (f.containsLabels() != null && !f.containsLabels().isEmpty()) {
            sql.append(" AND").append(labelsOf).append(" AND l.label IN (").append("?, ".repeat(f.containsLabels().size() - 1)).append("?))");
            args.addAll(f.containsLabels());
        }
        if (f.sourceRefContains() != null) {
            sql.append(db.dialect() == Dialect.SQLITE ? " AND instr(source_ref, ?) > 0" : " AND strpos(source_ref, ?) > 0");
            args.add(f.sourceRefContains());
        }
        sql.append(" ORDER BY source_ref LIMIT ?");
        args.add(limit);
        return Sql.list(c, sql.toString(), rs -> new String[]{rs.getString(1), rs.getString(2)}, args.toArray());
    }

    public Stats stats(Connection c, String account, String region, String project, String type) throws SQLException {
        String where = " WHERE account = ? AND region = ? AND project = ? AND dataset_type = ?";
        int entries = Sql.one(c, "SELECT COUNT(*) FROM rekognition_dataset_entries" + where, rs -> rs.getInt(1), account, region, project, type).orElse(0);
        int labeled = Sql.one(c, "SELECT COUNT(DISTINCT source_ref) FROM rekognition_dataset_labels" + where, rs -> rs.getInt(1),
                account, region, project, type).orElse(0);
        int labels = Sql.one(c, "SELECT COUNT(DISTINCT label) FROM rekognition_dataset_labels" + where, rs -> rs.getInt(1),
                account, region, project, type).orElse(0);
        return new Stats(entries, labeled, labels);
    }

    /** Up to {@code limit} labels in name order after {@code afterLabel}, each with its entry and box counts. */
    public List<LabelStats> labels(Connection c, String account, String region, String project, String type, String afterLabel, int limit)
            throws SQLException {
        return Sql.list(c, "SELECT label, COUNT(*), SUM(boxes) FROM rekognition_dataset_labels WHERE account = ? AND region = ? AND project = ? "
                        + "AND dataset_type = ? AND label > ? GROUP BY label ORDER BY label LIMIT ?",
                rs -> new LabelStats(rs.getString(1), rs.getInt(2), rs.getInt(3)), account, region, project, type,
                afterLabel == null ? "" : afterLabel, limit);
    }

    private static DatasetRow dataset(java.sql.ResultSet rs) throws SQLException {
        return new DatasetRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
    }
}
