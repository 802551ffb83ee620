package io.haneul.appstream.streaming;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The X authority entry Xvnc and the session's clients read: FamilyWild, display number, MIT cookie. */
class XAuthorityTest {

    @Test
    void writesOneWildEntryForTheDisplay() throws IOException {
        byte[] cookie = new byte[16];
        for (int i = 0; i < cookie.length; i++) {
            cookie[i] = (byte) i;
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(XAuthority.file(104, cookie)));
        assertEquals(0xFFFF, in.readUnsignedShort());
        assertEquals("", counted(in));
        assertEquals("104", counted(in));
        assertEquals("MIT-MAGIC-COOKIE-1", counted(in));
        assertEquals(16, in.readUnsignedShort());
        byte[] read = new byte[16];
        in.readFully(read);
        assertArrayEquals(cookie, read);
        assertEquals(-1, in.read());
    }

    private static String counted(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readUnsignedShort()];
        in.readFully(b);
        return new String(b);
    }
}
