package io.haneul.ses.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the SES tables; JSON documents are opaque strings here. */
public final class SesStore {

    private final Database db;
    private final MailboxRetention retention;

    public SesStore(Database db, MailboxLimits mailbox) {
        this.db = db;
        this.retention = new MailboxRetention(mailbox);
        db.migrate("ses", SesSchema.migrations());
    }

    public Database db() {
        return db;
    }

    /** A stored document. */
    public record Doc(String account, String region, String kind, String name, String body, long createdMs) {
    }

    // ---- documents ----

    public Optional<Doc> get(String account, String region, String kind, String name) {
        return db.read(c -> get(c, account, region, kind, name));
    }

    public Optional<Doc> get(Connection c, String account, String region, String kind, String name) throws SQLException {
        return Sql.one(c, "SELECT body, created_ms FROM ses_resources WHERE account = ? AND region = ? AND kind = ? AND name = ?",
                rs -> new Doc(account, region, kind, name, rs.getString(1), rs.getLong(2)), account, region, kind, name);
    }

    /** The documents of several kinds and names at once: keys are {@code kind + "/" + name}. */
    public Map<String, Doc> getMany(Connection c, String account, String region, Map<String, Collection<String>> namesByKind)
            throws SQLException {
        Map<String, Doc> out = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT kind, name, body, created_ms FROM ses_resources WHERE account = ? AND region = ? AND (");
        List<Object> params = new ArrayList<>();
        params.add(account);
        params.add(region);
        boolean first = true;
        for (Map.Entry<String, Collection<String>> e : namesByKind.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            if (!first) {
                sql.append(" OR ");
            }
            first = false;
            sql.append("(kind = ? AND name IN (").append("?,".repeat(e.getValue().size() - 1)).append("?))");
            params.add(e.getKey());
            params.addAll(e.getValue());
        }
        if (first) {
            return out;
        }
        sql.append(')');
        for (Doc d : Sql.list(c, sql.toString(), rs -> new Doc(account, region, rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4)), params.toArray())) {
            out.put(d.kind() + "/" + d.name(), d);
        }
        return out;
    }

    public List<Doc> list(String account, String region, String kind) {
        return db.read(c -> list(c, account, region, kind));
    }

    public List<Doc> list(Connection c, String account, String region, String kind) throws SQLException {
        return Sql.list(c, "SELECT name, body, created_ms FROM ses_resources WHERE account = ? AND region = ?"
                + " AND kind = ? ORDER BY created_ms, name", rs -> new Doc(account, region, kind, rs.getString(1), rs.getString(2),
                rs.getLong(3)), account, region, kind);
    }

    /** Every document of a kind across accounts and regions (e.g. active receipt rule sets). */
    public List<Doc> listAll(String kind) {
        return db.read(c -> Sql.list(c, "SELECT account, region, name, body, created_ms FROM ses_resources WHERE kind = ?",
                rs -> new Doc(rs.getString(1), rs.getString(2), kind, rs.getString(3), rs.getString(4), rs.getLong(5)), kind));
    }

    /** A document found by kind and name in any account (verification link tokens). */
    public Optional<Doc> findAnywhere(String kind, String name) {
        return db.read(c -> Sql.one(c, "SELECT account, region, body, created_ms FROM ses_resources WHERE kind = ? AND name = ?",
                rs -> new Doc(rs.getString(1), rs.getString(2), kind, name, rs.getString(3), rs.getLong(4)), kind, name));
    }

    public int count(Connection c, String account, String region, String kind) throws SQLException {
        return Sql.one(c, "SELECT COUNT(*) FROM ses_resources WHERE account = ? AND region = ? AND kind = ?", rs -> rs.getInt(1),
                account, region, kind).orElseThrow();
    }

    /** Inserts a document; false when one of that name exists. */
    public boolean insert(Connection c, String account, String region, String kind, String name, String body, long createdMs)
            throws SQLException {
        return upsert(c, "DO NOTHING", account, region, kind, name, body, createdMs) == 1;
    }

    /** Inserts or replaces a document (keeping its creation time when it existed). */
    public void put(Connection c, String account, String region, String kind, String name, String body, long createdMs)
            throws SQLException {
        upsert(c, "DO UPDATE SET body = excluded.body", account, region, kind, name, body, createdMs);
    }

