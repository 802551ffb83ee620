package io.haneul.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class SqlTest {

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.write(c -> Sql.update(c, "CREATE TABLE t (name TEXT, n INTEGER, big INTEGER, flag INTEGER, data BLOB, note TEXT)"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    record Row(String name, int n, long big, boolean flag, byte[] data, String note) {
    }

    static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getInt(4) == 1, rs.getBytes(5), rs.getString(6));
    }

    @Test
    void bindsEveryKindAndMapsRows() {
        int inserted = db.write(c -> Sql.update(c, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", "a", 1, 1L << 40, true, new byte[]{1, 2}, null));
        assertEquals(1, inserted);
        db.write(c -> Sql.update(c, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", "b", 2, 3L, false, null, "x"));
        Optional<Row> a = db.read(c -> Sql.one(c, "SELECT * FROM t WHERE name = ?", SqlTest::row, "a"));
        assertEquals(1L << 40, a.orElseThrow().big());
        assertTrue(a.get().flag());
        assertArrayEquals(new byte[]{1, 2}, a.get().data());
        assertNull(a.get().note());
        List<String> names = db.read(c -> Sql.list(c, "SELECT * FROM t ORDER BY name DESC", rs -> rs.getString(1)));
        assertEquals(List.of("b", "a"), names);
        assertTrue(db.read(c -> Sql.one(c, "SELECT * FROM t WHERE name = ?", SqlTest::row, "zz")).isEmpty());
    }
}
