package io.haneul.core.io;

import java.io.IOException;
import java.io.InputStream;

/** Small pieces shared by Haneul's own streams, which all do their work in the bulk {@code read}. */
public final class InputStreams {

    private InputStreams() {
    }

    /** {@link InputStream#read()} through the stream's bulk read, so the checks there apply to single bytes too. */
    public static int readOneByte(InputStream in) throws IOException {
        byte[] one = new byte[1];
        int n = in.read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }
}
