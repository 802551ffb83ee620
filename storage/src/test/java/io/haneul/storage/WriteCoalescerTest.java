package io.haneul.storage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteCoalescerTest {

    /** Records each statement's items; the first statement waits until released. */
    static final class Statements {
        final List<List<String>> run = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);

        List<String> accept(String key, List<String> items) {
            run.add(List.copyOf(items));
            if (run.size() == 1) {
                firstStarted.countDown();
                try {
                    releaseFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return items.stream().map(i -> "ok " + i).toList();
        }
    }

    @Test
    void aWriteToAnIdleKeyRunsAtOnceAlone() {
        List<List<String>> run = new ArrayList<>();
        WriteCoalescer<String, String, String> c = new WriteCoalescer<>((k, items) -> {
            run.add(List.copyOf(items));
            return items.stream().map(String::toUpperCase).toList();
        });
        assertEquals(List.of("A"), c.write("q", List.of("a")));
        assertEquals(List.of("B", "C"), c.write("q", List.of("b", "c")));
        assertEquals(List.of(List.of("a"), List.of("b", "c")), run);
    }

    @Test
    void writesArrivingWhileOneRunsShareTheNextStatement() throws Exception {
        Statements s = new Statements();
        WriteCoalescer<String, String, String> c = new WriteCoalescer<>(s::accept);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = pool.submit(() -> c.write("q", List.of("first")));
            assertTrue(s.firstStarted.await(10, TimeUnit.SECONDS));
            List<Future<List<String>>> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String item = "m" + i;
                others.add(pool.submit(() -> c.write("q", List.of(item, item + "b"))));
            }
            // all twenty are waiting behind the first statement before it is released
            while (pendingCount(c) < 20) {
                Thread.onSpinWait();
            }
            s.releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 20; i++) {
                // each caller gets the results of its own items, in order
                assertEquals(List.of("ok m" + i, "ok m" + i + "b"), others.get(i).get(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(2, s.run.size(), "the twenty writes that gathered went in one statement: " + s.run);
        assertEquals(40, s.run.get(1).size());
    }

    @Test
    void aFailedStatementFailsEveryCallerInItAndNoOther() throws Exception {
        Statements s = new Statements();
        RuntimeException boom = new IllegalStateException("statement failed");
        WriteCoalescer<String, String, String> c = new WriteCoalescer<>((k, items) -> {
            List<String> out = s.accept(k, items);
            if (items.contains("bad")) {
                throw boom;
            }
            return out;
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = pool.submit(() -> c.write("q", List.of("first")));
            assertTrue(s.firstStarted.await(10, TimeUnit.SECONDS));
            Future<?> bad = pool.submit(() -> c.write("q", List.of("bad")));
            Future<?> sameStatement = pool.submit(() -> c.write("q", List.of("innocent")));
            while (pendingCount(c) < 2) {
                Thread.onSpinWait();
            }
            s.releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS); // its own statement succeeded
            assertSame(boom, assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS)).getCause());
            assertSame(boom, assertThrows(ExecutionException.class, () -> sameStatement.get(10, TimeUnit.SECONDS)).getCause());
        }
        c.write("q", List.of("later")); // the key is usable afterwards
        assertEquals(List.of("later"), s.run.getLast());
    }

    @Test
    void anErrorInAStatementStillAnswersItsCallersAndFreesTheKey() throws Exception {
        Statements s = new Statements();
        WriteCoalescer<String, String, String> c = new WriteCoalescer<>((k, items) -> {
            List<String> out = s.accept(k, items);
            if (items.contains("fatal")) {
                throw new AssertionError("an Error, not an exception");
            }
            return out;
        });
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = pool.submit(() -> c.write("q", List.of("first")));
            assertTrue(s.firstStarted.await(10, TimeUnit.SECONDS));
            Future<?> fatal = pool.submit(() -> c.write("q", List.of("fatal")));
            Future<?> bystander = pool.submit(() -> c.write("q", List.of("bystander")));
            while (pendingCount(c) < 2) {
                Thread.onSpinWait();
            }
            s.releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            // both callers of the failed round are answered (neither waits forever)
            assertThrows(ExecutionException.class, () -> fatal.get(10, TimeUnit.SECONDS));
            assertThrows(ExecutionException.class, () -> bystander.get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of("ok later"), c.write("q", List.of("later")), "the key is not left running");
    }

    @Test
    void aStatementHoldsAtMostMaxItems() throws Exception {
        Statements s = new Statements();
        WriteCoalescer<String, String, String> c = new WriteCoalescer<>(s::accept);
        int writers = WriteCoalescer.MAX_ITEMS / 10 + 5; // each writes ten items
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = pool.submit(() -> c.write("q", List.of("first")));
            assertTrue(s.firstStarted.await(10, TimeUnit.SECONDS));
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                List<String> ten = new ArrayList<>();
                for (int j = 0; j < 10; j++) {
                    ten.add(i + "-" + j);
                }
                others.add(pool.submit(() -> c.write("q", ten)));
            }
            while (pendingCount(c) < writers) {
                Thread.onSpinWait();
            }
            s.releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> f : others) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
        assertEquals(List.of(1, WriteCoalescer.MAX_ITEMS, 50), s.run.stream().map(List::size).toList());
    }

    @Test
    void keysDoNotShareStatements() {
        List<String> run = new ArrayList<>();
        WriteCoalescer<String, String, String> c = new WriteCoalescer<>((k, items) -> {
            run.add(k + items);
            return items;
        });
        c.write("a", List.of("1"));
        c.write("b", List.of("2"));
        assertEquals(List.of("a[1]", "b[2]"), run);
    }

    private static int pendingCount(WriteCoalescer<String, String, String> c) {
        return c.waitingFor("q");
    }
}
