package io.haneul.sqs.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements that make PostgreSQL's cost per message small: each is one round trip whatever the
 * number of messages it handles (arrays bound as parameters, so the text never changes and the
 * server keeps it prepared), where a row-at-a-time loop would cost a round trip, a parse and an
 * executor start per message. SQLite, in process, needs none of this and keeps the simple loops.
 */
final class PostgresMessageStatements {

    private PostgresMessageStatements() {
    }

    private static final String INSERT_ALL = "INSERT INTO sqs_messages (queue_id, message_id, body, attributes, md5_body, "
            + "md5_attributes, md5_system, sent_at, visible_at, group_id, dedup_id, sender_id, retention_base) "
            + "SELECT ?, u.message_id, u.body, u.attributes, u.md5_body, u.md5_attributes, u.md5_system, u.sent_at, u.visible_at, "
            + "u.group_id, u.dedup_id, u.sender_id, u.sent_at "
            + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], "
            + "?::text[], ?::text[]) WITH ORDINALITY AS u(message_id, body, attributes, md5_body, md5_attributes, md5_system, "
            + "sent_at, visible_at, group_id, dedup_id, sender_id, ord) "
            + "WHERE EXISTS (SELECT 1 FROM sqs_queues WHERE id = ?) ORDER BY u.ord";

    /**
     * Inserts a standard queue's messages (no sequence number, no source queue) in one statement, in
     * order (row ids follow the list), only while the queue exists.
     *
     * @return the rows inserted: all of them, or 0 when the queue does not exist
     */
    static int insertAll(Connection c, long queueId, List<NewMessage> messages) throws SQLException {
        int n = messages.size();
        String[] messageIds = new String[n];
        String[] bodies = new String[n];
        String[] attributes = new String[n];
        String[] md5Bodies = new String[n];
        String[] md5Attributes = new String[n];
        String[] md5System = new String[n];
        Long[] sentAt = new Long[n];
        Long[] visibleAt = new Long[n];
        String[] groupIds = new String[n];
        String[] dedupIds = new String[n];
        String[] senders = new String[n];
        for (int i = 0; i < n; i++) {
            NewMessage m = messages.get(i);
            messageIds[i] = m.messageId();
            bodies[i] = m.body();
            attributes[i] = m.attributesJson();
            md5Bodies[i] = m.md5Body();
            md5Attributes[i] = m.md5Attributes();
            md5System[i] = m.md5System();
            sentAt[i] = m.sentAt();
            visibleAt[i] = m.visibleAt();
            groupIds[i] = m.groupId();
            dedupIds[i] = m.dedupId();
            senders[i] = m.senderId();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ALL)) {
            int i = 1;
            ps.setLong(i++, queueId);
            for (Object[] column : new Object[][] {messageIds, bodies, attributes, md5Bodies, md5Attributes, md5System}) {
                ps.setArray(i++, c.createArrayOf("text", column));
            }
            ps.setArray(i++, c.createArrayOf("int8", sentAt));
            ps.setArray(i++, c.createArrayOf("int8", visibleAt));
            for (Object[] column : new Object[][] {groupIds, dedupIds, senders}) {
                ps.setArray(i++, c.createArrayOf("text", column));
            }
            ps.setLong(i, queueId);
            return ps.executeUpdate();
        }
    }

    /**
     * Deletes the messages named by (row id, message id) pairs in one statement; a negative row id is
     * an entry to skip.
     *
     * @return per entry, whether it deleted its row (a row named twice counts for its first entry)
     */
    static boolean[] deleteAll(Connection c, long queueId, long[] rowIds, String[] messageIds) throws SQLException {
        List<Long> ids = new ArrayList<>(rowIds.length);
        List<String> mids = new ArrayList<>(rowIds.length);
        for (int i = 0; i < rowIds.length; i++) {
            if (rowIds[i] >= 0) {
                ids.add(rowIds[i]);
                mids.add(messageIds[i]);
            }
        }
        Set<String> deleted = new HashSet<>(); // "id message-id" of each row deleted
        if (!ids.isEmpty()) {
            // id = ANY(array) keeps the plan a primary-key probe per entry whatever the planner guesses of the arrays
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sqs_messages WHERE id = ANY(?::bigint[]) AND queue_id = ? "
                    + "AND (id, message_id) IN (SELECT * FROM unnest(?::bigint[], ?::text[])) RETURNING id, message_id")) {
                java.sql.Array idArray = c.createArrayOf("int8", ids.toArray());
                ps.setArray(1, idArray);
                ps.setLong(2, queueId);
                ps.setArray(3, idArray);
                ps.setArray(4, c.createArrayOf("text", mids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deleted.add(rs.getLong(1) + " " + rs.getString(2));
                    }
                }
            }
        }
        boolean[] done = new boolean[rowIds.length];
        for (int i = 0; i < rowIds.length; i++) {
            done[i] = rowIds[i] >= 0 && deleted.remove(rowIds[i] + " " + messageIds[i]);
        }
        return done;
    }

    /** One row of a {@link #leasePage}: the message as locked (before the lease), and whether it was leased. */
    record PageRow(StoredMessage message, boolean leased) {
    }

    /** The lease statement by LIMIT (1 to 10, what a receive asks), built once. */
    private static final String[] LEASE_PAGE = java.util.stream.IntStream.rangeClosed(0, 10)
            .mapToObj(PostgresMessageStatements::leasePageSql).toArray(String[]::new);

    /**
     * The LIMIT is written into the text, not bound: with a bound LIMIT the planner's generic plan
     * assumes a tenth of the table and loses to a fresh custom plan, so PostgreSQL planned the
     * statement again on every execution (pg_stat_statements: one planning per call).
     */
    private static String leasePageSql(int limit) {
        return "WITH picked AS (SELECT " + SqlQueueStore.MESSAGE_COLUMNS + " FROM sqs_messages "
                + "WHERE queue_id = ? AND visible_at <= ? AND (visible_at > ? OR (visible_at = ? AND id > ?)) "
                + "ORDER BY visible_at, id LIMIT " + limit + " FOR UPDATE SKIP LOCKED), "
                + "leased AS (UPDATE sqs_messages SET visible_at = ?, receive_count = receive_count + 1, "
                + "first_receive_at = CASE WHEN first_receive_at = 0 THEN ? ELSE first_receive_at END, nonce = ?, received_at = ? "
                + "WHERE id = ANY(ARRAY(SELECT id FROM picked WHERE retention_base > ? AND receive_count < ?)) RETURNING id) "
                + "SELECT p.*, p.id IN (SELECT id FROM leased) FROM picked p ORDER BY p.visible_at, p.id";
    }

    /**
     * A standard queue's receive page in one statement: locks (skipping rows other receives hold) up
     * to {@code limit} receivable messages after the keyset position ({@code afterVisible},
     * {@code afterId}) and leases, in the same statement, those neither past retention nor due for
     * the dead-letter queue; the caller deals with the others. The locked rows are read once, so
     * the lease decision and the rows returned agree; the lease finds them by {@code id = ANY(ARRAY(…))},
     * which the planner always makes primary-key probes (a join with the CTE could become a scan
     * of the table once the statement's plan is generic).
     *
     * @param retainedAfter     a message whose retention base is at or before this has expired
     * @param deadLetterAt      receive count at which a message goes to the dead-letter queue instead
     *                          ({@code Integer.MAX_VALUE}: never)
     * @return the locked rows in receive order, as they were before the lease
     */
    static List<PageRow> leasePage(Connection c, long queueId, long now, long afterVisible, long afterId, int limit,
                                   long visibleUntil, long nonce, long retainedAfter, int deadLetterAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(limit < LEASE_PAGE.length ? LEASE_PAGE[limit] : leasePageSql(limit))) {
            int i = 1;
            ps.setLong(i++, queueId);
            ps.setLong(i++, now);
            ps.setLong(i++, afterVisible);
            ps.setLong(i++, afterVisible);
            ps.setLong(i++, afterId);
            ps.setLong(i++, visibleUntil);
            ps.setLong(i++, now);
            ps.setLong(i++, nonce);
            ps.setLong(i++, now);
            ps.setLong(i++, retainedAfter);
            ps.setInt(i, deadLetterAt);
            List<PageRow> rows = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PageRow(SqlQueueStore.message(rs), rs.getBoolean(19)));
                }
            }
            return rows;
        }
    }
}
