package io.haneul.ses.smtp;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bytes of SMTP messages that may be processed in memory at the same time. Sending a message
 * holds several copies of it (the bytes read, the rewritten headers and body, the DKIM-signed
 * copy, the database parameter), so many large messages at once could exhaust the heap; a message
 * that does not fit waits briefly, then its client is told to try again later. Counted in KiB so
 * that budgets beyond 2 GiB fit a semaphore.
 */
final class MemoryBudget {

    /** Copies of a message alive while it is sent. */
    static final int COPIES_WHILE_SENDING = 4;

    private final Semaphore kib;
    private final long totalKib;

    MemoryBudget(long bytes) {
        this.totalKib = Math.max(1, Math.min(Integer.MAX_VALUE, bytes / 1024));
        this.kib = new Semaphore((int) totalKib, true);
    }

    /** The KiB a message of this size holds while it is sent. */
    static long cost(long messageBytes) {
        return (messageBytes * COPIES_WHILE_SENDING + 1023) / 1024;
    }

    /** True when a message of this size could ever be processed. */
    boolean fits(long messageBytes) {
        return cost(messageBytes) <= totalKib;
    }

    /** Takes the message's share, waiting at most {@code wait}; false when memory stays short. */
    boolean tryAcquire(long messageBytes, long wait, TimeUnit unit) throws InterruptedException {
        return kib.tryAcquire((int) cost(messageBytes), wait, unit);
    }

    void release(long messageBytes) {
        kib.release((int) cost(messageBytes));
    }
}
