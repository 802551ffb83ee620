package io.haneul.ses.store;

/**
 * How much the captured mailbox keeps ({@code --ses-mailbox-max-messages}, {@code --ses-mailbox-max-bytes}):
 * a server that captures every message would otherwise grow its store, and each listing of it,
 * without end. The oldest messages go first.
 *
 * @param maxMessages messages kept at most
 * @param maxBytes    bytes of raw MIME kept at most
 */
public record MailboxLimits(long maxMessages, long maxBytes) {

    /** From this size on a message triggers a check at once (a few large messages can pass the byte limit). */
    private static final long LARGE_MESSAGE_BYTES = 1024 * 1024;

    public MailboxLimits {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("--ses-mailbox-max-messages and --ses-mailbox-max-bytes must be positive");
        }
    }

    /**
     * Whether the insert numbered {@code insertCount} (of this node) should check the limits: every
     * insert for small limits or a message of 1 MiB or 1 % of the byte limit, else every 1 % of the
     * message limit (at most 16). The mailbox passes its limits by about 1 % at most (16 MiB for
     * the bytes), and a busy server does not total the whole mailbox on every message.
     */
    boolean due(long insertCount, long rawBytes) {
        long every = Math.max(1, Math.min(16, maxMessages / 100));
        return rawBytes >= Math.min(LARGE_MESSAGE_BYTES, maxBytes / 100) || insertCount % every == 0;
    }
}
