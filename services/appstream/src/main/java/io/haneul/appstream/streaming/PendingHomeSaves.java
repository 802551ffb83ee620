package io.haneul.appstream.streaming;

import java.util.HashMap;
import java.util.Map;

/**
 * Home folders whose last save (at a session's end) has not landed yet. A session's end registers its
 * save before the session is gone, so the same user's next session, which may open at once, restores
 * the folder only after that save: never the folder as it was before.
 */
final class PendingHomeSaves {

    /** Saves not yet landed, per account, bucket and prefix. */
    private final Map<String, Integer> pending = new HashMap<>();

    /** A save of {@code folder} is coming: restores of it wait until it is {@link #done}. */
    synchronized void begin(HomeFolder folder) {
        pending.merge(key(folder), 1, Integer::sum);
    }

    /** The save {@link #begin} announced landed (or failed). */
    synchronized void done(HomeFolder folder) {
        pending.computeIfPresent(key(folder), (k, n) -> n == 1 ? null : n - 1);
        notifyAll();
    }

    /** Waits until no save of {@code folder} is pending. */
    synchronized void awaitNone(HomeFolder folder) throws StreamingException {
        String key = key(folder);
        while (pending.containsKey(key)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamingException("interrupted while the home folder's last save was landing", false);
            }
        }
    }

    private static String key(HomeFolder folder) {
        return folder.account() + "\n" + folder.bucket() + "\n" + folder.prefix();
    }
}
