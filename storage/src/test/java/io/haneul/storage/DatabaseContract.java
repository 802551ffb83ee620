package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Database} must do: reads, transactional writes, isolation of failures, concurrency. */
abstract class DatabaseContract extends StorageContract {

    @BeforeEach
    void createTable() {
        db.migrate("test", List.of(Migration.of(1, "items", "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(100))")));
    }

    static void insert(Connection c, long id, String v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, v) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, v);
            ps.executeUpdate();
        }
    }

    Set<Long> ids(Database database) {
        return database.read(c -> {
            Set<Long> ids = new HashSet<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM items")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    @Test
    void writeStatementReturnsAfterCommitAndAFailedOneLeavesNothing() {
        assertEquals(Integer.valueOf(1), db.writeStatement(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (id, v) VALUES (?, ?)")) {
                ps.setLong(1, 11);
                ps.setString(2, "eleven");
                return ps.executeUpdate();
            }
        }));
        assertEquals(Set.of(11L), ids(db));
        assertThrows(StorageException.class, () -> db.writeStatement(c -> {
            insert(c, 11, "duplicate key");
            return null;
        }));
        assertEquals(Set.of(11L), ids(db));
    }

    @Test
    void writeReturnsAfterCommitAndReadSeesIt() {
        String result = db.write(c -> {
            insert(c, 1, "one");
            insert(c, 2, "two");
            return "done";
        });
        assertEquals("done", result);
        String v = db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT v FROM items WHERE id = 2")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        assertEquals("two", v);
        assertEquals(Set.of(1L, 2L), ids(db));
    }

    @Test
    void aWriteThatThrowsIsRolledBackAndTheSameExceptionReachesTheCaller() {
        IllegalStateException boom = new IllegalStateException("domain rule broken");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.write(c -> {
            insert(c, 1, "never");
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(Set.of(), ids(db));
    }

    @Test
    void sqlErrorsAreWrappedAndLeaveTheDatabaseUsable() {
        db.write(c -> {
            insert(c, 1, "one");
            return null;
        });
        StorageException e = assertThrows(StorageException.class, () -> db.write(c -> {
            insert(c, 2, "two");
            insert(c, 1, "duplicate");
            return null;
        }));
        assertInstanceOf(SQLException.class, e.getCause());
        db.write(c -> {
            insert(c, 3, "three");
            return null;
        });
        assertEquals(Set.of(1L, 3L), ids(db));
    }

    @Test
    void closuresCannotControlTheTransactionAndLeakedStatementsAreClosed() {
        assertThrows(StorageException.class, () -> db.write(c -> {
            insert(c, 1, "one");
            c.commit();
            return null;
        }));
        assertEquals(Set.of(), ids(db));
        db.write(c -> {
            c.close(); // ignored
            c.createStatement().executeQuery("SELECT id FROM items"); // left open on purpose
            insert(c, 2, "two");
            return null;
        });
        assertEquals(Set.of(2L), ids(db));
    }

    @Test
    void theOtherNodeSeesCommittedWrites() {
        Database other = openNode();
        db.write(c -> {
            insert(c, 7, "seven");
            return null;
        });
        assertEquals(Set.of(7L), ids(other));
    }

    @Test
    void concurrentWritersAreAllCommittedAndAFailingClosureOnlyFailsItself() throws Exception {
        int total = backend().benchmarkWrites();
        int threads = 32;
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Long> rejected = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    for (long id = next.getAndIncrement(); id < total; id = next.getAndIncrement()) {
                        long row = id;
                        try {
                            db.write(c -> {
                                insert(c, row, "v" + row);
                                if (row % 97 == 0) {
                                    throw new IllegalArgumentException("rejected " + row);
                                }
                                return null;
                            });
                            acknowledged.add(row);
                        } catch (IllegalArgumentException e) {
                            rejected.add(row);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d single-row writes from %d virtual threads in %.2f s = %.0f writes/s%n",
                db.dialect(), total, threads, seconds, total / seconds);
        Set<Long> stored = ids(db);
        assertEquals(total, acknowledged.size() + rejected.size());
        assertEquals(acknowledged, stored);
        for (long r : rejected) {
            assertFalse(stored.contains(r));
            assertEquals(0, r % 97);
        }
    }

    @Test
    void readsRunWhileAWriteIsInProgress() throws Exception {
        var inWrite = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writer = executor.submit(() -> db.write(c -> {
                insert(c, 1, "slow");
                inWrite.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            assertTrue(inWrite.await(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(Set.of(), ids(db)); // not blocked by the writer, and not seeing its uncommitted row
            release.countDown();
            writer.get();
        }
        assertEquals(Set.of(1L), ids(db));
    }

    @Test
    void closedDatabaseRefusesWork() {
        Database other = openNode();
        other.close();
        assertThrows(IllegalStateException.class, () -> other.write(c -> null));
        assertThrows(IllegalStateException.class, () -> other.read(c -> null));
        other.close(); // idempotent
    }
}
