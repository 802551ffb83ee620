package io.haneul.storage;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

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
 * @param <R> what the statement says of one item (e.g. whether its row was there to delete)
 */
public final class WriteCoalescer<K, T, R> {

    /** Most items in one statement; the rest wait for the next (keeps the statement's arrays bounded). */
    static final int MAX_ITEMS = 1_000;

    private final BiFunction<K, List<T>, List<R>> statement;
    private final ConcurrentHashMap<K, Lane<T, R>> lanes = new ConcurrentHashMap<>();

    /**
     * @param statement writes the items of one key in one all-or-nothing statement and returns one result
     *                  per item, in the items' order; throws on failure
     */
    public WriteCoalescer(BiFunction<K, List<T>, List<R>> statement) {
        this.statement = statement;
    }

    /**
     * Writes {@code items} (in order, together), alone or in one statement with concurrent callers' items.
     *
     * @return the statement's results for these items, in their order
     */
    public List<R> write(K key, List<T> items) {
        Lane<T, R> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        Waiter<T, R> me = new Waiter<>(items);
        boolean lead;
        synchronized (lane) {
            lane.waiting.add(me);
            lead = !lane.running;
            lane.running = true;
        }
        if (lead || me.turn.join() == Turn.LEAD) {
            runRound(key, lane);
        }
        return me.outcome();
    }

    /** Runs one statement with everything waiting (this caller's items first among them), then hands over. */
    private void runRound(K key, Lane<T, R> lane) {
        List<Waiter<T, R>> round = new ArrayList<>();
        List<T> items = new ArrayList<>();
        synchronized (lane) {
            while (!lane.waiting.isEmpty()
                    && (items.isEmpty() || items.size() + lane.waiting.peek().items.size() <= MAX_ITEMS)) {
                Waiter<T, R> w = lane.waiting.poll();
                round.add(w);
                items.addAll(w.items);
            }
        }
        RuntimeException failure = null;
        Error error = null;
        List<R> results = null;
        try {
            results = statement.apply(key, items);
            if (results.size() != items.size()) {
                throw new IllegalStateException(results.size() + " results for " + items.size() + " items");
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            // every caller of the round is still answered and the lane handed on; the error then goes up
            error = e;
            failure = new IllegalStateException("the statement failed", e);
        }
        Waiter<T, R> next;
        synchronized (lane) {
            next = lane.waiting.peek();
            if (next == null) {
                lane.running = false;
                lanes.remove(key, lane);
            }
        }
        int from = 0;
        for (Waiter<T, R> w : round) {
            int to = from + w.items.size();
            if (failure == null) {
                w.results = results.subList(from, to);
            }
            w.failure = failure;
            w.turn.complete(Turn.DONE);
            from = to;
        }
        if (next != null) {
            next.turn.complete(Turn.LEAD);
        }
        if (error != null) {
            throw error;
        }
    }

    /** How many callers wait for a statement on {@code key} (tests). */
    int waitingFor(K key) {
        Lane<T, R> lane = lanes.get(key);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size();
        }
    }

    private enum Turn { DONE, LEAD }

    private static final class Lane<T, R> {
        final ArrayDeque<Waiter<T, R>> waiting = new ArrayDeque<>();
        /** True while a caller runs this lane's statement; waiting is never left non-empty without one. */
        boolean running;
    }

    private static final class Waiter<T, R> {
        final List<T> items;
        final CompletableFuture<Turn> turn = new CompletableFuture<>();
        /** Set before {@link #turn} completes with DONE; read after it. */
        volatile RuntimeException failure;
        volatile List<R> results;

        Waiter(List<T> items) {
            this.items = items;
        }

        List<R> outcome() {
            if (failure != null) {
                throw failure;
            }
            return results;
        }
    }
}
