package io.haneul.ses.store;

import java.util.List;

/**
 * One page of the captured mailbox, oldest first, and the token that reads the next (null on the
 * last page). A page holds at most {@link #MAX_LIMIT} messages and, past its first message,
 * {@link #MAX_BYTES} bytes of raw MIME, so that no listing reads an unbounded mailbox into memory.
 * The token is the store sequence of the page's last message: opaque to callers, stable while
 * older messages are deleted.
 */
public record MessagePage(List<MessageRow> messages, String nextToken) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    /** The sequence after which a page starts: 0 without a token. */
    static long after(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(token);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("invalid nextToken: " + token);
    }

    /** A requested page size within 1..{@link #MAX_LIMIT}. */
    static int clamp(int limit) {
        return Math.max(1, Math.min(MAX_LIMIT, limit));
    }
}
