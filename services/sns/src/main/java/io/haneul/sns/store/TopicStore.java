package io.haneul.sns.store;

import io.haneul.sns.domain.Protocol;
import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
            Sql.update(c, "INSERT INTO sns_topics (arn, account, region, name, fifo, attributes, "
                    + "tags, data_protection, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", t.arn(), t.account(), t.region(), t.name(),
                    t.fifo(), StoreJson.write(t.attributes()), StoreJson.write(t.tags()), t.dataProtectionPolicy(), t.createdAt());
            return new Created(t, false);
        });
    }

    public Optional<TopicRecord> findTopic(String arn) {
        return db.read(c -> findTopic(c, arn));
    }

    private Optional<TopicRecord> findTopic(Connection c, String arn) throws SQLException {
        return Sql.one(c, "SELECT * FROM sns_topics WHERE arn = ?", TopicStore::topic, arn);
    }

    /** Topics of an account in a region, ordered by ARN, after {@code afterArn} (exclusive; null for the first page). */
    public List<TopicRecord> listTopics(String account, String region, String afterArn, int limit) {
        return db.read(c -> Sql.list(c, "SELECT * FROM sns_topics WHERE account = ? AND region = ? AND arn > ? "
                + "ORDER BY arn LIMIT ?", TopicStore::topic, account, region, afterArn == null ? "" : afterArn, limit));
    }

    public void updateTopicAttributes(String arn, Map<String, String> attributes) {
        String value = StoreJson.write(attributes);
        db.write(c -> Sql.update(c, "UPDATE sns_topics SET attributes = ? WHERE arn = ?", value, arn));
    }

    public void updateTags(String arn, Map<String, String> tags) {
        String value = StoreJson.write(tags);
        db.write(c -> Sql.update(c, "UPDATE sns_topics SET tags = ? WHERE arn = ?", value, arn));
    }

    public void updateDataProtection(String arn, String policy) {
        db.write(c -> Sql.update(c, "UPDATE sns_topics SET data_protection = ? WHERE arn = ?", policy, arn));
    }

    /** Deletes the topic with its subscriptions and deduplication records; false when it did not exist. */
    public boolean deleteTopic(String arn) {
        return db.write(c -> {
            for (String sql : List.of("DELETE FROM sns_subscriptions WHERE topic_arn = ?", "DELETE FROM sns_dedup WHERE topic_arn = ?")) {
                Sql.update(c, sql, arn);
            }
            return Sql.update(c, "DELETE FROM sns_topics WHERE arn = ?", arn) > 0;
        });
    }

    /** Confirmed and pending subscription counts of a topic. */
    public long[] subscriptionCounts(String topicArn) {
        return db.read(c -> {
            long[] out = new long[2];
            for (long[] row : Sql.list(c, "SELECT pending, COUNT(*) FROM sns_subscriptions WHERE topic_arn = ? GROUP BY pending",
                    rs -> new long[]{rs.getInt(1) == 0 ? 0 : 1, rs.getLong(2)}, topicArn)) {
                out[(int) row[0]] = row[1];
            }
            return out;
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
        return Sql.one(c, "SELECT message_id, sequence_number FROM sns_dedup WHERE topic_arn = ? AND dedup_id = ? AND expires_at > ?",
                rs -> new Duplicate(rs.getString(1), rs.getString(2)), topicArn, dedupId, now);
    }

    /** Records a deduplication id (replacing an expired record of the same id). */
    public void recordDedup(Connection c, String topicArn, String dedupId, String messageId, String sequenceNumber, long expiresAt)
            throws SQLException {
        Sql.update(c, "DELETE FROM sns_dedup WHERE topic_arn = ? AND dedup_id = ?", topicArn, dedupId);
        Sql.update(c, "INSERT INTO sns_dedup (topic_arn, dedup_id, message_id, sequence_number, expires_at) VALUES (?, ?, ?, ?, ?)",
                topicArn, dedupId, messageId, sequenceNumber, expiresAt);
    }

    /** Deletes expired deduplication records of a topic (called now and then by publishers). */
    public void purgeDedup(Connection c, String topicArn, long now) throws SQLException {
        Sql.update(c, "DELETE FROM sns_dedup WHERE topic_arn = ? AND expires_at <= ?", topicArn, now);
    }

    /** Increments and returns the topic's sequence number. */
    public long nextSequence(Connection c, String topicArn) throws SQLException {
        Sql.update(c, "UPDATE sns_topics SET seq = seq + 1 WHERE arn = ?", topicArn);
        return Sql.one(c, "SELECT seq FROM sns_topics WHERE arn = ?", rs -> rs.getLong(1), topicArn).orElse(0L);
    }

    // ---- subscriptions ----

    public void insertSubscription(SubscriptionRecord s) {
        db.write(c -> {
            insertSubscription(c, s);
            return null;
        });
    }

    public void insertSubscription(Connection c, SubscriptionRecord s) throws SQLException {
        Sql.update(c, "INSERT INTO sns_subscriptions (arn, topic_arn, account, region, owner, "
                + "protocol, endpoint, attributes, pending, token, token_expires_at, authenticated, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s.arn(), s.topicArn(), s.account(), s.region(), s.owner(),
                s.protocol().wire(), s.endpoint(), StoreJson.write(s.attributes()), s.pending(), s.token(), s.tokenExpiresAt(),
                s.authenticated(), s.createdAt());
    }

    public Optional<SubscriptionRecord> findSubscription(String arn) {
        return db.read(c -> Sql.one(c, "SELECT * FROM sns_subscriptions WHERE arn = ?", TopicStore::subscription, arn));
    }

    public Optional<SubscriptionRecord> findByToken(String token) {
        return db.read(c -> Sql.one(c, "SELECT * FROM sns_subscriptions WHERE token = ?", TopicStore::subscription, token));
    }

    public Optional<SubscriptionRecord> findByEndpoint(String topicArn, Protocol protocol, String endpoint) {
        return db.read(c -> Sql.one(c, "SELECT * FROM sns_subscriptions WHERE topic_arn = ? AND protocol = ? AND endpoint = ?",
                TopicStore::subscription, topicArn, protocol.wire(), endpoint));
    }

    /** A topic's subscriptions by ARN after {@code afterArn}. */
    public List<SubscriptionRecord> listByTopic(String topicArn, String afterArn, int limit) {
        return db.read(c -> Sql.list(c, "SELECT * FROM sns_subscriptions WHERE topic_arn = ? AND arn > ? ORDER BY arn LIMIT ?",
                TopicStore::subscription, topicArn, afterArn == null ? "" : afterArn, limit));
    }

    /** Subscriptions in a region that the account owns or whose topic it owns. */
    public List<SubscriptionRecord> listForAccount(String account, String region, String afterArn, int limit) {
        return db.read(c -> Sql.list(c,
                "SELECT * FROM sns_subscriptions WHERE region = ? AND (owner = ? OR account = ?) AND arn > ? ORDER BY arn LIMIT ?",
                TopicStore::subscription, region, account, account, afterArn == null ? "" : afterArn, limit));
    }

    /** Confirmed subscriptions of a topic: who a publish goes to. */
    public List<SubscriptionRecord> confirmedOf(String topicArn) {
        return db.read(c -> Sql.list(c, "SELECT * FROM sns_subscriptions WHERE topic_arn = ? AND pending = 0 ORDER BY created_at, arn LIMIT ?",
                TopicStore::subscription, topicArn, Integer.MAX_VALUE));
    }

    public long countFilterPolicies(String topicArn) {
        return db.read(c -> Sql.one(c, "SELECT COUNT(*) FROM sns_subscriptions WHERE topic_arn = ? AND attributes LIKE '%\"FilterPolicy\"%'",
                rs -> rs.getLong(1), topicArn).orElseThrow());
    }

    public void updateSubscriptionAttributes(String arn, Map<String, String> attributes) {
        db.write(c -> Sql.update(c, "UPDATE sns_subscriptions SET attributes = ? WHERE arn = ?", StoreJson.write(attributes), arn));
    }

    /** Issues a new confirmation token for a pending subscription. */
    public void updateToken(Connection c, String arn, String token, long expiresAt) throws SQLException {
        Sql.update(c, "UPDATE sns_subscriptions SET token = ?, token_expires_at = ? WHERE arn = ?", token, expiresAt, arn);
    }

    public void confirm(String arn, boolean authenticated) {
        db.write(c -> Sql.update(c, "UPDATE sns_subscriptions SET pending = 0, authenticated = ? WHERE arn = ?", authenticated, arn));
    }

    /** Deletes a subscription inside the caller's transaction, counting it on its topic. */
    public boolean deleteSubscription(Connection c, SubscriptionRecord s) throws SQLException {
        if (Sql.update(c, "DELETE FROM sns_subscriptions WHERE arn = ?", s.arn()) == 0) {
            return false;
        }
        Sql.update(c, "UPDATE sns_topics SET subs_deleted = subs_deleted + 1 WHERE arn = ?", s.topicArn());
        return true;
    }

    private static SubscriptionRecord subscription(ResultSet rs) throws SQLException {
        return new SubscriptionRecord(rs.getString("arn"), rs.getString("topic_arn"), rs.getString("account"), rs.getString("region"),
                rs.getString("owner"), Protocol.parse(rs.getString("protocol")), rs.getString("endpoint"),
                StoreJson.read(rs.getString("attributes")), rs.getInt("pending") == 1, rs.getString("token"),
                rs.getLong("token_expires_at"), rs.getInt("authenticated") == 1, rs.getLong("created_at"));
    }
}
