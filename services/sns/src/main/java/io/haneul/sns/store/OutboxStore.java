package io.haneul.sns.store;

import io.haneul.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sns_outbox (account, region, protocol, target, message_id, "
                + "topic_arn, subscription_arn, subject, message, attributes, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.account());
            ps.setString(2, e.region());
            ps.setString(3, e.protocol());
            ps.setString(4, e.target());
            ps.setString(5, e.messageId());
            ps.setString(6, e.topicArn());
            ps.setString(7, e.subscriptionArn());
            ps.setString(8, e.subject());
            ps.setString(9, e.message());
            ps.setString(10, e.attributes());
            ps.setString(11, e.kind());
            ps.setLong(12, e.createdAt());
            ps.executeUpdate();
        }
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
            List<String> args = new ArrayList<>();
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
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setLong(1, afterId);
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 2, args.get(i));
                }
                ps.setInt(args.size() + 2, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong("id"), rs.getString("account"), rs.getString("region"), rs.getString("protocol"),
                                rs.getString("target"), rs.getString("message_id"), rs.getString("topic_arn"),
                                rs.getString("subscription_arn"), rs.getString("subject"), rs.getString("message"),
                                rs.getString("attributes"), rs.getString("kind"), rs.getLong("created_at")));
                    }
                }
                return out;
            }
        });
    }

    /** Deletes entries (of one protocol when given); returns how many. */
    public int clear(String protocol) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(protocol == null ? "DELETE FROM sns_outbox"
                    : "DELETE FROM sns_outbox WHERE protocol = ?")) {
                if (protocol != null) {
                    ps.setString(1, protocol);
                }
                return ps.executeUpdate();
            }
        });
    }
}
