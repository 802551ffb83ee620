package io.haneul.sqs.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.storage.Database;
import io.haneul.storage.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQS state in SQLite or PostgreSQL. Every acknowledged change is committed before the call
 * returns (SQLite batches concurrent callers into one commit). Receives lease rows with
 * {@code FOR UPDATE SKIP LOCKED} on PostgreSQL so several nodes never hand one message out twice;
 * on SQLite the single writer serialises them.
 */
public final class SqlQueueStore {

    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final String MESSAGE_COLUMNS = "id, message_id, body, attributes, md5_body, md5_attributes, md5_system, "
            + "sent_at, visible_at, receive_count, first_receive_at, nonce, group_id, dedup_id, sequence_number, "
            + "sender_id, source_arn, retention_base";

    private final Database db;
    private final ObjectMapper json = new ObjectMapper();
    private final boolean postgres;

    public SqlQueueStore(Database db) {
        this.db = db;
        this.postgres = db.dialect() == Dialect.POSTGRES;
        db.migrate("sqs", SqsSchema.migrations());
    }

    // ---- queues ----

    public Optional<QueueRecord> find(String account, String region, String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM sqs_queues WHERE account = ? AND region = ? AND name = ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(queue(rs)) : Optional.empty();
                }
            }
        });
    }

    public Optional<QueueRecord> findById(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sqs_queues WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(queue(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Result of a create: the queue, and whether it already existed. */
    public record Created(QueueRecord queue, boolean existed) {
    }

    /**
     * Creates the queue unless one of that name exists (then returns it untouched) or the name was
     * deleted after {@code deletedSince} (then returns empty: deleted recently).
     */
    public Optional<Created> create(String account, String region, String name, boolean fifo,
                                    Map<String, String> attributes, Map<String, String> tags, long now, long deletedSince) {
        return db.write(c -> {
            Optional<QueueRecord> existing = findIn(c, account, region, name);
            if (existing.isPresent()) {
                return Optional.of(new Created(existing.get(), true));
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT deleted_at FROM sqs_deleted_queues WHERE account = ? AND region = ? AND name = ? AND deleted_at > ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, name);
                ps.setLong(4, deletedSince);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sqs_queues (account, region, name, fifo, attributes, tags, "
                    + "created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, name);
                ps.setInt(4, fifo ? 1 : 0);
                ps.setString(5, toJson(attributes));
                ps.setString(6, toJson(tags));
                ps.setLong(7, now);
                ps.setLong(8, now);
                ps.executeUpdate();
            }
            return Optional.of(new Created(findIn(c, account, region, name).orElseThrow(), false));
        });
    }

    private Optional<QueueRecord> findIn(Connection c, String account, String region, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sqs_queues WHERE account = ? AND region = ? AND name = ?")) {
            ps.setString(1, account);
            ps.setString(2, region);
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(queue(rs)) : Optional.empty();
            }
        }
    }

    public void updateAttributes(long queueId, Map<String, String> attributes, long now) {
        update("UPDATE sqs_queues SET attributes = ?, modified_at = ? WHERE id = ?", toJson(attributes), now, queueId);
    }

    public void updateTags(long queueId, Map<String, String> tags) {
        update("UPDATE sqs_queues SET tags = ? WHERE id = ?", toJson(tags), queueId);
    }

    public void delete(QueueRecord q, long now) {
        db.write(c -> {
            exec(c, "DELETE FROM sqs_messages WHERE queue_id = ?", q.id());
            exec(c, "DELETE FROM sqs_dedup WHERE queue_id = ?", q.id());
            exec(c, "DELETE FROM sqs_queues WHERE id = ?", q.id());
            exec(c, "DELETE FROM sqs_deleted_queues WHERE account = ? AND region = ? AND name = ?", q.account(), q.region(), q.name());
            exec(c, "INSERT INTO sqs_deleted_queues (account, region, name, deleted_at) VALUES (?, ?, ?, ?)",
                    q.account(), q.region(), q.name(), now);
            return null;
        });
    }

    /** Queues of an account and region, by name, starting after {@code afterName}. */
    public List<QueueRecord> list(String account, String region, String prefix, String afterName, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sqs_queues WHERE account = ? AND region = ? "
                    + "AND name > ? AND name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, afterName == null ? "" : afterName);
                ps.setString(4, (prefix == null ? "" : prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%");
                ps.setInt(5, limit);
                List<QueueRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(queue(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Queues (any account, this region) whose RedrivePolicy names {@code dlqArn}. */
    public List<QueueRecord> deadLetterSources(String region, String dlqArn) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sqs_queues WHERE region = ? AND attributes LIKE ? ORDER BY name")) {
                ps.setString(1, region);
                ps.setString(2, "%" + dlqArn.replace("%", "") + "%");
                List<QueueRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(queue(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Marks a purge and deletes every message sent before {@code now}; false when one ran after {@code since}. */
    public boolean purge(long queueId, long now, long since) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sqs_queues SET purged_at = ? WHERE id = ? AND purged_at <= ?")) {
                ps.setLong(1, now);
                ps.setLong(2, queueId);
                ps.setLong(3, since);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            exec(c, "DELETE FROM sqs_messages WHERE queue_id = ? AND sent_at <= ?", queueId, now);
            return true;
        });
    }

    // ---- messages ----

    /**
     * Enqueues messages in order in one transaction. FIFO messages get sequence numbers from the
     * queue's counter; a FIFO message whose dedup key was seen within the window is reported as a
     * duplicate and not enqueued.
     */
    public List<SendOutcome> send(QueueRecord q, List<NewMessage> messages, long dedupWindowMs) {
        return db.write(c -> {
            List<SendOutcome> out = new ArrayList<>(messages.size());
            for (NewMessage m : messages) {
                out.add(sendOne(c, q, m, dedupWindowMs));
            }
            return out;
        });
    }

    private SendOutcome sendOne(Connection c, QueueRecord q, NewMessage m, long dedupWindowMs) throws SQLException {
        String sequence = null;
        if (q.fifo()) {
            if (m.dedupKey() != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT message_id, sequence_number FROM sqs_dedup WHERE queue_id = ? AND dedup_key = ? AND expires_at > ?")) {
                    ps.setLong(1, q.id());
                    ps.setString(2, m.dedupKey());
                    ps.setLong(3, m.sentAt());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return new SendOutcome(rs.getString(1), rs.getString(2), true);
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE sqs_queues SET seq = seq + 1 WHERE id = ? RETURNING seq")) {
                ps.setLong(1, q.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sequence = String.format("%020d", rs.getLong(1) + 18_000_000_000_000_000L);
                }
            }
            if (m.dedupKey() != null) {
                exec(c, postgres
                                ? "INSERT INTO sqs_dedup (queue_id, dedup_key, expires_at, message_id, sequence_number) VALUES (?, ?, ?, ?, ?) "
                                + "ON CONFLICT (queue_id, dedup_key) DO UPDATE SET expires_at = EXCLUDED.expires_at, "
                                + "message_id = EXCLUDED.message_id, sequence_number = EXCLUDED.sequence_number"
                                : "INSERT OR REPLACE INTO sqs_dedup (queue_id, dedup_key, expires_at, message_id, sequence_number) VALUES (?, ?, ?, ?, ?)",
                        q.id(), m.dedupKey(), m.sentAt() + dedupWindowMs, m.messageId(), sequence);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sqs_messages (queue_id, message_id, body, attributes, md5_body, "
                + "md5_attributes, md5_system, sent_at, visible_at, group_id, dedup_id, sequence_number, sender_id, source_arn, "
                + "retention_base) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, q.id());
            ps.setString(2, m.messageId());
            ps.setString(3, m.body());
            ps.setString(4, m.attributesJson());
            ps.setString(5, m.md5Body());
            ps.setString(6, m.md5Attributes());
            ps.setString(7, m.md5System());
            ps.setLong(8, m.sentAt());
            ps.setLong(9, m.visibleAt());
            ps.setString(10, m.groupId());
            ps.setString(11, m.dedupId());
            ps.setString(12, sequence);
            ps.setString(13, m.senderId());
            ps.setString(14, m.sourceArn());
            ps.setLong(15, m.sentAt());
            ps.executeUpdate();
        }
        return new SendOutcome(m.messageId(), sequence, false);
    }

    /** Decides, inside the receive transaction, what happens to each candidate. */
    public interface ReceivePlan {
        /** Chooses which candidates (in order) to hand out; the rest stay untouched. */
        List<StoredMessage> choose(List<StoredMessage> candidates, java.util.Set<String> groupsInFlight);

        /** True when the message has been received too often and moves to the dead-letter queue. */
        boolean deadLetters(StoredMessage m);
    }

    /** What one receive did: messages handed out, and messages moved to the DLQ. */
    public record Received(List<StoredMessage> messages, List<StoredMessage> deadLettered) {
    }

    /**
     * Leases up to {@code max} receivable messages for {@code visibilityMs}: each gets a new nonce
     * (hence a new receipt handle) and a higher receive count. Expired messages found on the way
     * are deleted; messages past maxReceiveCount go to {@code dlq} (if given) instead.
     */
    public Received receive(QueueRecord q, int max, long visibilityMs, long now, long retentionMs, ReceivePlan plan,
                            QueueRecord dlq, java.util.function.LongSupplier nonces) {
        return db.write(c -> {
            java.util.Set<String> groupsInFlight = q.fifo() ? groupsInFlight(c, q.id(), now) : java.util.Set.of();
            int fetch = q.fifo() ? Math.max(max * 10, 100) : max + 4;
            List<StoredMessage> candidates = new ArrayList<>();
            List<StoredMessage> dead = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM sqs_messages WHERE queue_id = ? "
                    + "AND visible_at <= ? ORDER BY " + (q.fifo() ? "id" : "visible_at, id") + " LIMIT ?"
                    + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))) {
                ps.setLong(1, q.id());
                ps.setLong(2, now);
                ps.setInt(3, fetch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredMessage m = message(rs);
                        if (m.retentionBase() + retentionMs <= now) {
                            exec(c, "DELETE FROM sqs_messages WHERE id = ?", m.rowId());
                        } else if (plan.deadLetters(m) && dlq != null) {
                            dead.add(m);
                        } else {
                            candidates.add(m);
                        }
                    }
                }
            }
            for (StoredMessage m : dead) {
                exec(c, "DELETE FROM sqs_messages WHERE id = ?", m.rowId());
                NewMessage moved = new NewMessage(m.messageId(), m.body(), m.attributesJson(), m.md5Body(), m.md5Attributes(),
                        m.md5System(), m.sentAt(), now, m.groupId(), m.dedupId(), null, m.senderId(),
                        "arn:aws:sqs:" + q.region() + ":" + q.account() + ":" + q.name());
                sendOne(c, dlq, moved, 0);
                if (!dlq.fifo()) {
                    exec(c, "UPDATE sqs_messages SET retention_base = ?, receive_count = ?, first_receive_at = ? "
                            + "WHERE queue_id = ? AND message_id = ?", m.retentionBase(), m.receiveCount(), m.firstReceiveAt(), dlq.id(), m.messageId());
                }
            }
            List<StoredMessage> chosen = plan.choose(candidates, groupsInFlight);
            List<StoredMessage> out = new ArrayList<>(Math.min(max, chosen.size()));
            try (PreparedStatement ps = c.prepareStatement("UPDATE sqs_messages SET visible_at = ?, receive_count = receive_count + 1, "
                    + "first_receive_at = CASE WHEN first_receive_at = 0 THEN ? ELSE first_receive_at END, nonce = ?, received_at = ? WHERE id = ?")) {
                for (StoredMessage m : chosen) {
                    if (out.size() >= max) {
                        break;
                    }
                    long nonce = nonces.getAsLong();
                    ps.setLong(1, now + visibilityMs);
                    ps.setLong(2, now);
                    ps.setLong(3, nonce);
                    ps.setLong(4, now);
                    ps.setLong(5, m.rowId());
                    ps.addBatch();
                    out.add(new StoredMessage(m.rowId(), m.messageId(), m.body(), m.attributesJson(), m.md5Body(), m.md5Attributes(),
                            m.md5System(), m.sentAt(), now + visibilityMs, m.receiveCount() + 1,
                            m.firstReceiveAt() == 0 ? now : m.firstReceiveAt(), nonce, m.groupId(), m.dedupId(), m.sequenceNumber(),
                            m.senderId(), m.sourceArn(), m.retentionBase()));
                }
                if (!out.isEmpty()) {
                    ps.executeBatch();
                }
            }
            return new Received(out, dead);
        });
    }

    private java.util.Set<String> groupsInFlight(Connection c, long queueId, long now) throws SQLException {
        java.util.Set<String> groups = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT group_id FROM sqs_messages WHERE queue_id = ? AND visible_at > ? AND receive_count > 0")) {
            ps.setLong(1, queueId);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(rs.getString(1));
                }
            }
        }
        return groups;
    }

    /** Deletes the message if it is still in the queue; true when a row was deleted. */
    public boolean deleteMessage(long queueId, long rowId, String messageId) {
        return db.write(c -> deleteIn(c, queueId, rowId, messageId));
    }

    /** Deletes several messages in one transaction; the result says which were present. */
    public boolean[] deleteMessages(long queueId, long[] rowIds, String[] messageIds) {
        return db.write(c -> {
            boolean[] done = new boolean[rowIds.length];
            for (int i = 0; i < rowIds.length; i++) {
                done[i] = rowIds[i] >= 0 && deleteIn(c, queueId, rowIds[i], messageIds[i]);
            }
            return done;
        });
    }

    private static boolean deleteIn(Connection c, long queueId, long rowId, String messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sqs_messages WHERE id = ? AND queue_id = ? AND message_id = ?")) {
            ps.setLong(1, rowId);
            ps.setLong(2, queueId);
            ps.setString(3, messageId);
            return ps.executeUpdate() > 0;
        }
    }

    /** Outcome of a visibility change. */
    public enum VisibilityChange { CHANGED, NOT_IN_FLIGHT, STALE_HANDLE, GONE }

    /**
     * Sets a message's visibility to {@code newVisibleAt} if it is in flight under the given
     * nonce; {@code maxVisibleAt} caps the 12-hour rule (checked by the caller's domain rule).
     */
    public VisibilityChange changeVisibility(long queueId, long rowId, String messageId, long nonce, long now, long newVisibleAt) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT visible_at, receive_count, nonce FROM sqs_messages WHERE id = ? AND queue_id = ? AND message_id = ?")) {
                ps.setLong(1, rowId);
                ps.setLong(2, queueId);
                ps.setString(3, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return VisibilityChange.GONE;
                    }
                    if (rs.getInt(2) == 0 || rs.getLong(1) <= now) {
                        return VisibilityChange.NOT_IN_FLIGHT;
                    }
                    if (rs.getLong(3) != nonce) {
                        return VisibilityChange.STALE_HANDLE;
                    }
                }
            }
            exec(c, "UPDATE sqs_messages SET visible_at = ? WHERE id = ?", newVisibleAt, rowId);
            return VisibilityChange.CHANGED;
        });
    }

    /** When the message's current in-flight period began (for the 12-hour rule), or 0. */
    public long receivedAt(long rowId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT received_at FROM sqs_messages WHERE id = ?")) {
                ps.setLong(1, rowId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    public QueueCounts counts(long queueId, long now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "COALESCE(SUM(CASE WHEN visible_at <= ? THEN 1 ELSE 0 END), 0), "
                    + "COALESCE(SUM(CASE WHEN visible_at > ? AND receive_count > 0 THEN 1 ELSE 0 END), 0), "
                    + "COALESCE(SUM(CASE WHEN visible_at > ? AND receive_count = 0 THEN 1 ELSE 0 END), 0) "
                    + "FROM sqs_messages WHERE queue_id = ?")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setLong(4, queueId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new QueueCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    /** When the next invisible message becomes receivable, or {@code Long.MAX_VALUE}. */
    public long nextVisibleAt(long queueId, long now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(visible_at) FROM sqs_messages WHERE queue_id = ? AND visible_at > ?")) {
                ps.setLong(1, queueId);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    long v = rs.next() ? rs.getLong(1) : 0;
                    return v == 0 ? Long.MAX_VALUE : v;
                }
            }
        });
    }

    /** True when the queue holds at least one receivable message. */
    public boolean hasReceivable(long queueId, long now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqs_messages WHERE queue_id = ? AND visible_at <= ? LIMIT 1")) {
                ps.setLong(1, queueId);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    // ---- helpers ----

    private void update(String sql, Object... args) {
        db.write(c -> {
            exec(c, sql, args);
            return null;
        });
    }

    private static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private QueueRecord queue(ResultSet rs) throws SQLException {
        return new QueueRecord(rs.getLong("id"), rs.getString("account"), rs.getString("region"), rs.getString("name"),
                rs.getInt("fifo") == 1, fromJson(rs.getString("attributes")), fromJson(rs.getString("tags")),
                rs.getLong("created_at"), rs.getLong("modified_at"), rs.getLong("purged_at"));
    }

    private static StoredMessage message(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getInt(10), rs.getLong(11),
                rs.getLong(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17),
                rs.getLong(18));
    }

    private String toJson(Map<String, String> map) {
        try {
            return json.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> fromJson(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in sqs_queues", e);
        }
    }
}
