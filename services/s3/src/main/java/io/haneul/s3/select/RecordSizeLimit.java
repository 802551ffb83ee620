package io.haneul.s3.select;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * S3 Select's 1 MB cap on one input record, enforced while reading: the CSV or JSON parser reads
 * through a counter that the record iterator resets at each record, so an unclosed CSV quote or a huge
 * JSON value stops at about 1 MB with {@code OverMaxRecordSize} instead of being read whole into memory.
 * The parsers read ahead by a buffer, so the counter allows that much slack; the parsed CSV record is
 * then checked exactly ({@link #check}).
 */
final class RecordSizeLimit {

    /** AWS's maximum length of a record in the input or result. */
    static final int MAX_RECORD = 1024 * 1024;
    /** The parsers' read-ahead (Commons CSV and Jackson buffer 8 K characters or bytes). */
    private static final int READ_AHEAD = 64 * 1024;

    private long count;

    /** A new record starts: what is read from here on counts toward it. */
    void startRecord() {
        count = 0;
    }

    /** Refuses a record whose parsed length is over the cap. */
    static void check(long length) {
        if (length > MAX_RECORD) {
            throw overMax();
        }
    }

    private void add(long n) {
        count += n;
        if (count > MAX_RECORD + READ_AHEAD) {
            throw overMax();
        }
    }

    private static SelectException overMax() {
        return new SelectException("OverMaxRecordSize", "The length of a record in the input or result is greater than maxCharsPerRecord of 1 MB.");
    }

    /** {@code in}, counted toward this limit (characters). */
    Reader reader(Reader in) {
        return new FilterReader(in) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    add(1);
                }
                return c;
            }

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }
        };
    }

    /** {@code in}, counted toward this limit (bytes). */
    InputStream stream(InputStream in) {
        return new CountingStream(in, this::add);
    }
}
