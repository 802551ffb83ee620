package io.haneul.apigateway.invoke;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Leases on the backend connection pool: bounded per destination, and destinations no call uses are forgotten. */
class BackendPoolTest {

    private final BackendDestination here = new BackendDestination(false, "127.0.0.1", 8080);
    private final BackendDestination there = new BackendDestination(false, "127.0.0.1", 8081);
    private final BackendPool pool = new BackendPool(4, 1, 60_000, System::nanoTime);

    @Test
    void aCallBeyondTheBoundWaitsForALeaseToEnd() throws Exception {
        BackendPool.Lease first = pool.lease(here, 0);
        assertNotNull(first);
        assertNull(pool.lease(here, TimeUnit.MILLISECONDS.toNanos(20)));
        try (BackendPool.Lease elsewhere = pool.lease(there, 0)) {
            assertNotNull(elsewhere); // the bound is per destination
        }
        first.close();
        first.close(); // a second close gives nothing back twice
        try (BackendPool.Lease again = pool.lease(here, 0)) {
            assertNotNull(again);
            assertNull(pool.lease(here, 0));
        }
    }

    @Test
    void aDestinationWithNoCallAndNoConnectionIsForgotten() throws Exception {
        try (BackendPool.Lease lease = pool.lease(here, 0)) {
            assertNotNull(lease);
            assertNull(lease.take());
            assertEquals(1, pool.destinations());
        }
        assertEquals(0, pool.destinations());
        BackendPool.Lease held = pool.lease(here, 0);
        assertNull(pool.lease(here, 0)); // a call that got no lease leaves no claim behind
        held.close();
        assertEquals(0, pool.destinations());
    }

    @Test
    void leasesTakenAndEndedAtOnceStayWithinTheBoundAndLeaveNothingBehind() throws Exception {
        java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger granted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    try (BackendPool.Lease lease = pool.lease(here, TimeUnit.SECONDS.toNanos(10))) {
                        if (lease != null) {
                            granted.incrementAndGet();
                            most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                            Thread.yield();
                            holding.decrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(16_000, granted.get());
        assertEquals(1, most.get()); // this pool's bound is one call per destination
        assertEquals(0, pool.destinations());
    }
    @Test
    void aClosedPoolKeepsNoConnection() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend()) {
            BackendDestination destination = new BackendDestination(false, "127.0.0.1", backend.port());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            BackendConnection kept = BackendConnection.open(destination, 5_000, null, deadline, System::nanoTime);
            BackendConnection late = BackendConnection.open(destination, 5_000, null, deadline, System::nanoTime);
            try (BackendPool.Lease lease = pool.lease(destination, 0)) {
                lease.give(kept);
            }
            pool.close();
            assertTimeoutPreemptively(Duration.ofSeconds(5), backend::awaitHungUp); // the idle one, closed with the pool
            try (BackendPool.Lease lease = pool.lease(destination, 0)) {
                assertNull(lease.take());
                lease.give(late);
            }
            assertTimeoutPreemptively(Duration.ofSeconds(5), backend::awaitHungUp); // one given back afterwards is closed, not kept
        }
    }
}
