package io.haneul.sns.store;

import io.haneul.sns.domain.Protocol;
import io.haneul.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Topics, subscriptions and FIFO deduplication records in SQLite or PostgreSQL. Every method
 * commits before it returns; the methods taking a {@link Connection} run inside a caller's
 * {@link Database#write}, so that Publish's sequence number, deduplication record, outbox rows and
 * delivery jobs commit together.
 */
public final class TopicStore {

    private final Database db;

    public TopicStore(Database db) {
        this.db = db;
        db.migrate("sns", SnsSchema.migrations());
    }

    public Database database() {
        return db;
    }

    // ---- topics ----

    /** The stored topic of that ARN after the call, and whether it existed before. */
    public record Created(TopicRecord topic, boolean existed) {
    }

    public Created createTopic(TopicRecord t) {
        return db.write(c -> {
            Optional<TopicRecord> existing = findTopic(c, t.arn());
            if (existing.isPresent()) {
                return new Created(existing.get(), true);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sns_topics (arn, account, region, name, fifo, attributes, "
                    + "tags, data_protection, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.arn());
                ps.setString(2, t.account());
                ps.setString(3, t.region());
                ps.setString(4, t.name());
                ps.setInt(5, t.fifo() ? 1 : 0);
                ps.setString(6, StoreJson.write(t.attributes()));
                ps.setString(7, StoreJson.write(t.tags()));
                ps.setString(8, t.dataProtectionPolicy());
                ps.setLong(9, t.createdAt());
                ps.executeUpdate();
            }
            return new Created(t, false);
        });
    }

    public Optional<TopicRecord> findTopic(String arn) {
        return db.read(c -> findTopic(c, arn));
    }

    private Optional<TopicRecord> findTopic(Connection c, String arn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sns_topics WHERE arn = ?")) {
            ps.setString(1, arn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(topic(rs)) : Optional.empty();
            }
        }
    }

    /** Topics of an account in a region, ordered by ARN, after {@code afterArn} (exclusive; null for the first page). */
    public List<TopicRecord> listTopics(String account, String region, String afterArn, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sns_topics WHERE account = ? AND region = ? AND arn > ? "
                    + "ORDER BY arn LIMIT ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, afterArn == null ? "" : afterArn);
                ps.setInt(4, limit);
                List<TopicRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(topic(rs));
                    }
                }
                return out;
            }
        });
    }

    public void updateTopicAttributes(String arn, Map<String, String> attributes) {
        update("UPDATE sns_topics SET attributes = ? WHERE arn = ?", StoreJson.write(attributes), arn);
    }

    public void updateTags(String arn, Map<String, String> tags) {
        update("UPDATE sns_topics SET tags = ? WHERE arn = ?", StoreJson.write(tags), arn);
    }

    public void updateDataProtection(String arn, String policy) {
        update("UPDATE sns_topics SET data_protection = ? WHERE arn = ?", policy, arn);
    }

    private void update(String sql, String value, String arn) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, value);
                ps.setString(2, arn);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes the topic with its subscriptions and deduplication records; false when it did not exist. */
    public boolean deleteTopic(String arn) {
        return db.write(c -> {
            for (String sql : List.of("DELETE FROM sns_subscriptions WHERE topic_arn = ?", "DELETE FROM sns_dedup WHERE topic_arn = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, arn);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sns_topics WHERE arn = ?")) {
                ps.setString(1, arn);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Confirmed and pending subscription counts of a topic. */
    public long[] subscriptionCounts(String topicArn) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pending, COUNT(*) FROM sns_subscriptions WHERE topic_arn = ? GROUP BY pending")) {
                ps.setString(1, topicArn);
                long[] out = new long[2];
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out[rs.getInt(1) == 0 ? 0 : 1] = rs.getLong(2);
                    }
                }
                return out;
            }
        });
    }

    private static TopicRecord topic(ResultSet rs) throws SQLException {
        return new TopicRecord(rs.getString("arn"), rs.getString("account"), rs.getString("region"), rs.getString("name"),
                rs.getInt("fifo") == 1, StoreJson.read(rs.getString("attributes")), StoreJson.read(rs.getString("tags")),
                rs.getString("data_protection"), rs.getLong("created_at"), rs.getLong("subs_deleted"));
    }

    // ---- FIFO publishing (inside the caller's transaction) ----

    /** A publish already accepted within the deduplication window. */
    public record Duplicate(String messageId, String sequenceNumber) {
    }

    public Optional<Duplicate> findDuplicate(Connection c, String topicArn, String dedupId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT message_id, sequence_number FROM sns_dedup WHERE topic_arn = ? AND dedup_id = ? AND expires_at > ?")) {
            ps.setString(1, topicArn);
            ps.setString(2, dedupId);
            ps.setLong(3, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Duplicate(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** Records a deduplication id (replacing an expired record of the same id). */
    public void recordDedup(Connection c, String topicArn, String dedupId, String messageId, String sequenceNumber, long expiresAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sns_dedup WHERE topic_arn = ? AND dedup_id = ?")) {
            ps.setString(1, topicArn);
            ps.setString(2, dedupId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sns_dedup (topic_arn, dedup_id, message_id, sequence_number, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, topicArn);
            ps.setString(2, dedupId);
            ps.setString(3, messageId);
            ps.setString(4, sequenceNumber);
            ps.setLong(5, expiresAt);
            ps.executeUpdate();
        }
    }

    /** Deletes expired deduplication records of a topic (called now and then by publishers). */
    public void purgeDedup(Connection c, String topicArn, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sns_dedup WHERE topic_arn = ? AND expires_at <= ?")) {
            ps.setString(1, topicArn);
            ps.setLong(2, now);
            ps.executeUpdate();
        }
    }

    /** Increments and returns the topic's sequence number. */
    public long nextSequence(Connection c, String topicArn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sns_topics SET seq = seq + 1 WHERE arn = ?")) {
            ps.setString(1, topicArn);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM sns_topics WHERE arn = ?")) {
            ps.setString(1, topicArn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    // ---- subscriptions ----

    public void insertSubscription(SubscriptionRecord s) {
        db.write(c -> {
            insertSubscription(c, s);
            return null;
        });
    }

    public void insertSubscription(Connection c, SubscriptionRecord s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sns_subscriptions (arn, topic_arn, account, region, owner, "
                + "protocol, endpoint, attributes, pending, token, token_expires_at, authenticated, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.arn());
            ps.setString(2, s.topicArn());
            ps.setString(3, s.account());
            ps.setString(4, s.region());
            ps.setString(5, s.owner());
            ps.setString(6, s.protocol().wire());
            ps.setString(7, s.endpoint());
            ps.setString(8, StoreJson.write(s.attributes()));
            ps.setInt(9, s.pending() ? 1 : 0);
            ps.setString(10, s.token());
            ps.setLong(11, s.tokenExpiresAt());
            ps.setInt(12, s.authenticated() ? 1 : 0);
            ps.setLong(13, s.createdAt());
            ps.executeUpdate();
        }
    }

    public Optional<SubscriptionRecord> findSubscription(String arn) {
        return db.read(c -> one(c, "SELECT * FROM sns_subscriptions WHERE arn = ?", arn));
    }

    public Optional<SubscriptionRecord> findByToken(String token) {
        return db.read(c -> one(c, "SELECT * FROM sns_subscriptions WHERE token = ?", token));
    }

    public Optional<SubscriptionRecord> findByEndpoint(String topicArn, Protocol protocol, String endpoint) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM sns_subscriptions WHERE topic_arn = ? AND protocol = ? AND endpoint = ?")) {
                ps.setString(1, topicArn);
                ps.setString(2, protocol.wire());
                ps.setString(3, endpoint);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(subscription(rs)) : Optional.empty();
                }
            }
        });
    }

    private Optional<SubscriptionRecord> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(subscription(rs)) : Optional.empty();
            }
        }
    }

    /** A topic's subscriptions by ARN after {@code afterArn}. */
    public List<SubscriptionRecord> listByTopic(String topicArn, String afterArn, int limit) {
        return list("SELECT * FROM sns_subscriptions WHERE topic_arn = ? AND arn > ? ORDER BY arn LIMIT ?", limit,
                topicArn, afterArn == null ? "" : afterArn);
    }

    /** Subscriptions in a region that the account owns or whose topic it owns. */
    public List<SubscriptionRecord> listForAccount(String account, String region, String afterArn, int limit) {
        return list("SELECT * FROM sns_subscriptions WHERE region = ? AND (owner = ? OR account = ?) AND arn > ? ORDER BY arn LIMIT ?",
                limit, region, account, account, afterArn == null ? "" : afterArn);
    }

    /** Confirmed subscriptions of a topic: who a publish goes to. */
    public List<SubscriptionRecord> confirmedOf(String topicArn) {
        return list("SELECT * FROM sns_subscriptions WHERE topic_arn = ? AND pending = 0 ORDER BY created_at, arn LIMIT ?",
                Integer.MAX_VALUE, topicArn);
    }

    private List<SubscriptionRecord> list(String sql, int limit, String... args) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                ps.setInt(args.length + 1, limit);
                List<SubscriptionRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(subscription(rs));
                    }
                }
                return out;
            }
        });
    }

    public long countFilterPolicies(String topicArn) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM sns_subscriptions WHERE topic_arn = ? AND attributes LIKE '%\"FilterPolicy\"%'")) {
                ps.setString(1, topicArn);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public void updateSubscriptionAttributes(String arn, Map<String, String> attributes) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sns_subscriptions SET attributes = ? WHERE arn = ?")) {
                ps.setString(1, StoreJson.write(attributes));
                ps.setString(2, arn);
                return ps.executeUpdate();
            }
        });
    }

    /** Issues a new confirmation token for a pending subscription. */
    public void updateToken(Connection c, String arn, String token, long expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sns_subscriptions SET token = ?, token_expires_at = ? WHERE arn = ?")) {
            ps.setString(1, token);
            ps.setLong(2, expiresAt);
            ps.setString(3, arn);
            ps.executeUpdate();
        }
    }

    public void confirm(String arn, boolean authenticated) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sns_subscriptions SET pending = 0, authenticated = ? WHERE arn = ?")) {
                ps.setInt(1, authenticated ? 1 : 0);
                ps.setString(2, arn);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes a subscription inside the caller's transaction, counting it on its topic. */
    public boolean deleteSubscription(Connection c, SubscriptionRecord s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sns_subscriptions WHERE arn = ?")) {
            ps.setString(1, s.arn());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE sns_topics SET subs_deleted = subs_deleted + 1 WHERE arn = ?")) {
            ps.setString(1, s.topicArn());
            ps.executeUpdate();
        }
        return true;
    }

    private static SubscriptionRecord subscription(ResultSet rs) throws SQLException {
        return new SubscriptionRecord(rs.getString("arn"), rs.getString("topic_arn"), rs.getString("account"), rs.getString("region"),
                rs.getString("owner"), Protocol.parse(rs.getString("protocol")), rs.getString("endpoint"),
                StoreJson.read(rs.getString("attributes")), rs.getInt("pending") == 1, rs.getString("token"),
                rs.getLong("token_expires_at"), rs.getInt("authenticated") == 1, rs.getLong("created_at"));
    }
}
