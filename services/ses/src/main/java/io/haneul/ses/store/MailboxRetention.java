package io.haneul.ses.store;

import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops the oldest captured messages when the mailbox holds more than its {@link MailboxLimits}, in
 * the transaction that inserted the newest (so SQLite and PostgreSQL, one node or several, apply
 * the same rule). Sizes are read with {@code LENGTH(raw)}, which both engines answer from the
 * row's header without reading the message bytes. The newest message is always kept.
 */
final class MailboxRetention {

    private final MailboxLimits limits;
    private final AtomicLong inserts = new AtomicLong();

    MailboxRetention(MailboxLimits limits) {
        this.limits = limits;
    }

    /** Called after each insert; trims when a check is due. */
    void afterInsert(Connection c, long rawBytes) throws SQLException {
        if (limits.due(inserts.incrementAndGet(), rawBytes)) {
            trim(c);
        }
    }

    /** Deletes the oldest messages until both limits hold; returns how many went. */
    int trim(Connection c) throws SQLException {
        long[] totals = Sql.one(c, "SELECT COUNT(*), COALESCE(SUM(LENGTH(raw)), 0) FROM ses_messages",
                rs -> new long[]{rs.getLong(1), rs.getLong(2)}).orElseThrow();
        long extraMessages = totals[0] - limits.maxMessages();
        long extraBytes = totals[1] - limits.maxBytes();
        if (extraMessages <= 0 && extraBytes <= 0) {
            return 0;
        }
        long lastDropped = -1;
        long dropped = 0;
        long freed = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, LENGTH(raw) FROM ses_messages ORDER BY seq LIMIT ?")) {
            ps.setLong(1, totals[0] - 1);
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while ((dropped < extraMessages || freed < extraBytes) && rs.next()) {
                    lastDropped = rs.getLong(1);
                    freed += rs.getLong(2);
                    dropped++;
                }
            }
        }
        return lastDropped < 0 ? 0 : Sql.update(c, "DELETE FROM ses_messages WHERE seq <= ?", lastDropped);
    }
}
