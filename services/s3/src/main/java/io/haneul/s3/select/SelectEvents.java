package io.haneul.s3.select;

import io.haneul.core.eventstream.EventStreamMessages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.function.Function;

/**
 * The answer of SelectObjectContent, produced as the client reads it: {@code Records} events of at
 * most 64 KiB of output records, each made when the reader has taken the one before (records are
 * computed as they are sent, never held all at once), then {@code Stats} and {@code End}, in AWS's
 * event-stream encoding. The first events are made by {@link #start()} before the answer begins, so a
 * query that fails on its first records is still a 400 error; a failure after that ends the stream with
 * an error event ({@code :error-code}, {@code :error-message}), as AWS ends a stream it has begun.
 * Closing it closes the object's bytes.
 */
public final class SelectEvents extends InputStream {

    /** The most output record bytes one Records event carries. */
    public static final int RECORDS_CHUNK = 64 * 1024;

    private final Iterator<SelectRun.Output> outputs;
    private final Function<SelectRun.Output, String> lines;
    private final CountingStream input;
    private final long scanned;
    private long returned;
    private byte[] pending = new byte[0];
    private int at;
    private boolean started;
    private boolean finished;

    /**
     * @param lines   an output record as text, with its record delimiter
     * @param input   the object's (uncompressed) bytes the records are read from; closed at the end
     * @param scanned the object's stored size (BytesScanned)
     */
    public SelectEvents(Iterator<SelectRun.Output> outputs, Function<SelectRun.Output, String> lines, CountingStream input,
                        long scanned) {
        this.outputs = outputs;
        this.lines = lines;
        this.input = input;
        this.scanned = scanned;
    }

    /**
     * Makes the first events (the whole answer when it fits one Records event).
     *
     * @throws SelectException when the query fails on the data before any record is sent
     */
    public void start() {
        advance();
        started = true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (at == pending.length) {
            if (finished) {
                return -1;
            }
            advance();
        }
        int n = Math.min(len, pending.length - at);
        System.arraycopy(pending, at, b, off, n);
        at += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        input.close();
    }

    /** The next events: a Records event, and after the last records Stats and End (or an error event). */
    private void advance() {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        RuntimeException failure = null;
        boolean more = true;
        try {
            while (records.size() < RECORDS_CHUNK && (more = outputs.hasNext())) {
                byte[] bytes = lines.apply(outputs.next()).getBytes(StandardCharsets.UTF_8);
                returned += bytes.length;
                records.writeBytes(bytes);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure != null && !started) {
            throw SelectException.of(failure, "InvalidDataType");
        }
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        if (records.size() > 0) {
            events.writeBytes(EventStreamMessages.event("Records", "application/octet-stream", records.toByteArray()));
        }
        if (failure != null) {
            SelectException e = SelectException.of(failure, "InvalidDataType");
            events.writeBytes(EventStreamMessages.error(e.code(), e.getMessage()));
            finish();
        } else if (!more) {
            String stats = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Stats><BytesScanned>" + scanned + "</BytesScanned><BytesProcessed>"
                    + input.count() + "</BytesProcessed><BytesReturned>" + returned + "</BytesReturned></Stats>";
            events.writeBytes(EventStreamMessages.event("Stats", "text/xml", stats.getBytes(StandardCharsets.UTF_8)));
            events.writeBytes(EventStreamMessages.event("End", null, new byte[0]));
            finish();
        }
        pending = events.toByteArray();
        at = 0;
    }

    private void finish() {
        finished = true;
        try {
            input.close();
        } catch (IOException e) {
            // the answer is complete; the object's bytes are no longer needed
        }
    }
}