    private static int upsert(Connection c, String onConflict, String account, String region, String kind, String name, String body,
                              long createdMs) throws SQLException {
        return Sql.update(c, "INSERT INTO ses_resources (account, region, kind, name, body, created_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account, region, kind, name) " + onConflict, account, region, kind, name, body,
                createdMs);
    }

    public boolean delete(Connection c, String account, String region, String kind, String name) throws SQLException {
        return Sql.update(c, "DELETE FROM ses_resources WHERE account = ? AND region = ? AND kind = ? AND name = ?",
                account, region, kind, name) > 0;
    }

    public void deleteAnywhere(Connection c, String kind, String name) throws SQLException {
        Sql.update(c, "DELETE FROM ses_resources WHERE kind = ? AND name = ?", kind, name);
    }

    // ---- mailbox ----

    public void insertMessage(Connection c, MessageRow m) throws SQLException {
        Sql.update(c, "INSERT INTO ses_messages (id, account, region, source, destination, recipients, "
                + "subject, text_part, html_part, raw, is_raw, config_set, meta, n_recipients, n_bounces, n_complaints, n_rejects, status, "
                + "created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.id(), m.account(), m.region(), m.source(), m.destination(), m.recipients(), m.subject(), m.text(), m.html(), m.raw(),
                m.isRaw(), m.configSet(), m.meta(), m.nRecipients(), m.nBounces(), m.nComplaints(), m.nRejects(), m.status(),
                m.createdMs());
        retention.afterInsert(c, m.raw().length);
    }

    /** Filters of the mailbox; null fields match everything. */
    public record MessageFilter(String id, String source, String recipient, String account, String region, Long sinceMs, int limit) {
    }

    private static final String MESSAGE_COLUMNS = "id, account, region, source, destination, recipients, subject, text_part, html_part, "
            + "raw, is_raw, config_set, meta, n_recipients, n_bounces, n_complaints, n_rejects, status, created_ms";

    public List<MessageRow> messages(MessageFilter f) {
        return db.read(c -> {
            List<Object> params = new ArrayList<>();
            String where = where(f, params);
            return Sql.list(c, "SELECT " + MESSAGE_COLUMNS + " FROM ses_messages" + where
                    + " ORDER BY seq LIMIT " + Math.max(1, f.limit()), SesStore::row, params.toArray());
        });
    }

    /**
     * A page of the mailbox matching the filter ({@code f.limit()} messages at most, clamped to
     * {@link MessagePage#MAX_LIMIT}), starting after the one {@code pageToken} names. The sizes are
     * read first so that the page stops at {@link MessagePage#MAX_BYTES} before any body is loaded.
     */
    public MessagePage messagePage(MessageFilter f, String pageToken) {
        long after = MessagePage.after(pageToken);
        int limit = MessagePage.clamp(f.limit());
        return db.read(c -> {
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder(where(f, params));
            add(where, params, "seq > ?", after);
            params.add(limit + 1);
            List<long[]> sizes = Sql.list(c, "SELECT seq, LENGTH(raw) FROM ses_messages" + where + " ORDER BY seq LIMIT ?",
                    rs -> new long[]{rs.getLong(1), rs.getLong(2)}, params.toArray());
            List<Long> page = new ArrayList<>();
            long bytes = 0;
            for (long[] s : sizes) {
                if (page.size() == limit || (!page.isEmpty() && bytes + s[1] > MessagePage.MAX_BYTES)) {
                    break;
                }
                page.add(s[0]);
                bytes += s[1];
            }
            if (page.isEmpty()) {
                return new MessagePage(List.of(), null);
            }
            List<MessageRow> rows = Sql.list(c, "SELECT " + MESSAGE_COLUMNS + " FROM ses_messages WHERE seq IN ("
                    + "?,".repeat(page.size() - 1) + "?) ORDER BY seq", SesStore::row, page.toArray());
            return new MessagePage(rows, page.size() < sizes.size() ? String.valueOf(page.getLast()) : null);
        });
    }

