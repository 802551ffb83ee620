package io.haneul.storage;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Concurrent writes of one kind to one key (e.g. sends to one queue) made into one statement: on
 * PostgreSQL a statement and its commit cost far more than a row (parse, executor start, WAL flush,
 * round trip), so producers that send at the same time share them. Nobody waits for a timer: a write
 * that finds its key idle runs at once, alone; writes that arrive while one runs gather, and when it
 * commits the first of them runs all that gathered in one statement, and so on. Each caller returns
 * once the statement holding its items has committed, or throws that statement's failure (all of a
 * statement's callers fail together, so the statement must be all-or-nothing).
 *
 * <p>Callers are never kept to run other callers' writes after their own: the one that ran a
 * statement hands the next one to the first caller waiting.
 *
 * @param <K> what a statement is scoped to (rows of one key go together)
 * @param <T> one item to write
 */
public final class WriteCoalescer<K, T> {

    /** Most items in one statement; the rest wait for the next (keeps the statement's arrays bounded). */
    static final int MAX_ITEMS = 1_000;

    private final BiConsumer<K, List<T>> statement;
    private final ConcurrentHashMap<K, Lane<T>> lanes = new ConcurrentHashMap<>();

    /** @param statement writes the items of one key in one all-or-nothing statement, throwing on failure */
    public WriteCoalescer(BiConsumer<K, List<T>> statement) {
        this.statement = statement;
    }

    /** Writes {@code items} (in order, together), alone or in one statement with concurrent callers' items. */
    public void write(K key, List<T> items) {
        Lane<T> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        Waiter<T> me = new Waiter<>(items);
        boolean lead;
        synchronized (lane) {
            lane.waiting.add(me);
            lead = !lane.running;
            lane.running = true;
        }
        if (!lead && me.turn.join() == Turn.DONE) {
            me.rethrowFailure();
            return;
        }
        runRound(key, lane);
        me.rethrowFailure();
    }

    /** Runs one statement with everything waiting (this caller's items first among them), then hands over. */
    private void runRound(K key, Lane<T> lane) {
        List<Waiter<T>> round = new ArrayList<>();
        List<T> items = new ArrayList<>();
        synchronized (lane) {
            while (!lane.waiting.isEmpty()
                    && (items.isEmpty() || items.size() + lane.waiting.peek().items.size() <= MAX_ITEMS)) {
                Waiter<T> w = lane.waiting.poll();
                round.add(w);
                items.addAll(w.items);
            }
        }
        RuntimeException failure = null;
        try {
            statement.accept(key, items);
        } catch (RuntimeException e) {
            failure = e;
        }
        Waiter<T> next;
        synchronized (lane) {
            next = lane.waiting.peek();
            if (next == null) {
                lane.running = false;
                lanes.remove(key, lane);
            }
        }
        for (Waiter<T> w : round) {
            w.failure = failure;
            w.turn.complete(Turn.DONE);
        }
        if (next != null) {
            next.turn.complete(Turn.LEAD);
        }
    }

    /** How many callers wait for a statement on {@code key} (tests). */
    int waitingFor(K key) {
        Lane<T> lane = lanes.get(key);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size();
        }
    }

    private enum Turn { DONE, LEAD }

    private static final class Lane<T> {
        final ArrayDeque<Waiter<T>> waiting = new ArrayDeque<>();
        /** True while a caller runs this lane's statement; waiting is never left non-empty without one. */
        boolean running;
    }

    private static final class Waiter<T> {
        final List<T> items;
        final CompletableFuture<Turn> turn = new CompletableFuture<>();
        /** Set before {@link #turn} completes with DONE; read after it. */
        volatile RuntimeException failure;

        Waiter(List<T> items) {
            this.items = items;
        }

        void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
