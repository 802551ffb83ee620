package io.haneul.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storage contracts on a real PostgreSQL (embedded, one server per JVM, a fresh database per
 * test), plus what only PostgreSQL does: notifications between nodes and serialization retries.
 */
@ExtendWith(EmbeddedPostgresServer.Resolver.class)
class PostgresStorageTest {
    final StorageBackend backend;

    PostgresStorageTest(EmbeddedPostgresServer server) {
        backend = new StorageBackend() {
            @Override
            public Target newTarget(Path tempDir) {
                return new Target(server.newDatabase(), tempDir);
            }

            @Override
            public int benchmarkWrites() {
                return 3_000;
            }
        };
    }

    @Nested
    class DatabaseTests extends DatabaseContract {
        @Override
        StorageBackend backend() {
            return backend;
        }

        @Test
        void serializationFailuresAreRetried() throws Exception {
            db.write(c -> {
                insert(c, 1, "0");
                return null;
            });
            AtomicInteger attempts = new AtomicInteger();
            CountDownLatch bothRead = new CountDownLatch(2);
            Runnable increment = () -> db.write(c -> {
                attempts.incrementAndGet();
                c.createStatement().execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                int v;
                try (ResultSet rs = c.createStatement().executeQuery("SELECT v FROM items WHERE id = 1")) {
                    rs.next();
                    v = Integer.parseInt(rs.getString(1));
                }
                bothRead.countDown();
                try {
                    bothRead.await(2, TimeUnit.SECONDS); // only the first attempts meet here
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE items SET v = ? WHERE id = 1")) {
                    ps.setString(1, String.valueOf(v + 1));
                    ps.executeUpdate();
                }
                return null;
            });
            Thread t1 = Thread.ofVirtual().start(increment);
            Thread t2 = Thread.ofVirtual().start(increment);
            t1.join();
            t2.join();
            assertEquals("2", db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT v FROM items WHERE id = 1")) {
                    rs.next();
                    return rs.getString(1);
                }
            }));
            assertTrue(attempts.get() >= 3, "one of the two must have been retried");
        }

        @Test
        void writeStatementRunsItsStatementInAutoCommit() {
            boolean autoCommit = db.writeStatement(c -> {
                insert(c, 7, "seven");
                return c.getAutoCommit();
            });
            assertTrue(autoCommit, "one statement, committed by the server as it ends: no BEGIN, no COMMIT");
            assertEquals(java.util.Set.of(7L), ids(db));
            assertTrue(!db.write(c -> c.getAutoCommit()), "the pooled connection is back in manual commit");
        }
    }

    @Nested
    class MigrationTests extends MigrationContract {
        @Override
        StorageBackend backend() {
            return backend;
        }
    }

    @Nested
    class NotifierTests extends NotifierContract {
        @Override
        StorageBackend backend() {
            return backend;
        }

        @Test
        void anotherNodeHearsAPublicationAndThePublisherHearsItOnce() throws Exception {
            Database nodeB = openNode();
            List<String> heardByA = new CopyOnWriteArrayList<>();
            List<String> heardByB = new CopyOnWriteArrayList<>();
            CountDownLatch bHeard = new CountDownLatch(1);
            CountDownLatch aHeardFromB = new CountDownLatch(1);
            db.notifier().subscribe("sqs:000000000000:orders", heardByA::add);
            db.notifier().subscribe("from-b", p -> aHeardFromB.countDown());
            nodeB.notifier().subscribe("sqs:000000000000:orders", p -> {
                heardByB.add(p);
                bHeard.countDown();
            });
            db.notifier().publish("sqs:000000000000:orders", "message sent");
            assertTrue(bHeard.await(10, TimeUnit.SECONDS), "node B did not hear node A");
            // Notifications arrive in commit order, so once A hears B's later one, any echo of its own has arrived.
            nodeB.notifier().publish("from-b", "ping");
            assertTrue(aHeardFromB.await(10, TimeUnit.SECONDS), "node A did not hear node B");
            assertEquals(List.of("message sent"), heardByB);
            assertEquals(List.of("message sent"), heardByA);
        }

        @Test
        void anotherNodeHearsACoalescedPublication() throws Exception {
            Database nodeB = openNode();
            CountDownLatch bHeard = new CountDownLatch(1);
            List<String> heardByB = new CopyOnWriteArrayList<>();
            nodeB.notifier().subscribe("sqs_message", p -> {
                heardByB.add(p);
                bHeard.countDown();
            });
            db.notifier().publishCoalesced("sqs_message", "42");
            assertTrue(bHeard.await(10, TimeUnit.SECONDS), "node B did not hear node A's coalesced publication");
            assertEquals("42", heardByB.getFirst());
        }
    }

    @Nested
    class SchedulerTests extends SchedulerContract {
        @Override
        StorageBackend backend() {
            return backend;
        }
    }
}
