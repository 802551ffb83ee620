package io.haneul.sqs.store;

import io.haneul.storage.Database;
import io.haneul.storage.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Message move tasks and the moving itself: messages leave the dead-letter queue and enter their
 * destination in one transaction, so a crash never loses or duplicates one.
 */
public final class MoveTaskStore {

    private final Database db;
    private final boolean postgres;

    public MoveTaskStore(Database db) {
        this.db = db;
        this.postgres = db.dialect() == Dialect.POSTGRES;
    }

    public void insert(MoveTaskRecord t) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sqs_move_tasks (handle, account, region, source_arn, "
                    + "destination_arn, rate, status, moved, to_move, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
                ps.setString(1, t.handle());
                ps.setString(2, t.account());
                ps.setString(3, t.region());
                ps.setString(4, t.sourceArn());
                ps.setString(5, t.destinationArn());
                ps.setObject(6, t.rate());
                ps.setString(7, t.status());
                ps.setLong(8, t.toMove());
                ps.setLong(9, t.startedAt());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<MoveTaskRecord> find(String handle) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sqs_move_tasks WHERE handle = ?")) {
                ps.setString(1, handle);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(task(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Tasks of a source queue, newest first. */
    public List<MoveTaskRecord> bySource(String sourceArn, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM sqs_move_tasks WHERE source_arn = ? ORDER BY started_at DESC LIMIT ?")) {
                ps.setString(1, sourceArn);
                ps.setInt(2, limit);
                List<MoveTaskRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(task(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Sets the status if the task is currently in {@code expected}; false otherwise. */
    public boolean transition(String handle, String expected, String status, String failure) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sqs_move_tasks SET status = ?, failure = ? WHERE handle = ? AND status = ?")) {
                ps.setString(1, status);
                ps.setString(2, failure);
                ps.setString(3, handle);
                ps.setString(4, expected);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Moves up to {@code max} receivable messages out of {@code source}; {@code destination} picks
     * each message's target queue (empty: the message stays). Counts them on the task.
     */
    public int move(String handle, QueueRecord source, Function<StoredMessage, Optional<QueueRecord>> destination, int max, long now) {
        return db.write(c -> {
            List<StoredMessage> batch = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SqlQueueStore.MESSAGE_COLUMNS
                    + " FROM sqs_messages WHERE queue_id = ? AND visible_at <= ? ORDER BY id LIMIT ?"
                    + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))) {
                ps.setLong(1, source.id());
                ps.setLong(2, now);
                ps.setInt(3, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batch.add(SqlQueueStore.message(rs));
                    }
                }
            }
            int moved = 0;
            for (StoredMessage m : batch) {
                Optional<QueueRecord> target = destination.apply(m);
                if (target.isEmpty()) {
                    continue;
                }
                moveOne(c, m, target.get(), now);
                moved++;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE sqs_move_tasks SET moved = moved + ? WHERE handle = ?")) {
                ps.setInt(1, moved);
                ps.setString(2, handle);
                ps.executeUpdate();
            }
            return moved;
        });
    }

    private static void moveOne(Connection c, StoredMessage m, QueueRecord target, long now) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM sqs_messages WHERE id = ?")) {
            del.setLong(1, m.rowId());
            del.executeUpdate();
        }
        SqlQueueStore.insertMessage(c, target.id(), m.messageId(), m.body(), m.attributesJson(), m.md5Body(), m.md5Attributes(),
                m.md5System(), m.sentAt(), now, m.groupId(), m.dedupId(), null, m.senderId(), null, target.fifo() ? now : m.retentionBase());
    }

    private static MoveTaskRecord task(ResultSet rs) throws SQLException {
        Object rate = rs.getObject("rate");
        return new MoveTaskRecord(rs.getString("handle"), rs.getString("account"), rs.getString("region"),
                rs.getString("source_arn"), rs.getString("destination_arn"), rate == null ? null : ((Number) rate).intValue(),
                rs.getString("status"), rs.getLong("moved"), rs.getLong("to_move"), rs.getLong("started_at"), rs.getString("failure"));
    }
}
