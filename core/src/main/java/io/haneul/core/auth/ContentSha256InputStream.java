package io.haneul.core.auth;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Checks a streamed body against the hex SHA-256 its signer declared in {@code x-amz-content-sha256}
 * ({@link SigV4Identity#contentSha256()}) without buffering it; at end of stream a mismatch raises
 * {@link BodyVerificationException} with S3's {@code XAmzContentSHA256Mismatch}. Consumers must treat
 * the bytes as unverified until {@code read} returns -1.
 */
public final class ContentSha256InputStream extends FilterInputStream {

    private final String expectedHex;
    private final MessageDigest sha256 = SigV4.sha256();
    private boolean checked;

    public ContentSha256InputStream(InputStream body, String expectedHex) {
        super(body);
        this.expectedHex = expectedHex;
    }

    /** Wraps the body when the identity declares a digest still to check; otherwise returns it as is. */
    public static InputStream wrap(InputStream body, SigV4Identity identity) {
        return identity.contentSha256().<InputStream>map(h -> new ContentSha256InputStream(body, h)).orElse(body);
    }

    @Override
    public int read() throws IOException {
        return io.haneul.core.io.InputStreams.readOneByte(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            sha256.update(b, off, n);
        } else if (n < 0 && !checked) {
            checked = true;
            String computed = SigV4.hex(sha256.digest());
            if (!computed.equalsIgnoreCase(expectedHex)) {
                throw new BodyVerificationException(AuthErrors.contentSha256Mismatch(expectedHex, computed));
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
