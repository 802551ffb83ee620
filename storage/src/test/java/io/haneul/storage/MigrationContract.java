package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link Database#migrate}: ordered, recorded, idempotent, atomic, safe when nodes start together. */
abstract class MigrationContract extends StorageContract {

    long count(Database database, String sql) {
        return database.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    List<Integer> versions(String component) {
        return db.read(c -> {
            List<Integer> versions = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT version FROM schema_migrations WHERE component = '" + component + "' ORDER BY applied_at, version")) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            return versions;
        });
    }

    static final List<Migration> NOTES = List.of(
            Migration.of(2, "seed", "INSERT INTO notes (id, body) VALUES (1, 'first'); INSERT INTO notes (id, body) VALUES (2, 'second')"),
            new Migration(1, "notes table", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
                    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"));

    @Test
    void appliesInVersionOrderRunsEveryStatementAndRecordsEachVersion() {
        db.migrate("notes", NOTES);
        assertEquals(2, count(db, "SELECT COUNT(*) FROM notes"));
        assertEquals(List.of(1, 2), versions("notes"));
    }

    @Test
    void isIdempotentAndAppliesOnlyWhatIsNew() {
        db.migrate("notes", NOTES.subList(1, 2));
        db.migrate("notes", NOTES);
        db.migrate("notes", NOTES);
        assertEquals(2, count(db, "SELECT COUNT(*) FROM notes"));
        db.migrate("notes", List.of(NOTES.get(0), NOTES.get(1),
                Migration.of(3, "more", "INSERT INTO notes (id, body) VALUES (3, 'third')")));
        assertEquals(3, count(db, "SELECT COUNT(*) FROM notes"));
        assertEquals(List.of(1, 2, 3), List.copyOf(new java.util.TreeSet<>(versions("notes"))));
    }

    @Test
    void aFailingMigrationRollsBackEverythingPendingInThatRun() {
        db.migrate("other", List.of(Migration.of(1, "unrelated", "CREATE TABLE unrelated (x INTEGER)")));
        List<Migration> broken = List.of(NOTES.get(1), NOTES.get(0), Migration.of(3, "broken", "INSERT INTO no_such_table VALUES (1)"));
        assertThrows(StorageException.class, () -> db.migrate("notes", broken));
        assertEquals(List.of(), versions("notes"));
        assertEquals(List.of(1), versions("other"));
        db.migrate("notes", NOTES); // the table was rolled back too, so version 1 applies cleanly
        assertEquals(List.of(1, 2), versions("notes"));
    }

    @Test
    void componentsAreIndependentAndDialectSqlIsChosen() {
        db.migrate("a", List.of(new Migration(1, "dialect", "CREATE TABLE only_sqlite (x INTEGER)",
                "CREATE TABLE only_postgres (x INTEGER)")));
        db.migrate("b", List.of(Migration.of(1, "b", "CREATE TABLE b_table (x INTEGER)")));
        assertEquals(List.of(1), versions("a"));
        assertEquals(List.of(1), versions("b"));
        String table = db.dialect() == Dialect.SQLITE ? "only_sqlite" : "only_postgres";
        assertEquals(0, count(db, "SELECT COUNT(*) FROM " + table));
    }

    @Test
    void duplicateVersionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> db.migrate("dup",
                List.of(Migration.of(1, "a", "SELECT 1"), Migration.of(1, "b", "SELECT 1"))));
        assertThrows(IllegalArgumentException.class, () -> Migration.of(0, "zero", "SELECT 1"));
    }

    @Test
    void nodesStartingTogetherApplyEachMigrationOnce() throws Exception {
        List<Database> nodes = List.of(db, openNode(), openNode());
        List<Migration> migrations = List.of(
                Migration.of(1, "create", "CREATE TABLE started (node INTEGER)"),
                Migration.of(2, "seed", "INSERT INTO started (node) VALUES (1)"));
        int perNode = 3;
        CyclicBarrier barrier = new CyclicBarrier(nodes.size() * perNode);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> results = new ArrayList<>();
            for (Database node : nodes) {
                for (int i = 0; i < perNode; i++) {
                    results.add(executor.submit((Callable<Object>) () -> {
                        barrier.await();
                        node.migrate("race", migrations);
                        return null;
                    }));
                }
            }
            for (Future<Object> f : results) {
                f.get();
            }
        }
        assertEquals(1, count(db, "SELECT COUNT(*) FROM started"));
        assertEquals(2, count(db, "SELECT COUNT(*) FROM schema_migrations WHERE component = 'race'"));
    }
}
