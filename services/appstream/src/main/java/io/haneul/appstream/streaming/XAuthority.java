package io.haneul.appstream.streaming;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A session's X authority file: one MIT-MAGIC-COOKIE-1 entry for any host ({@code FamilyWild}), so
 * that only the session's own processes (which get the file) can connect to its display. Xvnc reads
 * the same file with {@code -auth}. The format is Xlib's: a big-endian family, then counted strings.
 */
final class XAuthority {

    private static final int FAMILY_WILD = 0xFFFF;

    private XAuthority() {
    }

    static byte[] newCookie(SecureRandom random) {
        byte[] cookie = new byte[16];
        random.nextBytes(cookie);
        return cookie;
    }

    /** The file's bytes for display {@code number} with {@code cookie}. */
    static byte[] file(int number, byte[] cookie) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeShort(FAMILY_WILD);
            counted(out, new byte[0]);
            counted(out, Integer.toString(number).getBytes(StandardCharsets.US_ASCII));
            counted(out, "MIT-MAGIC-COOKIE-1".getBytes(StandardCharsets.US_ASCII));
            counted(out, cookie);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void counted(DataOutputStream out, byte[] value) throws IOException {
        out.writeShort(value.length);
        out.write(value);
    }
}
