package io.haneul.s3.select;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The object's stored bytes as S3 Select reads them, with their read failures marked: a blob that is
 * gone or a storage error surfaces through the parsers (wrapped by Commons CSV, passed on by Jackson and
 * GZIP) as a {@link ReadFailure}, which {@link #failed} finds again, so that it is answered as S3's
 * {@code InternalError} and never mistaken for bad data ({@code CSVParsingError},
 * {@code InvalidCompressionFormat}).
 */
public final class ObjectInput extends FilterInputStream {

    /** Reading the object's bytes failed: the storage's fault, not the data's. */
    public static final class ReadFailure extends IOException {
        ReadFailure(Throwable cause) {
            super("reading the object failed: " + cause.getMessage(), cause);
        }
    }

    /** How deep {@link #failed} looks through causes (parsers wrap a failure once or twice). */
    private static final int MAX_DEPTH = 8;

    public ObjectInput(InputStream stored) {
        super(stored);
    }

    /** Whether {@code t}, or one of its causes, is a failure to read the object's bytes. */
    public static boolean failed(Throwable t) {
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof ReadFailure) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException | RuntimeException e) {
            throw new ReadFailure(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw new ReadFailure(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException | RuntimeException e) {
            throw new ReadFailure(e);
        }
    }
}
