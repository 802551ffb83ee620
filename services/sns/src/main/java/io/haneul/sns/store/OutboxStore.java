package io.haneul.sns.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliveries that have no carrier in Haneul (SMS, email until SES exists, mobile push, Lambda and
 * Firehose until those exist), kept so that tests and users can read what would have been sent.
 */
public final class OutboxStore {

    /**
     * One recorded delivery.
     *
     * @param kind Notification, SubscriptionConfirmation, UnsubscribeConfirmation, or Sms (a direct
     *             Publish to a phone number), Push (a direct Publish to an endpoint), Verification
     */
    public record Entry(long id, String account, String region, String protocol, String target, String messageId,
                        String topicArn, String subscriptionArn, String subject, String message, String attributes,
                        String kind, long createdAt) {
    }

    private final Database db;

    public OutboxStore(Database db) {
        this.db = db;
        db.migrate("sns", SnsSchema.migrations());
    }

    public void insert(Connection c, Entry e) throws SQLException {
        Sql.update(c, "INSERT INTO sns_outbox (account, region, protocol, target, message_id, "
                + "topic_arn, subscription_arn, subject, message, attributes, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.account(), e.region(), e.protocol(), e.target(), e.messageId(), e.topicArn(), e.subscriptionArn(), e.subject(),
                e.message(), e.attributes(), e.kind(), e.createdAt());
    }

    public void insert(Entry e) {
        db.write(c -> {
            insert(c, e);
            return null;
        });
    }

    /** Entries in the order recorded, optionally of one protocol and/or target, after id {@code afterId}. */
    public List<Entry> list(String protocol, String target, String account, long afterId, int limit) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT * FROM sns_outbox WHERE id > ?");
            List<Object> args = new ArrayList<>();
            args.add(afterId);
            if (protocol != null) {
                sql.append(" AND protocol = ?");
                args.add(protocol);
            }
            if (target != null) {
                sql.append(" AND target = ?");
                args.add(target);
            }
            if (account != null) {
                sql.append(" AND account = ?");
                args.add(account);
            }
            sql.append(" ORDER BY id LIMIT ?");
            args.add(limit);
            return Sql.list(c, sql.toString(), rs -> new Entry(rs.getLong("id"), rs.getString("account"), rs.getString("region"),
                    rs.getString("protocol"), rs.getString("target"), rs.getString("message_id"), rs.getString("topic_arn"),
                    rs.getString("subscription_arn"), rs.getString("subject"), rs.getString("message"), rs.getString("attributes"),
                    rs.getString("kind"), rs.getLong("created_at")), args.toArray());
        });
    }

    /** Deletes entries (of one protocol, of one account, when given); returns how many. */
    public int clear(String protocol, String account) {
        return db.write(c -> {
            StringBuilder sql = new StringBuilder("DELETE FROM sns_outbox WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            if (protocol != null) {
                sql.append(" AND protocol = ?");
                args.add(protocol);
            }
            if (account != null) {
                sql.append(" AND account = ?");
                args.add(account);
            }
            return Sql.update(c, sql.toString(), args.toArray());
        });
    }
}
