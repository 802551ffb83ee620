package io.haneul.appstream.store;

import io.haneul.storage.Database;
import io.haneul.storage.Sql;

import java.util.List;

/**
 * Associations between two resources of an account and region, by kind ({@code fleet-stack}: a is
 * the fleet, b the stack), with an optional document (a user-stack association's settings, a shared
 * image's permissions).
 */
public final class Links {

    /** One association. */
    public record Link(String account, String a, String b, String doc) {
    }

    private final Database db;

    public Links(Database db) {
        this.db = db;
    }

    /** Adds or replaces the association. */
    public void put(String account, String region, String kind, String a, String b, String doc) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM appstream_links WHERE account = ? AND region = ? AND kind = ? AND a = ? AND b = ?",
                    account, region, kind, a, b);
            return Sql.update(c, "INSERT INTO appstream_links (account, region, kind, a, b, doc) VALUES (?, ?, ?, ?, ?, ?)",
                    account, region, kind, a, b, doc);
        });
    }

    public boolean delete(String account, String region, String kind, String a, String b) {
        return db.write(c -> Sql.update(c, "DELETE FROM appstream_links WHERE account = ? AND region = ? AND kind = ? AND a = ? AND b = ?",
                account, region, kind, a, b)) == 1;
    }

    /** Forgets every association of a resource on either side. */
    public void forget(String account, String region, String kind, String name, boolean sideA) {
        db.write(c -> Sql.update(c, "DELETE FROM appstream_links WHERE account = ? AND region = ? AND kind = ? AND " + (sideA ? "a" : "b") + " = ?",
                account, region, kind, name));
    }

    public List<Link> byA(String account, String region, String kind, String a) {
        return db.read(c -> Sql.list(c, "SELECT account, a, b, doc FROM appstream_links WHERE account = ? AND region = ? AND kind = ? AND a = ? ORDER BY b",
                Links::link, account, region, kind, a));
    }

    public List<Link> byB(String account, String region, String kind, String b) {
        return db.read(c -> Sql.list(c, "SELECT account, a, b, doc FROM appstream_links WHERE account = ? AND region = ? AND kind = ? AND b = ? ORDER BY a",
                Links::link, account, region, kind, b));
    }

    public List<Link> all(String account, String region, String kind) {
        return db.read(c -> Sql.list(c, "SELECT account, a, b, doc FROM appstream_links WHERE account = ? AND region = ? AND kind = ? ORDER BY a, b",
                Links::link, account, region, kind));
    }

    /** Associations naming {@code b} in any account of the region (images shared with an account). */
    public List<Link> byBAnyAccount(String region, String kind, String b) {
        return db.read(c -> Sql.list(c, "SELECT account, a, b, doc FROM appstream_links WHERE region = ? AND kind = ? AND b = ? ORDER BY account, a",
                Links::link, region, kind, b));
    }

    private static Link link(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }
}