    public Optional<MessageRow> message(String id) {
        List<MessageRow> rows = messages(new MessageFilter(id, null, null, null, null, null, 1));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    public int deleteMessages(MessageFilter f) {
        return db.write(c -> {
            List<Object> params = new ArrayList<>();
            String where = where(f, params);
            return Sql.update(c, "DELETE FROM ses_messages" + where, params.toArray());
        });
    }

    public void updateOutcome(Connection c, String id, String status, int bounces, int complaints) throws SQLException {
        Sql.update(c, "UPDATE ses_messages SET status = ?, n_bounces = ?, n_complaints = ? WHERE id = ?", status, bounces, complaints, id);
    }

    private static String where(MessageFilter f, List<Object> params) {
        StringBuilder w = new StringBuilder();
        add(w, params, "id = ?", f.id());
        add(w, params, "LOWER(source) LIKE ?", f.source() == null ? null : "%" + f.source().toLowerCase() + "%");
        add(w, params, "recipients LIKE ?", f.recipient() == null ? null : "%," + f.recipient().toLowerCase() + ",%");
        add(w, params, "account = ?", f.account());
        add(w, params, "region = ?", f.region());
        add(w, params, "created_ms >= ?", f.sinceMs());
        return w.toString();
    }

    private static void add(StringBuilder w, List<Object> params, String clause, Object value) {
        if (value != null) {
            w.append(w.isEmpty() ? " WHERE " : " AND ").append(clause);
            params.add(value);
        }
    }

    private static MessageRow row(ResultSet rs) throws SQLException {
        return new MessageRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getBytes(10), rs.getInt(11) == 1, rs.getString(12),
                rs.getString(13), rs.getInt(14), rs.getInt(15), rs.getInt(16), rs.getInt(17), rs.getString(18), rs.getLong(19));
    }

    // ---- statistics ----

    /** One 15-minute bucket of GetSendStatistics. */
    public record StatBucket(long startMs, long attempts, long bounces, long complaints, long rejects) {
    }

    public List<StatBucket> statistics(String account, String region, long sinceMs) {
        return db.read(c -> Sql.list(c, "SELECT (created_ms / 900000) * 900000 AS bucket, SUM(n_recipients), SUM(n_bounces),"
                + " SUM(n_complaints), SUM(n_rejects) FROM ses_messages WHERE account = ? AND region = ? AND created_ms >= ?"
                + " GROUP BY (created_ms / 900000) * 900000 ORDER BY 1",
                rs -> new StatBucket(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)), account, region, sinceMs));
    }

    /** Recipients sent to since the time (SentLast24Hours). */
    public long sentSince(String account, String region, long sinceMs) {
        return db.read(c -> Sql.one(c, "SELECT COALESCE(SUM(n_recipients), 0) FROM ses_messages WHERE account = ? AND region = ? AND created_ms >= ?",
                rs -> rs.getLong(1), account, region, sinceMs).orElseThrow());
    }

    // ---- event outbox ----

    /** A published (or attempted) event. */
    public record EventRow(long seq, String account, String region, String messageId, String eventType, String target,
                           String outcome, String body, long createdMs) {
    }

    public void insertEvent(Connection c, EventRow e) throws SQLException {
        Sql.update(c, "INSERT INTO ses_events (account, region, message_id, event_type, target, outcome,"
                + " body, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e.account(), e.region(), e.messageId(), e.eventType(), e.target(),
                e.outcome(), e.body(), e.createdMs());
    }

    /** Events in the order recorded; null filters match everything. */
    public List<EventRow> events(String account, String messageId, String eventType, int limit) {
        return db.read(c -> {
            List<Object> params = new ArrayList<>();
            StringBuilder w = new StringBuilder();
            add(w, params, "account = ?", account);
            add(w, params, "message_id = ?", messageId);
            add(w, params, "event_type = ?", eventType);
            return Sql.list(c, "SELECT seq, account, region, message_id, event_type, target, outcome, body, "
                    + "created_ms FROM ses_events" + w + " ORDER BY seq LIMIT " + Math.max(1, limit),
                    rs -> new EventRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9)), params.toArray());
        });
    }

    /** Deletes the recorded events of one account, or of all when {@code account} is null. */
    public int clearEvents(String account) {
        return db.write(c -> account == null ? Sql.update(c, "DELETE FROM ses_events")
                : Sql.update(c, "DELETE FROM ses_events WHERE account = ?", account));
    }

    // ---- server secrets ----

    /** The pseudo-account and region under which server-wide secrets are stored (no real account has it). */
    private static final String SERVER = "";

    /**
     * A secret of the server, created from {@code fresh} on first use and the same ever after, on
     * every node sharing the database: the first writer wins and everyone reads the stored value.
     */
    public String serverSecret(String name, java.util.function.Supplier<String> fresh) {
        return db.write(c -> {
            insert(c, SERVER, SERVER, "server-secret", name, fresh.get(), 0);
            return get(c, SERVER, SERVER, "server-secret", name).orElseThrow().body();
        });
    }
}
