package io.haneul.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A request body read into memory within a size limit and the server's {@link BodyBudget}. A body
 * of declared length reserves all of it before the first byte is read (and is read into one array
 * of that size); a chunked body reserves as it grows (64 KiB, then 256 KiB steps), plus its final
 * copy when it came in several steps. The reservation is held until {@link #close}, i.e. until
 * the request has been answered.
 */
public final class BufferedBody implements AutoCloseable {

    /** What a read came to. */
    public enum Outcome { READ, TOO_LARGE, BUSY }

    private static final int STEP = 256 * 1024;
    /**
     * How long a chunked body that already holds part of the budget waits for more: briefly, since
     * bodies that each hold some and wait for more would otherwise keep one another out until all
     * time out.
     */
    private static final Duration GROWTH_WAIT = Duration.ofMillis(100);
    /** The largest array the JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final BodyBudget budget;
    private final Outcome outcome;
    private final byte[] bytes;
    private long reserved;

    private BufferedBody(BodyBudget budget, Outcome outcome, byte[] bytes, long reserved) {
        this.budget = budget;
        this.outcome = outcome;
        this.bytes = bytes;
        this.reserved = reserved;
    }

    /**
     * Reads the body.
     *
     * @param declared the length the client declared, or -1 when unknown (chunked); a body longer
     *                 than declared is {@link Outcome#TOO_LARGE}, a shorter one is what arrived
     * @param limit    the most bytes this request may carry (the service's and the server's limit);
     *                 a body larger than the budget's {@link BodyBudget#largestBody} is too large too
     * @param wait     how long to wait for the budget before answering {@link Outcome#BUSY}
     * @throws IOException when the connection or the stream's verification fails
     */
    public static BufferedBody read(InputStream in, long declared, long limit, BodyBudget budget, Duration wait)
            throws IOException, InterruptedException {
        long bounded = Math.min(Math.min(limit, MAX_ARRAY), budget.largestBody()); // more can never be held
        if (declared > bounded) {
            return new BufferedBody(budget, Outcome.TOO_LARGE, null, 0);
        }
        return declared >= 0 ? readDeclared(in, (int) declared, budget, wait) : readChunked(in, bounded, budget, wait);
    }

    private static BufferedBody readDeclared(InputStream in, int length, BodyBudget budget, Duration wait)
            throws IOException, InterruptedException {
        if (!budget.tryReserve(length, wait)) {
            return new BufferedBody(budget, Outcome.BUSY, null, 0);
        }
        try {
            byte[] bytes = new byte[length];
            int n = in.readNBytes(bytes, 0, length);
            if (n == length && in.read() >= 0) { // read to the end: a verifying stream checks there
                budget.release(length);
                return new BufferedBody(budget, Outcome.TOO_LARGE, null, 0);
            }
            return new BufferedBody(budget, Outcome.READ, n == length ? bytes : Arrays.copyOf(bytes, n), length);
        } catch (IOException | RuntimeException e) {
            budget.release(length);
            throw e;
        }
    }

    private static BufferedBody readChunked(InputStream in, long limit, BodyBudget budget, Duration wait)
            throws IOException, InterruptedException {
        List<byte[]> chunks = new ArrayList<>();
        long total = 0;
        long reserved = 0;
        try {
            while (true) {
                int step = chunks.isEmpty() ? (int) BodyBudget.SMALL : STEP; // a small body stays a small reservation
                if (!budget.tryReserve(step, chunks.isEmpty() ? wait : GROWTH_WAIT)) {
                    budget.release(reserved);
                    return new BufferedBody(budget, Outcome.BUSY, null, 0);
                }
                reserved += step;
                byte[] chunk = in.readNBytes(step);
                total += chunk.length;
                if (total > limit) {
                    budget.release(reserved);
                    return new BufferedBody(budget, Outcome.TOO_LARGE, null, 0);
                }
                chunks.add(chunk);
                if (chunk.length < step) {
                    break;
                }
            }
            if (chunks.size() == 1) {
                budget.release(reserved - total);
                return new BufferedBody(budget, Outcome.READ, chunks.getFirst(), total);
            }
            if (!budget.tryReserve(total, wait)) { // the joined copy, while the chunks are still held
                budget.release(reserved);
                return new BufferedBody(budget, Outcome.BUSY, null, 0);
            }
            byte[] joined = new byte[(int) total];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, joined, at, chunk.length);
                at += chunk.length;
            }
            budget.release(reserved); // the chunks are garbage now; the joined copy keeps its own reservation
            return new BufferedBody(budget, Outcome.READ, joined, total);
        } catch (IOException | RuntimeException | InterruptedException e) {
            budget.release(reserved);
            throw e;
        }
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The body, when {@link #outcome} is {@link Outcome#READ}. */
    public byte[] bytes() {
        return bytes;
    }

    /** Gives the reserved bytes back; call once the request has been answered. */
    @Override
    public void close() {
        budget.release(reserved);
        reserved = 0;
    }
}
