package io.haneul.sagemaker.script;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a script's output line by line with a cap on a line's length: {@code BufferedReader.readLine} would hold a
 * script's whole output in memory when it never writes a newline (a progress bar, a binary dump). The rest of a
 * longer line is dropped.
 */
final class BoundedLines {

    /** The longest line kept, in characters. */
    static final int MAX_LINE = 256 * 1024;

    private BoundedLines() {
    }

    /** The next line (without its terminator) cut to {@code max} characters, or null at the end of the stream. */
    static String readLine(Reader in, int max) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (line.length() < max) {
                line.append((char) c);
            }
        }
        if (!any) {
            return null;
        }
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
            line.setLength(last);
        }
        return line.toString();
    }
}
