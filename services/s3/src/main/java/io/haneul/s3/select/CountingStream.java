package io.haneul.s3.select;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A stream that counts the bytes read through it, and tells {@code onRead} of each read: S3 Select's
 * BytesProcessed, and the per-record cap ({@link RecordSizeLimit}).
 */
public final class CountingStream extends FilterInputStream {

    private final LongConsumer onRead;
    private long count;

    public CountingStream(InputStream in) {
        this(in, n -> {
        });
    }

    CountingStream(InputStream in, LongConsumer onRead) {
        super(in);
        this.onRead = onRead;
    }

    /** The bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            counted(1);
        }
        return c;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(long n) {
        count += n;
        onRead.accept(n);
    }
}
