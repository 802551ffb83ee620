package io.haneul.lambda;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The body of a streamed answer: pieces put by the invocation as they come, read by the server as
 * it writes them out (with no length: chunked). Unbounded, since a function's output is bounded by
 * its timeout and the response limit; {@link #end} marks the last piece, {@link #fail} a broken end.
 */
final class EventPipe extends InputStream {

    private static final byte[] END = new byte[0];
    private static final byte[] FAILED = new byte[0];

    private final LinkedBlockingQueue<byte[]> pieces = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    void put(byte[] piece) {
        if (piece.length > 0) {
            pieces.add(piece);
        }
    }

    void end() {
        pieces.add(END);
    }

    /**
     * Ends the body as broken: the reader gets the pieces put before, then an {@link java.io.IOException},
     * so the server ends the answer without its last chunk and the client can tell it is incomplete.
     */
    void fail() {
        pieces.add(FAILED);
    }

    @Override
    public int read() throws java.io.IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws java.io.IOException {
        if (length == 0) {
            return 0;
        }
        while (!ended && position == current.length) {
            try {
                current = pieces.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("stream interrupted");
            }
            position = 0;
            if (current == FAILED) {
                ended = true;
                throw new java.io.IOException("the function failed after it started streaming");
            }
            ended = current == END;
        }
        if (ended) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, into, offset, n);
        position += n;
        return n;
    }
}
