package io.haneul.lambda.exec;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Warm execution environments by function: one invocation at a time per environment, an idle one
 * reused when there is one (most recently used first, so the others go idle and are stopped),
 * a new one started otherwise. Idle environments older than the idle time are stopped by
 * {@link #stopIdle()}; {@link #close()} stops every environment, busy or idle, so that no process
 * outlives the server.
 *
 * @param <E> the environment type
 */
public final class EnvironmentPool<E extends PooledEnvironment> implements AutoCloseable {

    private record Idle<E>(E environment, long since) {
    }

    private final Clock clock;
    private final Duration idleTime;
    private final Map<String, Deque<Idle<E>>> idle = new HashMap<>();
    private final Map<String, E> all = new ConcurrentHashMap<>();
    /** Environments being started, by group, counted against the group's limit before they exist. */
    private final Map<String, Integer> starting = new HashMap<>();
    private boolean closed;

    public EnvironmentPool(Clock clock, Duration idleTime) {
        this.clock = clock;
        this.idleTime = idleTime;
    }

    /** An idle environment of {@code key}, or a new one from {@code starter} (started outside the pool's lock). */
    public E acquire(String key, Supplier<E> starter) {
        return acquire(key, "", Integer.MAX_VALUE, starter);
    }

    /**
     * As {@link #acquire(String, Supplier)}, with at most {@code groupLimit} environments, busy or
     * idle, whose keys start with {@code group} (an account's concurrency limit): beyond it an idle
     * environment of another key in the group is stopped to make room, and when all are busy
     * {@link LimitExceeded} is thrown.
     */
    public E acquire(String key, String group, int groupLimit, Supplier<E> starter) {
        return acquire(key, group, groupLimit, key, Integer.MAX_VALUE, starter);
    }

    /**
     * As {@link #acquire(String, String, int, Supplier)}, with also at most {@code functionLimit}
     * environments, busy or idle, whose keys start with {@code function} (a function's reserved
     * concurrency, which covers all its revisions): beyond it an idle environment of an older
     * revision of the same function is stopped to make room, and when all are busy
     * {@link LimitExceeded} is thrown with {@link LimitExceeded#reserved()} true. A limit of 0
     * refuses every invocation, warm environments or not (a function throttled on purpose). The function's limit is checked
     * first, so a function at its reservation never takes an idle environment of another one.
     */
    public E acquire(String key, String group, int groupLimit, String function, int functionLimit, Supplier<E> starter) {
        E evicted = null;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the environment pool is closed");
            }
            if (functionLimit <= 0) {
                throw new LimitExceeded(true); // a warm environment does not serve a function throttled on purpose either
            }
            Deque<Idle<E>> queue = idle.get(key);
            while (queue != null && !queue.isEmpty()) {
                E e = queue.pollFirst().environment();
                if (e.alive()) {
                    return e;
                }
                all.remove(e.id());
            }
            long ofFunction = all.values().stream().filter(e -> e.key().startsWith(function)).count()
                    + starting.getOrDefault(function, 0);
            if (ofFunction >= functionLimit) {
                evicted = evictIdle(function);
                if (evicted == null) {
                    throw new LimitExceeded(true);
                }
            } else {
                long inGroup = all.values().stream().filter(e -> e.key().startsWith(group)).count() + starting.getOrDefault(group, 0);
                if (inGroup >= groupLimit) {
                    evicted = evictIdle(group);
                    if (evicted == null) {
                        throw new LimitExceeded(false);
                    }
                }
            }
            starting.merge(group, 1, Integer::sum);
            if (!function.equals(group)) {
                starting.merge(function, 1, Integer::sum);
            }
        }
        if (evicted != null) {
            discard(evicted);
        }
        E started;
        try {
            started = starter.get();
            all.put(started.id(), started);
        } finally {
            synchronized (this) {
                starting.merge(group, -1, Integer::sum);
                if (!function.equals(group)) {
                    starting.merge(function, -1, Integer::sum);
                }
            }
        }
        synchronized (this) {
            if (closed) {
                all.remove(started.id());
                started.stop();
                throw new IllegalStateException("the environment pool is closed");
            }
        }
        return started;
    }

    /** The oldest idle environment in {@code group}, taken out of the idle lists; null when none. Called under the lock. */
    private E evictIdle(String group) {
        Idle<E> oldest = null;
        for (Map.Entry<String, Deque<Idle<E>>> entry : idle.entrySet()) {
            if (entry.getKey().startsWith(group) && !entry.getValue().isEmpty()) {
                Idle<E> last = entry.getValue().peekLast();
                if (oldest == null || last.since() < oldest.since()) {
                    oldest = last;
                }
            }
        }
        if (oldest == null) {
            return null;
        }
        idle.get(oldest.environment().key()).removeLastOccurrence(oldest);
        return oldest.environment();
    }

    /** Every environment the caller may have is busy: the caller is throttled. */
    public static final class LimitExceeded extends RuntimeException {
        private final boolean reserved;

        public LimitExceeded() {
            this(false);
        }

        /** @param reserved true when the function's own limit was reached, false for the group's (the account's) */
        public LimitExceeded(boolean reserved) {
            super("concurrency limit reached", null, false, false);
            this.reserved = reserved;
        }

        /** Whether the function's reserved concurrency (rather than the account's limit) was reached. */
        public boolean reserved() {
            return reserved;
        }
    }

    /** Hands an environment back after an invocation; a dead one is forgotten. */
    public void release(E environment) {
        if (!environment.alive()) {
            discard(environment);
            return;
        }
        synchronized (this) {
            if (!closed) {
                idle.computeIfAbsent(environment.key(), k -> new ArrayDeque<>()).addFirst(new Idle<>(environment, clock.millis()));
                return;
            }
        }
        discard(environment);
    }

    /** Stops an environment that must not run again (timed out, crashed, failed to start). */
    public void discard(E environment) {
        all.remove(environment.id());
        environment.stop();
    }

    /** The environment with this id, busy or idle; how the Runtime API finds the caller. */
    public Optional<E> byId(String id) {
        return Optional.ofNullable(all.get(id));
    }

    /** Stops idle environments unused for longer than the idle time; returns how many. */
    public int stopIdle() {
        long cutoff = clock.millis() - idleTime.toMillis();
        return stopIdleWhere(i -> i.since() <= cutoff);
    }

    /** Stops the idle environments whose key passes {@code filter} (a function updated or deleted). */
    public int stopIdleOf(Predicate<String> filter) {
        return stopIdleWhere(i -> filter.test(i.environment().key()));
    }

    private int stopIdleWhere(Predicate<Idle<E>> which) {
        List<E> stopping = new ArrayList<>();
        synchronized (this) {
            for (Deque<Idle<E>> queue : idle.values()) {
                queue.removeIf(i -> {
                    if (which.test(i) || !i.environment().alive()) {
                        stopping.add(i.environment());
                        return true;
                    }
                    return false;
                });
            }
            idle.values().removeIf(Deque::isEmpty);
        }
        stopping.forEach(this::discard);
        return stopping.size();
    }

    /** How many environments exist, busy or idle. */
    public int size() {
        return all.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            idle.clear();
        }
        for (E e : List.copyOf(all.values())) {
            discard(e);
        }
    }
}
