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
    static final String MESSAGE_COLUMNS = "id, message_id, body, attributes, md5_body, md5_attributes, md5_system, "
            + "sent_at, visible_at, receive_count, first_receive_at, nonce, group_id, dedup_id, sequence_number, "
            + "sender_id, source_arn, retention_base";

    /** First key of the PostgreSQL advisory lock that serialises FIFO receives; the second is the queue id. */
    private static final int FIFO_RECEIVE_LOCK = 0x53515346; // "SQSF"

    /** How long a queue row is served from the cache by default (see {@link QueueCache}). */
    public static final long DEFAULT_CACHE_MILLIS = 1_000;

    private final QueueCache cache;
    private final Database db;
    private final ObjectMapper json = new ObjectMapper();
    private final boolean postgres;

    /** The durable job that removes what a deleted queue left behind (see {@link #sweepDeleted}). */
    static final String SWEEP_JOB = "sqs.sweep-deleted-queue";
    /** How long after a DeleteQueue the sweep runs: sends that were committing meanwhile have ended by then. */
    static final long SWEEP_DELAY_MS = 5_000;

    private final io.haneul.storage.DurableScheduler scheduler;
    /** The shared database's notifier (PostgreSQL), or null. */
    private final io.haneul.storage.Notifier notifier;
    /** PostgreSQL: concurrent sends to one standard queue share one INSERT and its commit. */
    private final io.haneul.storage.WriteCoalescer<Long, NewMessage, Boolean> standardSends;
    /** PostgreSQL: concurrent single deletes from one queue share one DELETE and its commit. */
    private final io.haneul.storage.WriteCoalescer<Long, MessageRef, Boolean> singleDeletes;

    public SqlQueueStore(Database db) {
        this(db, DEFAULT_CACHE_MILLIS, null);
    }

    /**
     * @param cacheMillis how long a queue row may be served from memory when no change was announced
     * @param scheduler   runs the sweep of deleted queues' leftovers; null: no sweep (tests of the store alone)
     */
    public SqlQueueStore(Database db, long cacheMillis, io.haneul.storage.DurableScheduler scheduler) {
        this.db = db;
        this.postgres = db.dialect() == Dialect.POSTGRES;
        db.migrate("sqs", SqsSchema.migrations());
        this.notifier = postgres ? db.notifier() : null;
        this.cache = new QueueCache(cacheMillis * 1_000_000L, notifier);
        this.standardSends = new io.haneul.storage.WriteCoalescer<>((queueId, messages) -> db.writeStatement(c -> {
            // one statement, its own transaction, one round trip; all of it or nothing (the queue exists or not)
            int inserted = messages.size() == 1 ? insertMessage(c, queueId, messages.getFirst())
                    : PostgresMessageStatements.insertAll(c, queueId, messages);
            if (inserted == 0) {
                throw new QueueGoneException(queueId);
            }
            return java.util.Collections.nCopies(messages.size(), Boolean.TRUE);
        }));
        this.singleDeletes = new io.haneul.storage.WriteCoalescer<>((queueId, refs) -> db.writeStatement(c -> {
            if (refs.size() == 1) {
                return List.of(deleteIn(c, queueId, refs.getFirst().rowId(), refs.getFirst().messageId()));
            }
            long[] rowIds = refs.stream().mapToLong(MessageRef::rowId).toArray();
            String[] messageIds = refs.stream().map(MessageRef::messageId).toArray(String[]::new);
            boolean[] done = PostgresMessageStatements.deleteAll(c, queueId, rowIds, messageIds);
            List<Boolean> out = new ArrayList<>(done.length);
            for (boolean d : done) {
                out.add(d);
            }
            return out;
        }));
        this.scheduler = scheduler;
        if (scheduler != null) {
            scheduler.register(SWEEP_JOB, job -> sweepDeleted(Long.parseLong(job.payload())));
        }
    }

    // ---- queues ----

    /**
     * The queue of that name, served from the {@link QueueCache}: this node's changes and (on
     * PostgreSQL) other nodes' announced ones are seen at once; an unannounced one within the
     * cache's lifetime (AWS documents up to 60 seconds for attribute changes to propagate).
     */
    public Optional<QueueRecord> find(String account, String region, String name) {
        return cache.get(account, region, name, () -> db.read(c -> findIn(c, account, region, name)));
    }

    private void invalidate(String account, String region, String name) {
        cache.changed(account, region, name);
    }

    private void invalidate(long queueId) {
        cache.changed(queueId);
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
        try {
            return createIn(account, region, name, fifo, attributes, tags, now, deletedSince);
        } finally {
            invalidate(account, region, name);
        }
    }

    private Optional<Created> createIn(String account, String region, String name, boolean fifo,
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
        invalidate(queueId);
    }

    public void updateTags(long queueId, Map<String, String> tags) {
        update("UPDATE sqs_queues SET tags = ? WHERE id = ?", toJson(tags), queueId);
        invalidate(queueId);
    }

    /**
     * Deletes the queue and its messages. The queue row goes first, so that sends that commit after
     * this transaction find it gone (their insert checks it exists); a send that committed while it
     * ran may leave a row behind, which {@link #sweepDeleted} removes later.
     */
    public void delete(QueueRecord q, long now) {
        db.write(c -> {
            exec(c, "DELETE FROM sqs_queues WHERE id = ?", q.id());
            exec(c, "DELETE FROM sqs_messages WHERE queue_id = ?", q.id());
            exec(c, "DELETE FROM sqs_dedup WHERE queue_id = ?", q.id());
            exec(c, "DELETE FROM sqs_receive_attempts WHERE queue_id = ?", q.id());
            exec(c, "DELETE FROM sqs_deleted_queues WHERE account = ? AND region = ? AND name = ?", q.account(), q.region(), q.name());
            exec(c, "INSERT INTO sqs_deleted_queues (account, region, name, deleted_at) VALUES (?, ?, ?, ?)",
                    q.account(), q.region(), q.name(), now);
            if (scheduler != null) {
                scheduler.schedule(c, SWEEP_JOB, Long.toString(q.id()), Long.toString(q.id()),
                        java.time.Instant.ofEpochMilli(now + SWEEP_DELAY_MS));
            }
            return null;
        });
        invalidate(q.account(), q.region(), q.name());
    }

    /**
     * Removes what is left of a deleted queue (message, deduplication and receive-attempt rows a
     * concurrent send or receive wrote while the queue was being deleted); nothing when the queue
     * id still exists.
     *
     * @return the message rows removed
     */
    public int sweepDeleted(long queueId) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqs_queues WHERE id = ?")) {
                ps.setLong(1, queueId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return 0;
                    }
                }
            }
            int removed = exec(c, "DELETE FROM sqs_messages WHERE queue_id = ?", queueId);
            exec(c, "DELETE FROM sqs_dedup WHERE queue_id = ?", queueId);
            exec(c, "DELETE FROM sqs_receive_attempts WHERE queue_id = ?", queueId);
            return removed;
        });
    }

    /** Queues of an account and region, by name, starting after {@code afterName}. */
    public List<QueueRecord> list(String account, String region, String prefix, String afterName, int limit) {
        return db.read(c -> {
            // A literal, case-sensitive prefix (SQLite's LIKE ignores case), on both dialects.
            String p = prefix == null ? "" : prefix;
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sqs_queues WHERE account = ? AND region = ? "
                    + "AND name > ? AND substr(name, 1, ?) = ? ORDER BY name LIMIT ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                ps.setString(3, afterName == null ? "" : afterName);
                ps.setInt(4, p.length());
                ps.setString(5, p);
                ps.setInt(6, limit);
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
                        QueueRecord q = queue(rs);
                        // The LIKE only narrows: keep queues whose RedrivePolicy targets exactly this ARN
                        // (not a Policy naming it, nor a longer ARN it is a prefix of).
                        if (dlqArn.equals(redriveTarget(q.attributes().get("RedrivePolicy")))) {
                            out.add(q);
                        }
                    }
                }
                return out;
            }
        });
    }

    private String redriveTarget(String redrivePolicy) {
        if (redrivePolicy == null) {
            return null;
        }
        try {
            return json.readTree(redrivePolicy).path("deadLetterTargetArn").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
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
     * Enqueues messages in order in one transaction (then call {@link QueueWakeups#messageArrived}).
     * FIFO messages get sequence numbers from the queue's counter; a FIFO message whose dedup key was
     * seen within the window is reported as a duplicate and not enqueued. On PostgreSQL a standard
     * queue's batch is one statement, shared with the sends to that queue that run at the same time.
     */
    public List<SendOutcome> send(QueueRecord q, List<NewMessage> messages, long dedupWindowMs) {
        try {
            return sendIn(q, messages, dedupWindowMs);
        } catch (QueueGoneException e) {
            invalidate(q.account(), q.region(), q.name());
            throw e;
        }
    }

    private List<SendOutcome> sendIn(QueueRecord q, List<NewMessage> messages, long dedupWindowMs) {
        if (postgres && !q.fifo()) {
            // one INSERT, whatever the number of messages, shared with concurrent sends to the queue
            standardSends.write(q.id(), messages);
            List<SendOutcome> out = new ArrayList<>(messages.size());
            for (NewMessage m : messages) {
                out.add(new SendOutcome(m.messageId(), null, false));
            }
            return out;
        }
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
            if (postgres) {
                // Serialise FIFO sends per queue before the deduplication check, so that a concurrent
                // send with the same key (on this node or another) commits first and is seen here.
                // The lock mode is the one the seq update below takes, so it is never upgraded.
                lock(c, "SELECT id FROM sqs_queues WHERE id = ? FOR NO KEY UPDATE", q.id());
            }
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
                    if (!rs.next()) {
                        throw new QueueGoneException(q.id());
                    }
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
        if (insertMessage(c, q.id(), m, sequence) == 0) {
            // the queue was deleted after the caller looked it up (on another node, or concurrently)
            throw new QueueGoneException(q.id());
        }
        return new SendOutcome(m.messageId(), sequence, false);
    }

    /** Inserts a standard queue's message as sent (see the general form below). */
    private static int insertMessage(Connection c, long queueId, NewMessage m) throws SQLException {
        return insertMessage(c, queueId, m, null);
    }

    private static int insertMessage(Connection c, long queueId, NewMessage m, String sequence) throws SQLException {
        return insertMessage(c, queueId, m.messageId(), m.body(), m.attributesJson(), m.md5Body(), m.md5Attributes(), m.md5System(),
                m.sentAt(), m.visibleAt(), m.groupId(), m.dedupId(), sequence, m.senderId(), m.sourceArn(), m.sentAt());
    }

    /**
     * Inserts one message row (a send, or a message moved into another queue: no sequence number or
     * source then), only while the queue exists: the existence check is a primary-key probe in the
     * same statement, so a node whose cached queue row is stale cannot write into a deleted queue.
     *
     * @return 1, or 0 when the queue does not exist
     */
    static int insertMessage(Connection c, long queueId, String messageId, String body, String attributesJson, String md5Body,
                              String md5Attributes, String md5System, long sentAt, long visibleAt, String groupId, String dedupId,
                              String sequence, String senderId, String sourceArn, long retentionBase) throws SQLException {
        return io.haneul.storage.Sql.update(c, "INSERT INTO sqs_messages (queue_id, message_id, body, attributes, md5_body, md5_attributes, "
                        + "md5_system, sent_at, visible_at, group_id, dedup_id, sequence_number, sender_id, source_arn, retention_base) "
                        + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sqs_queues WHERE id = ?)",
                queueId, messageId, body, attributesJson, md5Body, md5Attributes, md5System, sentAt, visibleAt, groupId, dedupId,
                sequence, senderId, sourceArn, retentionBase, queueId);
    }

    /** Decides, inside the receive transaction, what happens to each candidate. */
    public interface ReceivePlan {
        /** Chooses which candidates (in order) to hand out; the rest stay untouched. FIFO queues only. */
        List<StoredMessage> choose(List<StoredMessage> candidates, java.util.Set<String> groupsInFlight);

        /**
         * The receive count at which a message moves to the dead-letter queue instead of being handed
         * out (the redrive policy's maxReceiveCount), or {@code Integer.MAX_VALUE}.
         */
        int maxReceiveCount();

        /**
         * True when the caller, at {@code now}, waits for a message if none is receivable (a long
         * poll with time left): only then does an empty receive also read when the next invisible
         * message becomes visible.
         */
        boolean waits(long now);
    }

    /**
     * What one receive did: messages handed out, messages moved to the DLQ, and when nothing was
     * handed out to a caller that {@link ReceivePlan#waits waits}, when the next invisible message becomes
     * receivable ({@code Long.MAX_VALUE}: none or not asked), read in the same transaction so that
     * a waiting receive needs no second one.
     */
    public record Received(List<StoredMessage> messages, List<StoredMessage> deadLettered, long nextVisibleAt) {
    }

    /**
     * Leases up to {@code max} receivable messages for {@code visibilityMs}: each gets a new nonce
     * (hence a new receipt handle) and a higher receive count. Expired messages found on the way
     * are deleted; messages past maxReceiveCount go to {@code dlq} (if given) instead.
     */
    public Received receive(QueueRecord q, int max, long visibilityMs, long now, long retentionMs, ReceivePlan plan,
                            QueueRecord dlq, java.util.function.LongSupplier nonces) {
        return receive(q, max, visibilityMs, now, retentionMs, plan, dlq, nonces, null, 0);
    }

    /**
     * As {@link #receive(QueueRecord, int, long, long, long, ReceivePlan, QueueRecord, java.util.function.LongSupplier)},
     * and on FIFO queues with a {@code attemptId} (ReceiveRequestAttemptId): a retry within
     * {@code attemptWindowMs} of a receive that handed out messages, none of which was deleted or
     * had its visibility changed since, answers the same messages with the same receipt handles
     * and restarts their visibility timeout.
     */
    public Received receive(QueueRecord q, int max, long visibilityMs, long now, long retentionMs, ReceivePlan plan,
                            QueueRecord dlq, java.util.function.LongSupplier nonces, String attemptId, long attemptWindowMs) {
        boolean attempts = attemptId != null && q.fifo();
        return db.write(c -> {
            if (q.fifo() && postgres) {
                // One FIFO receive per queue at a time, across nodes: SKIP LOCKED alone would let a
                // concurrent receive take later messages of a group whose first ones another
                // receive is handing out but has not committed yet. Each statement below reads a
                // fresh snapshot (READ COMMITTED), so it sees what the previous holder committed.
                lock(c, "SELECT pg_advisory_xact_lock(?, ?)", FIFO_RECEIVE_LOCK, (int) q.id());
            }
            if (attempts) {
                List<StoredMessage> again = replayAttempt(c, q.id(), attemptId, now, visibilityMs);
                if (again != null) {
                    return new Received(again, List.of(), Long.MAX_VALUE);
                }
            }
            if (postgres && !q.fifo()) {
                return receiveStandard(c, q, max, visibilityMs, now, retentionMs, plan, dlq, nonces);
            }
            java.util.Set<String> groupsInFlight = q.fifo() ? groupsInFlight(c, q.id(), now) : java.util.Set.of();
            // On PostgreSQL a standard receive locks (FOR UPDATE SKIP LOCKED) only as many rows as it
            // still needs: rows locked but not leased would be skipped by concurrent receives, which
            // then go back to waiting although those messages are receivable. FIFO receives run one
            // at a time per queue (advisory lock), so they may read ahead.
            boolean exact = postgres && !q.fifo();
            int fetch = q.fifo() ? Math.max(max * 10, 100) : exact ? max : max + 4;
            List<StoredMessage> dead = new ArrayList<>();
            List<StoredMessage> out = new ArrayList<>(max);
            // Pages through the receivable messages in order (keyset on the ORDER BY) until enough are
            // leased or none are left, so expired and dead-lettered messages at the head, and FIFO
            // groups that are blocked, never hide later messages.
            long lastVisible = Long.MIN_VALUE;
            long lastId = Long.MIN_VALUE;
            while (out.size() < max) {
                List<StoredMessage> candidates = new ArrayList<>();
                List<StoredMessage> pageDead = new ArrayList<>();
                int rows = 0;
                try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM sqs_messages WHERE queue_id = ? "
                        + "AND visible_at <= ? AND "
                        + (q.fifo()
                        ? "id > ? AND (group_id IS NULL OR group_id NOT IN (SELECT g.group_id FROM sqs_messages g WHERE g.queue_id = ? "
                        + "AND g.visible_at > ? AND g.receive_count > 0 AND g.group_id IS NOT NULL)) ORDER BY id"
                        : "(visible_at > ? OR (visible_at = ? AND id > ?)) ORDER BY visible_at, id")
                        + " LIMIT ?" + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))) {
                    int i = 1;
                    ps.setLong(i++, q.id());
                    ps.setLong(i++, now);
                    if (q.fifo()) {
                        ps.setLong(i++, lastId);
                        ps.setLong(i++, q.id());
                        ps.setLong(i++, now);
                    } else {
                        ps.setLong(i++, lastVisible);
                        ps.setLong(i++, lastVisible);
                        ps.setLong(i++, lastId);
                    }
                    ps.setInt(i, fetch);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StoredMessage m = message(rs);
                            rows++;
                            lastVisible = m.visibleAt();
                            lastId = m.rowId();
                            if (m.retentionBase() + retentionMs <= now) {
                                exec(c, "DELETE FROM sqs_messages WHERE id = ?", m.rowId());
                            } else if (dlq != null && m.receiveCount() >= plan.maxReceiveCount()) {
                                pageDead.add(m);
                            } else {
                                candidates.add(m);
                            }
                        }
                    }
                }
                for (StoredMessage m : pageDead) {
                    moveToDeadLetterQueue(c, q, dlq, m, now);
                }
                dead.addAll(pageDead);
                List<StoredMessage> chosen = plan.choose(candidates, groupsInFlight);
                int leased = 0;
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
                        leased++;
                        out.add(m.leased(now, now + visibilityMs, nonce));
                    }
                    if (leased > 0) {
                        ps.executeBatch();
                    }
                }
                if (rows < fetch) {
                    break;
                }
                fetch = exact ? max - out.size() : Math.max(fetch, 200);
            }
            if (attempts && !out.isEmpty()) {
                recordAttempt(c, q.id(), attemptId, out, now, now + attemptWindowMs);
            }
            return received(c, q, out, dead, plan, now);
        });
    }

    /** A receive's answer; the next visible time is read only when nothing was leased and the caller waits for it. */
    private Received received(Connection c, QueueRecord q, List<StoredMessage> out, List<StoredMessage> dead, ReceivePlan plan,
                              long now) throws SQLException {
        return new Received(out, dead, out.isEmpty() && plan.waits(now) ? nextVisibleAt(c, q.id(), now) : Long.MAX_VALUE);
    }

    /**
     * A standard queue's receive on PostgreSQL: pages of {@link PostgresMessageStatements#leasePage},
     * each locking and leasing in one statement, until {@code max} are leased or none are left;
     * expired messages met on the way are deleted and those past {@code maxReceiveCount} moved to
     * {@code dlq}, as in the general loop of {@link #receive}. All leased messages of a page share
     * one nonce (receipt handles still differ by row id; a later receive gets a new one).
     */
    private Received receiveStandard(Connection c, QueueRecord q, int max, long visibilityMs, long now, long retentionMs,
                                     ReceivePlan plan, QueueRecord dlq, java.util.function.LongSupplier nonces) throws SQLException {
        List<StoredMessage> out = new ArrayList<>(max);
        List<StoredMessage> dead = new ArrayList<>();
        int deadLetterAt = dlq == null ? Integer.MAX_VALUE : plan.maxReceiveCount();
        long retainedAfter = retentionMs >= now ? Long.MIN_VALUE : now - retentionMs;
        long lastVisible = Long.MIN_VALUE;
        long lastId = Long.MIN_VALUE;
        while (out.size() < max) {
            int fetch = max - out.size();
            long nonce = nonces.getAsLong();
            List<PostgresMessageStatements.PageRow> page = PostgresMessageStatements.leasePage(c, q.id(), now, lastVisible, lastId,
                    fetch, now + visibilityMs, nonce, retainedAfter, deadLetterAt);
            for (PostgresMessageStatements.PageRow row : page) {
                StoredMessage m = row.message();
                lastVisible = m.visibleAt();
                lastId = m.rowId();
                if (row.leased()) {
                    out.add(m.leased(now, now + visibilityMs, nonce));
                } else if (m.retentionBase() <= retainedAfter) {
                    exec(c, "DELETE FROM sqs_messages WHERE id = ?", m.rowId());
                } else if (m.receiveCount() >= deadLetterAt) {
                    moveToDeadLetterQueue(c, q, dlq, m, now);
                    dead.add(m);
                }
            }
            if (page.size() < fetch) {
                break;
            }
        }
        return received(c, q, out, dead, plan, now);
    }

    /**
     * Moves a message that was received too often from {@code q} to its dead-letter queue, inside
     * the receive's transaction: same message id, body and attributes, the source queue's ARN; a
     * standard DLQ keeps the message's retention base and receive counts, a FIFO one restarts its
     * retention period at the move.
     */
    private void moveToDeadLetterQueue(Connection c, QueueRecord q, QueueRecord dlq, StoredMessage m, long now) throws SQLException {
        exec(c, "DELETE FROM sqs_messages WHERE id = ?", m.rowId());
        NewMessage moved = new NewMessage(m.messageId(), m.body(), m.attributesJson(), m.md5Body(), m.md5Attributes(),
                m.md5System(), m.sentAt(), now, m.groupId(), m.dedupId(), null, m.senderId(),
                "arn:aws:sqs:" + q.region() + ":" + q.account() + ":" + q.name());
        sendOne(c, dlq, moved, 0);
        if (!dlq.fifo()) {
            exec(c, "UPDATE sqs_messages SET retention_base = ?, receive_count = ?, first_receive_at = ? "
                    + "WHERE queue_id = ? AND message_id = ?", m.retentionBase(), m.receiveCount(), m.firstReceiveAt(), dlq.id(), m.messageId());
        } else {
            exec(c, "UPDATE sqs_messages SET retention_base = ? WHERE queue_id = ? AND message_id = ?", now, dlq.id(), m.messageId());
        }
    }

    /** The messages of an earlier receive with this attempt id, leased again; null when there is none to replay. */
    private List<StoredMessage> replayAttempt(Connection c, long queueId, String attemptId, long now, long visibilityMs)
            throws SQLException {
        String entries;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT entries FROM sqs_receive_attempts WHERE queue_id = ? AND attempt_id = ? AND expires_at > ?")) {
            ps.setLong(1, queueId);
            ps.setString(2, attemptId);
            ps.setLong(3, now);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                entries = rs.getString(1);
            }
        }
        List<StoredMessage> again = new ArrayList<>();
        for (String entry : entries.split(";")) {
            String[] f = entry.split(":");
            long rowId = Long.parseLong(f[0]);
            long nonce = Long.parseLong(f[1]);
            long visibleAt = Long.parseLong(f[2]);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM sqs_messages WHERE id = ? AND queue_id = ?")) {
                ps.setLong(1, rowId);
                ps.setLong(2, queueId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    StoredMessage m = message(rs);
                    if (m.nonce() != nonce || m.visibleAt() != visibleAt) {
                        return null;
                    }
                    again.add(m);
                }
            }
        }
        List<StoredMessage> out = new ArrayList<>(again.size());
        for (StoredMessage m : again) {
            exec(c, "UPDATE sqs_messages SET visible_at = ? WHERE id = ?", now + visibilityMs, m.rowId());
            out.add(new StoredMessage(m.rowId(), m.messageId(), m.body(), m.attributesJson(), m.md5Body(), m.md5Attributes(),
                    m.md5System(), m.sentAt(), now + visibilityMs, m.receiveCount(), m.firstReceiveAt(), m.nonce(), m.groupId(),
                    m.dedupId(), m.sequenceNumber(), m.senderId(), m.sourceArn(), m.retentionBase()));
        }
        exec(c, "UPDATE sqs_receive_attempts SET entries = ? WHERE queue_id = ? AND attempt_id = ?", attemptEntries(out), queueId, attemptId);
        return out;
    }

    private void recordAttempt(Connection c, long queueId, String attemptId, List<StoredMessage> out, long now, long expiresAt)
            throws SQLException {
        exec(c, "DELETE FROM sqs_receive_attempts WHERE queue_id = ? AND expires_at <= ?", queueId, now);
        exec(c, postgres
                        ? "INSERT INTO sqs_receive_attempts (queue_id, attempt_id, expires_at, entries) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (queue_id, attempt_id) DO UPDATE SET expires_at = EXCLUDED.expires_at, entries = EXCLUDED.entries"
                        : "INSERT OR REPLACE INTO sqs_receive_attempts (queue_id, attempt_id, expires_at, entries) VALUES (?, ?, ?, ?)",
                queueId, attemptId, expiresAt, attemptEntries(out));
    }

    private static String attemptEntries(List<StoredMessage> messages) {
        StringBuilder b = new StringBuilder();
        for (StoredMessage m : messages) {
            if (!b.isEmpty()) {
                b.append(';');
            }
            b.append(m.rowId()).append(':').append(m.nonce()).append(':').append(m.visibleAt());
        }
        return b.toString();
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
        if (postgres) {
            // shared with the single deletes from this queue that run at the same time
            return singleDeletes.write(queueId, List.of(new MessageRef(rowId, messageId))).getFirst();
        }
        return db.writeStatement(c -> deleteIn(c, queueId, rowId, messageId));
    }

    /** One message row as a delete names it. */
    private record MessageRef(long rowId, String messageId) {
    }

    /** Deletes several messages in one transaction (one statement on PostgreSQL); the result says which were present. */
    public boolean[] deleteMessages(long queueId, long[] rowIds, String[] messageIds) {
        if (postgres) {
            return db.writeStatement(c -> PostgresMessageStatements.deleteAll(c, queueId, rowIds, messageIds));
        }
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
        return counts(queueId, now, Long.MAX_VALUE);
    }

    /** The queue's message counts, leaving out messages past {@code retentionMs} (not yet swept). */
    public QueueCounts counts(long queueId, long now, long retentionMs) {
        long expiredAtOrBefore = retentionMs >= now ? Long.MIN_VALUE : now - retentionMs;
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "COALESCE(SUM(CASE WHEN visible_at <= ? THEN 1 ELSE 0 END), 0), "
                    + "COALESCE(SUM(CASE WHEN visible_at > ? AND receive_count > 0 THEN 1 ELSE 0 END), 0), "
                    + "COALESCE(SUM(CASE WHEN visible_at > ? AND receive_count = 0 THEN 1 ELSE 0 END), 0) "
                    + "FROM sqs_messages WHERE queue_id = ? AND retention_base > ?")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setLong(4, queueId);
                ps.setLong(5, expiredAtOrBefore);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new QueueCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    /**
     * Up to {@code limit} of a queue's messages in the order they were sent, whatever their state, read
     * without receiving them (no receive count, no visibility change): the console's peek.
     */
    public List<StoredMessage> peek(long queueId, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM sqs_messages WHERE queue_id = ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, queueId);
                ps.setInt(2, limit);
                List<StoredMessage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(message(rs));
                    }
                }
                return out;
            }
        });
    }

    /** When the next invisible message becomes receivable, or {@code Long.MAX_VALUE}. */
    private static long nextVisibleAt(Connection c, long queueId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(visible_at) FROM sqs_messages WHERE queue_id = ? AND visible_at > ?")) {
            ps.setLong(1, queueId);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                long v = rs.next() ? rs.getLong(1) : 0;
                return v == 0 ? Long.MAX_VALUE : v;
            }
        }
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

    /** Runs a query only for the lock it takes (it may wait for another transaction). */
    private static void lock(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
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

    /** A message row selected with {@link #MESSAGE_COLUMNS}, in that order. */
    static StoredMessage message(ResultSet rs) throws SQLException {
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
