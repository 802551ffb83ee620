package io.haneul.sqs.store;

import io.haneul.storage.Notifier;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Queue rows by name, kept for a short time: every request names its queue, and re-reading and
 * re-parsing the row each time was a large share of a send's cost. A change on this node drops the
 * entry at once; on a shared database (PostgreSQL) the change is also announced through the store's
 * {@link Notifier} (the path that wakes long polls), so other nodes drop theirs within milliseconds
 * rather than when the entry expires. Notifications may be lost (a reconnect), so entries still
 * expire after {@code ttlNanos}, and a send re-checks in its transaction that the queue exists.
 */
final class QueueCache implements AutoCloseable {

    static final String CHANNEL = "sqs_queue_changed";
    /** The most names kept: misses are cached too, so a client naming queues at random must not grow the map. */
    static final int MAX_ENTRIES = 10_000;

    private record Key(String account, String region, String name) {
    }

    private record Entry(Optional<QueueRecord> queue, long loadedAt) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final Notifier notifier;
    private final Notifier.Subscription subscription;

    /** @param notifier null on an unshared database (SQLite): changes are then only local */
    QueueCache(long ttlNanos, Notifier notifier) {
        this.ttlNanos = ttlNanos;
        this.notifier = notifier;
        this.subscription = notifier == null ? null : notifier.subscribe(CHANNEL, this::onRemoteChange);
    }

    Optional<QueueRecord> get(String account, String region, String name, Supplier<Optional<QueueRecord>> load) {
        Key key = new Key(account, region, name);
        Entry cached = entries.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt() < ttlNanos) {
            return cached.queue();
        }
        Optional<QueueRecord> found = load.get();
        entries.put(key, new Entry(found, now));
        if (entries.size() > MAX_ENTRIES) {
            entries.values().removeIf(e -> now - e.loadedAt() >= ttlNanos);
            if (entries.size() > MAX_ENTRIES) {
                entries.clear(); // rare: everything is re-read within one TTL
            }
        }
        return found;
    }

    /** How many names are kept now (for tests). */
    int size() {
        return entries.size();
    }

    /** The queue of that name changed (created, deleted): drop it here and on the other nodes. */
    void changed(String account, String region, String name) {
        entries.remove(new Key(account, region, name));
        announce("name\t" + account + "\t" + region + "\t" + name);
    }

    /** The queue with that id changed (attributes, tags): drop it here and on the other nodes. */
    void changed(long queueId) {
        dropId(queueId);
        announce("id\t" + queueId);
    }

    private void dropId(long queueId) {
        entries.values().removeIf(e -> e.queue().map(q -> q.id() == queueId).orElse(false));
    }

    private void announce(String payload) {
        if (notifier != null) {
            try {
                notifier.publish(CHANNEL, payload);
            } catch (RuntimeException e) {
                // best effort: the entry expires on the other nodes anyway
                org.slf4j.LoggerFactory.getLogger(QueueCache.class).debug("queue change not announced: {}", e.toString());
            }
        }
    }

    /** A change announced by any node (this one's own arrive too: dropping twice is harmless). */
    private void onRemoteChange(String payload) {
        String[] f = payload.split("\t", -1);
        if (f.length == 2 && f[0].equals("id")) {
            try {
                dropId(Long.parseLong(f[1]));
            } catch (NumberFormatException ignored) {
                // not ours
            }
        } else if (f.length == 4 && f[0].equals("name")) {
            entries.remove(new Key(f[1], f[2], f[3]));
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
