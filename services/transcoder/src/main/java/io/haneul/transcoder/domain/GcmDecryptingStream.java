package io.haneul.transcoder.domain;

import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * AES-GCM decryption that streams: the JDK's GCM decryption holds the whole ciphertext until its tag is
 * checked, so a large input would sit in memory. GCM is CTR encryption plus a tag over the ciphertext, both
 * made by its encryption, which the JDK streams: the keystream is the GCM encryption of zeros (under the
 * same key and vector), and encrypting the recovered plaintext again gives back the same ciphertext and so
 * the tag it must carry. The last 16 bytes of the input are that tag; a mismatch (a wrong key, a tampered
 * file) is an {@code IOException} at the end, after the plaintext was read, as with the JDK's own stream
 * for CBC's padding: the reader must not trust what it read until the end.
 */
final class GcmDecryptingStream extends InputStream {

    private static final int TAG_BYTES = 16;
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final Cipher keystream;
    private final Cipher check;
    /** Input read and not yet decrypted; its last 16 bytes may be the tag. */
    private byte[] pending = new byte[0];
    /** Keystream made and not yet used (the JDK may hold back a partial block). */
    private byte[] stream = new byte[0];
    /** Ciphertext not yet decrypted for want of keystream. */
    private byte[] carried = new byte[0];
    /** The tag of the plaintext encrypted again, known at the end. */
    private byte[] expectedTag;
    private byte[] out = new byte[0];
    private int outPos;
    private boolean done;

    /** @param keystream and {@code check}: two GCM ciphers set up to encrypt with the key and vector */
    GcmDecryptingStream(InputStream in, Cipher keystream, Cipher check) {
        this.in = in;
        this.keystream = keystream;
        this.check = check;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos == out.length) {
            if (done) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, out.length - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    private void fill() throws IOException {
        byte[] chunk = in.readNBytes(CHUNK);
        try {
            if (chunk.length == 0) {
                finish();
                return;
            }
            pending = concat(pending, chunk, chunk.length);
            int ready = pending.length - TAG_BYTES;
            if (ready <= 0) {
                out = new byte[0];
                outPos = 0;
                return;
            }
            byte[] body = Arrays.copyOf(pending, ready);
            pending = Arrays.copyOfRange(pending, ready, pending.length);
            byte[] made = keystream.update(new byte[ready]);
            stream = concat(stream, made == null ? new byte[0] : made, made == null ? 0 : made.length);
            decrypt(body, false);
        } catch (IllegalBlockSizeException | BadPaddingException e) {
            throw new IOException(e);
        }
    }

    private void finish() throws IOException, IllegalBlockSizeException, BadPaddingException {
        done = true;
        if (pending.length < TAG_BYTES) {
            throw new IOException(new AEADBadTagException("The input is shorter than a GCM tag"));
        }
        byte[] tag = pending; // exactly the last 16 bytes: everything before was decrypted already
        byte[] last = keystream.doFinal();
        // what the keystream cipher held back, less its own tag
        stream = concat(stream, last, last.length - TAG_BYTES);
        decrypt(new byte[0], true);
        if (!MessageDigest.isEqual(tag, expectedTag)) {
            throw new IOException(new AEADBadTagException("Tag mismatch: the key, vector or file is not the one encrypted"));
        }
    }

    /**
     * Decrypts what the keystream covers of the ciphertext carried so far plus {@code body}; at the end (all the
     * keystream made) the rest, and the tag of the plaintext encrypted again.
     */
    private void decrypt(byte[] body, boolean end) throws IllegalBlockSizeException, BadPaddingException {
        carried = concat(carried, body, body.length);
        int n = Math.min(carried.length, stream.length);
        byte[] plain = new byte[n];
        for (int i = 0; i < n; i++) {
            plain[i] = (byte) (carried[i] ^ stream[i]);
        }
        carried = Arrays.copyOfRange(carried, n, carried.length);
        stream = Arrays.copyOfRange(stream, n, stream.length);
        if (end) {
            byte[] sealed = check.doFinal(plain);
            expectedTag = Arrays.copyOfRange(sealed, sealed.length - TAG_BYTES, sealed.length);
        } else {
            check.update(plain);
        }
        out = plain;
        outPos = 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static byte[] concat(byte[] a, byte[] b, int bLength) {
        byte[] joined = Arrays.copyOf(a, a.length + bLength);
        System.arraycopy(b, 0, joined, a.length, bLength);
        return joined;
    }
}
