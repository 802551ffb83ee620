package io.haneul.storage;

import java.util.function.Consumer;

/**
 * Best-effort wake-up signals between parts of Haneul and between nodes, e.g. "a message arrived
 * on queue X" so that long polls re-check the store at once instead of sleeping out their timeout.
 * Delivery is at most once and may be lost (a reconnect, a crash); the store stays the truth, so a
 * subscriber must re-read it and still poll on a timeout. Publish after the write that the signal
 * announces has returned. Listeners run on the publisher's thread or the notifier's listener
 * thread, so they must be quick (hand real work to another thread) and must not throw.
 * Get the instance bound to a database from {@link Database#notifier()}.
 */
public interface Notifier extends AutoCloseable {

    /**
     * Delivers {@code payload} to every subscriber of {@code channel}: this process's at once,
     * other nodes' through the database when it is shared.
     *
     * @param channel any non-empty string without line breaks
     * @param payload short text, null meaning "" (PostgreSQL allows under 8000 bytes including the channel)
     */
    void publish(String channel, String payload);

    /**
     * As {@link #publish}, but the caller does not wait for the other nodes' delivery: this
     * process's subscribers are called at once, and on a shared database a background sender
     * sends, in one transaction, every distinct notification queued since its previous round. A
     * burst of identical publications (messages sent to one queue) thus costs one notification per
     * round instead of one per call. Prefer it for wake-ups on hot paths; use {@link #publish} when
     * the caller must know the notification left (cache invalidations).
     */
    default void publishCoalesced(String channel, String payload) {
        publish(channel, payload);
    }

    /** Calls {@code listener} with each payload published on {@code channel} until the subscription is closed. */
    Subscription subscribe(String channel, Consumer<String> listener);

    /** Stops delivery to all subscribers. */
    @Override
    void close();

    /** An active subscription; closing it stops delivery to its listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
