package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** Kept statements of one SQLite connection: reused, reset between uses, bounded. */
class StatementCacheTest {

    @TempDir
    Path dir;
    Connection c;
    StatementCache cache;
    final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    @BeforeEach
    void open() throws SQLException {
        c = new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve("t.db"));
        try (var s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE items (id INTEGER PRIMARY KEY, v TEXT)");
        }
        cache = new StatementCache(c, generation);
    }

    @AfterEach
    void close() throws SQLException {
        cache.close();
        c.close();
    }

    @Test
    void theSameSqlIsCompiledOnceAndStartsWithoutTheLastUsesParameters() throws SQLException {
        for (int i = 1; i <= 3; i++) {
            try (PreparedStatement ps = cache.prepare("INSERT INTO items (id, v) VALUES (?, ?)")) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                assertEquals(1, ps.executeUpdate());
            }
        }
        assertEquals(1, cache.prepared());
        try (PreparedStatement ps = cache.prepare("INSERT INTO items (id, v) VALUES (?, ?)")) {
            ps.setInt(1, 4);
            // the second parameter was cleared: NULL, not "v3"
            ps.executeUpdate();
        }
        assertEquals(null, value(4));
        assertEquals("v2", value(2));
    }

    /** A statement leased before a migration moved the generation is freed when given back, not kept. */
    @Test
    void aStatementLeasedBeforeAMigrationIsNotKept() throws SQLException {
        String select = "SELECT v FROM items WHERE id = ?";
        try (PreparedStatement ps = cache.prepare(select)) {
            generation.incrementAndGet(); // a migration ran while the statement was out
            cache.prepare("SELECT 1").close(); // the cache has seen the new generation (and dropped what it kept)
            ps.setInt(1, 1);
            ps.executeQuery().close();
        }
        long compiled = cache.prepared();
        cache.prepare(select).close();
        assertEquals(compiled + 1, cache.prepared());
    }

    @Test
    void twoOpenUsesOfOneSqlGetTwoStatements() throws SQLException {
        insert(1, "a");
        insert(2, "b");
        try (PreparedStatement outer = cache.prepare("SELECT v FROM items WHERE id = ?");
             PreparedStatement inner = cache.prepare("SELECT v FROM items WHERE id = ?")) {
            outer.setInt(1, 1);
            inner.setInt(1, 2);
            try (ResultSet a = outer.executeQuery(); ResultSet b = inner.executeQuery()) {
                assertTrue(a.next() && b.next());
                assertEquals("a", a.getString(1));
                assertEquals("b", b.getString(1));
            }
        }
        long compiled = cache.prepared();
        value(1);
        value(2);
        assertEquals(compiled, cache.prepared());
    }

    @Test
    void aClosedViewRefusesCallsAndAnUnreadQueryDoesNotHoldTheTransaction() throws SQLException {
        insert(1, "a");
        insert(2, "b");
        c.setAutoCommit(false);
        PreparedStatement ps = cache.prepare("SELECT v FROM items");
        ResultSet rs = ps.executeQuery();
        assertTrue(rs.next()); // one row read, one left
        ps.close();
        assertTrue(ps.isClosed());
        assertThrows(SQLException.class, () -> ps.setInt(1, 1));
        try (PreparedStatement up = cache.prepare("UPDATE items SET v = 'c' WHERE id = 1")) {
            up.executeUpdate();
        }
        c.commit();
        c.setAutoCommit(true);
        assertEquals("c", value(1));
    }

    @Test
    void keepsAtMostItsCapacityFreeingTheLeastRecentlyUsed() throws SQLException {
        for (int i = 0; i < StatementCache.CAPACITY + 10; i++) {
            try (PreparedStatement ps = cache.prepare("SELECT " + i)) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                }
            }
        }
        long compiled = cache.prepared();
        try (PreparedStatement recent = cache.prepare("SELECT " + (StatementCache.CAPACITY + 9))) {
            assertFalse(recent.isClosed());
        }
        assertEquals(compiled, cache.prepared());
        try (PreparedStatement evicted = cache.prepare("SELECT 0")) {
            assertFalse(evicted.isClosed());
        }
        assertEquals(compiled + 1, cache.prepared());
    }

    @Test
    void aMigrationThatAddsAColumnIsSeenBySelectStarOnEveryConnection() {
        try (Database db = Databases.open(StorageConfig.parse("sqlite"), dir.resolve("db"))) {
            db.migrate("t", java.util.List.of(Migration.of(1, "items", "CREATE TABLE things (id INTEGER PRIMARY KEY, v TEXT)")));
            db.write(w -> Sql.update(w, "INSERT INTO things (id, v) VALUES (1, 'a')"));
            for (int i = 0; i < Databases.SQLITE_READERS * 2; i++) {
                assertEquals(2, db.read(r -> Sql.one(r, "SELECT * FROM things", rs -> rs.getMetaData().getColumnCount())).orElseThrow());
            }
            assertEquals(2, db.write(w -> Sql.one(w, "SELECT * FROM things", rs -> rs.getMetaData().getColumnCount())).orElseThrow());
            db.migrate("t", java.util.List.of(Migration.of(1, "items", "CREATE TABLE things (id INTEGER PRIMARY KEY, v TEXT)"),
                    Migration.of(2, "w", "ALTER TABLE things ADD COLUMN w TEXT DEFAULT 'new'")));
            for (int i = 0; i < Databases.SQLITE_READERS * 2; i++) {
                assertEquals("new", db.read(r -> Sql.one(r, "SELECT * FROM things", rs -> rs.getString("w"))).orElseThrow());
            }
            assertEquals("new", db.write(w -> Sql.one(w, "SELECT * FROM things", rs -> rs.getString("w"))).orElseThrow());
        }
    }

    private void insert(int id, String v) throws SQLException {
        try (PreparedStatement ps = cache.prepare("INSERT INTO items (id, v) VALUES (?, ?)")) {
            ps.setInt(1, id);
            ps.setString(2, v);
            ps.executeUpdate();
        }
    }

    private String value(int id) throws SQLException {
        try (PreparedStatement ps = cache.prepare("SELECT v FROM items WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
