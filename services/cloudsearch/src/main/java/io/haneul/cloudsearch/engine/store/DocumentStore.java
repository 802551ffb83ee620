package io.haneul.cloudsearch.engine.store;

import io.haneul.storage.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The domains' documents in the database, keyed by endpoint id (unique to one domain's lifetime).
 * Every write takes the next sequence numbers of its domain, so that a node's index can be caught
 * up by applying rows above the last sequence number it has.
 */
public final class DocumentStore {

    private static final int PAGE = 2000;
    private final Database db;

    public DocumentStore(Database db) {
        this.db = db;
        db.migrate(EngineSchema.COMPONENT, EngineSchema.MIGRATIONS);
    }

    /** A document to write: its id and body (null deletes it). */
    public record Write(String id, String body) {
    }

    /**
     * What a batch's write did: the sequence number of its last row, and for each write whether it
     * created the document's row (no add or delete of that id was ever stored before), in which case
     * no index can hold the document yet.
     */
    public record Written(long last, boolean[] created) {
    }

    /**
     * Writes a batch in one transaction. Rows are inserted where the id is new (what a bulk load
     * does) and updated where it was stored before, so the answer tells the two apart; an insert
     * whose outcome the driver does not report is treated as an update.
     */
    public Written write(String endpointId, List<Write> writes) {
        return db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO cloudsearch_doc_sequences (endpoint_id, seq) VALUES (?, 0) ON CONFLICT (endpoint_id) DO NOTHING")) {
                ins.setString(1, endpointId);
                ins.executeUpdate();
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE cloudsearch_doc_sequences SET seq = seq + ? WHERE endpoint_id = ?")) {
                up.setLong(1, writes.size());
                up.setString(2, endpointId);
                up.executeUpdate();
            }
            long last;
            try (PreparedStatement q = c.prepareStatement("SELECT seq FROM cloudsearch_doc_sequences WHERE endpoint_id = ?")) {
                q.setString(1, endpointId);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                }
            }
            long first = last - writes.size() + 1;
            boolean[] created = new boolean[writes.size()];
            int[] inserted;
            try (PreparedStatement ins = c.prepareStatement("""
                    INSERT INTO cloudsearch_documents (endpoint_id, doc_id, seq, body) VALUES (?, ?, ?, ?)
                    ON CONFLICT (endpoint_id, doc_id) DO NOTHING""")) {
                for (int i = 0; i < writes.size(); i++) {
                    bind(ins, endpointId, writes.get(i), first + i);
                    ins.addBatch();
                }
                inserted = ins.executeBatch();
            }
            boolean updates = false;
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE cloudsearch_documents SET seq = ?, body = ? WHERE endpoint_id = ? AND doc_id = ?")) {
                for (int i = 0; i < writes.size(); i++) {
                    created[i] = i < inserted.length && inserted[i] == 1;
                    if (!created[i]) {
                        up.setLong(1, first + i);
                        up.setString(2, writes.get(i).body());
                        up.setString(3, endpointId);
                        up.setString(4, writes.get(i).id());
                        up.addBatch();
                        updates = true;
                    }
                }
                if (updates) {
                    up.executeBatch();
                }
            }
            return new Written(last, created);
        });
    }

    private static void bind(PreparedStatement ins, String endpointId, Write w, long seq) throws java.sql.SQLException {
        ins.setString(1, endpointId);
        ins.setString(2, w.id());
        ins.setLong(3, seq);
        ins.setString(4, w.body());
    }

    /** The domain's last sequence number, 0 when it has no documents. */
    public long lastSeq(String endpointId) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT seq FROM cloudsearch_doc_sequences WHERE endpoint_id = ?")) {
                q.setString(1, endpointId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Rows written after {@code afterSeq} (deletes included), in sequence order, page by page. */
    public void changesSince(String endpointId, long afterSeq, Consumer<StoredDocument> each) {
        long from = afterSeq;
        while (true) {
            long after = from;
            List<StoredDocument> page = db.read(c -> {
                try (PreparedStatement q = c.prepareStatement(
                        "SELECT doc_id, seq, body FROM cloudsearch_documents WHERE endpoint_id = ? AND seq > ? ORDER BY seq LIMIT " + PAGE)) {
                    q.setString(1, endpointId);
                    q.setLong(2, after);
                    return rows(q);
                }
            });
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            from = page.getLast().seq();
        }
    }

    /** The domain's live documents (deletes left out), page by page in id order. */
    public void all(String endpointId, Consumer<StoredDocument> each) {
        String from = "";
        while (true) {
            String after = from;
            List<StoredDocument> page = db.read(c -> {
                try (PreparedStatement q = c.prepareStatement(
                        "SELECT doc_id, seq, body FROM cloudsearch_documents WHERE endpoint_id = ? AND doc_id > ? AND body IS NOT NULL "
                                + "ORDER BY doc_id LIMIT " + PAGE)) {
                    q.setString(1, endpointId);
                    q.setString(2, after);
                    return rows(q);
                }
            });
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            from = page.getLast().id();
        }
    }

    public long count(String endpointId) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT COUNT(*) FROM cloudsearch_documents WHERE endpoint_id = ? AND body IS NOT NULL")) {
                q.setString(1, endpointId);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public void deleteDomain(String endpointId) {
        db.write(c -> {
            for (String table : List.of("cloudsearch_documents", "cloudsearch_doc_sequences")) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE endpoint_id = ?")) {
                    d.setString(1, endpointId);
                    d.executeUpdate();
                }
            }
            return null;
        });
    }

    private static List<StoredDocument> rows(PreparedStatement q) throws java.sql.SQLException {
        List<StoredDocument> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredDocument(rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
        }
        return out;
    }
}
