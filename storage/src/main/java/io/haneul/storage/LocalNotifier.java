package io.haneul.storage;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process {@link Notifier}: the whole notifier for SQLite (one process owns the database)
 * and the local half of the PostgreSQL one. Listeners run synchronously on the publisher's thread;
 * one that throws is logged and does not stop the others.
 */
public final class LocalNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(LocalNotifier.class);

    private final ConcurrentHashMap<String, Set<Listener>> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Identity matters: the same Consumer subscribed twice is two subscriptions. */
    private static final class Listener {
        final Consumer<String> consumer;

        Listener(Consumer<String> consumer) {
            this.consumer = consumer;
        }
    }

    @Override
    public void publish(String channel, String payload) {
        Objects.requireNonNull(channel, "channel");
        if (closed) {
            return;
        }
        Set<Listener> listeners = channels.get(channel);
        if (listeners == null) {
            return;
        }
        String delivered = payload == null ? "" : payload;
        for (Listener listener : listeners) {
            try {
                listener.consumer.accept(delivered);
            } catch (RuntimeException e) {
                LOG.warn("a listener on channel {} failed", channel, e);
            }
        }
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> consumer) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(consumer, "consumer");
        if (closed) {
            throw new IllegalStateException("notifier is closed");
        }
        Listener listener = new Listener(consumer);
        channels.compute(channel, (k, set) -> {
            Set<Listener> listeners = set == null ? new CopyOnWriteArraySet<>() : set;
            listeners.add(listener);
            return listeners;
        });
        return () -> channels.computeIfPresent(channel, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void close() {
        closed = true;
        channels.clear();
    }
}
