package io.haneul.storage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications on their way to the other nodes, sent by one virtual thread at a time so that the
 * caller never waits for them. Each round takes every distinct message queued since the previous
 * round and hands them to the sender together (one transaction on PostgreSQL): a burst of sends to
 * one queue costs one {@code NOTIFY}, and the other nodes' listeners wake once per round rather
 * than once per message. Under load a round's messages gather while the previous round commits,
 * so no timer is needed; when idle, a message goes out at once.
 */
final class NotifyOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyOutbox.class);
    /** Most messages in one round; the rest wait for the next (keeps one statement's array bounded). */
    static final int MAX_ROUND = 500;

    private final Consumer<List<String>> sender;
    private final Object lock = new Object();
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    /** True while a sending thread runs; pending is never left non-empty without one. */
    private boolean draining;

    /** @param sender sends one round; a failure drops that round (notifications are best effort) */
    NotifyOutbox(Consumer<List<String>> sender) {
        this.sender = sender;
    }

    /** Queues a message; identical messages queued before the next round goes out are sent once. */
    void add(String message) {
        synchronized (lock) {
            if (!pending.add(message) || draining) {
                return;
            }
            draining = true;
        }
        try {
            Thread.ofVirtual().name("haneul-notify-outbox").start(this::drain);
        } catch (Throwable e) {
            // No thread to drain: a later add must be able to start one, or cross-node wake-ups stop for good.
            stopDraining();
            throw e;
        }
    }

    private void stopDraining() {
        synchronized (lock) {
            draining = false;
        }
    }

    private void drain() {
        while (true) {
            List<String> round;
            synchronized (lock) {
                if (pending.isEmpty()) {
                    draining = false;
                    return;
                }
                round = new ArrayList<>(Math.min(pending.size(), MAX_ROUND));
                var it = pending.iterator();
                while (it.hasNext() && round.size() < MAX_ROUND) {
                    round.add(it.next());
                    it.remove();
                }
            }
            try {
                sender.accept(round);
            } catch (Throwable e) {
                // Best effort, as the Notifier contract says: waiters re-read the store on their timeout. Errors too:
                // were this thread to end, draining would stay true and no later message would ever go out.
                LOG.debug("dropping {} notifications: {}", round.size(), e.toString());
            }
        }
    }
}
