package io.haneul.appstream.streaming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * File transfer between the viewer and the session's home (the stack's FILE_UPLOAD and FILE_DOWNLOAD
 * user settings): the home's files listed, one read, one written. Every access runs as the session's
 * user ({@link AsUser}), so a link in the home reaches only what that user could read or write anyway.
 */
final class SessionFiles {

    /** The largest file uploaded or downloaded. */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    /** The most files a listing shows. */
    static final int MAX_LISTED = 10_000;
    private static final int SECONDS = 30;
    /** sh: standard input to a temporary file in the session's folder ($2), renamed to the file ($1) once whole. */
    private static final String WRITE_THEN_RENAME = "set -e; mkdir -p -m 700 \"$2\"; tmp=$(mktemp \"$2/upload.XXXXXX\"); "
            + "trap 'rm -f -- \"$tmp\"' EXIT; trap 'exit 143' TERM INT; cat > \"$tmp\"; mv -f -- \"$tmp\" \"$1\"";

    /** A file of the home: its path relative to the home, and its size. */
    record Entry(String path, long size) {
    }

    private SessionFiles() {
    }

    /** The home's regular files (not the session's own folder), in the order {@code find} gives them. */
    static List<Entry> list(SessionUsers.OsUser user) throws StreamingException {
        String home = user.home().toString();
        Process find = AsUser.start(user, List.of("timeout", Integer.toString(SECONDS), "find", home,
                "-path", home + "/" + HomeFolderSync.SESSION_FOLDER, "-prune", "-o", "-type", "f", "-printf", "%s\\t%P\\n"), null);
        List<Entry> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(find.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && out.size() < MAX_LISTED) {
                int tab = line.indexOf('\t');
                if (tab > 0 && HomeFolderSync.travels(line.substring(tab + 1))) {
                    out.add(new Entry(line.substring(tab + 1), Long.parseLong(line.substring(0, tab))));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new StreamingException("cannot list the home: " + e.getMessage(), false);
        } finally {
            reap(find);
        }
        return out;
    }

    /** A file's bytes, or empty when there is no such file the user can read (or the path leaves the home). */
    static Optional<byte[]> read(SessionUsers.OsUser user, String relative) throws StreamingException {
        if (!HomeFolderSync.travels(relative)) {
            return Optional.empty();
        }
        // timeout: a FIFO the user made would keep cat waiting
        Process cat = AsUser.start(user, List.of("timeout", Integer.toString(SECONDS), "cat", "--",
                user.home().resolve(relative).toString()), null);
        try {
            byte[] bytes = cat.getInputStream().readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                AsUser.stop(cat);
                throw new StreamingException("The file is larger than " + MAX_BYTES + " bytes.", true);
            }
            return reap(cat) == 0 ? Optional.of(bytes) : Optional.empty();
        } catch (IOException e) {
            throw new StreamingException("cannot read " + relative + ": " + e.getMessage(), false);
        } finally {
            reap(cat);
        }
    }

    /**
     * Writes (or replaces) a file directly in the home, named {@code name} (no folders). The bytes go to a
     * file in the session's own folder first, which then takes the name: an upload cut short (the session
     * ended) leaves the file as it was, never a truncated one for the home folder's last save.
     */
    static void write(SessionUsers.OsUser user, String name, byte[] content) throws StreamingException {
        if (!plainName(name)) {
            throw new IllegalArgumentException("not a file name: " + name);
        }
        Process sh = AsUser.start(user, List.of("timeout", Integer.toString(SECONDS), "sh", "-c", WRITE_THEN_RENAME, "sh",
                user.home().resolve(name).toString(), user.home().resolve(HomeFolderSync.SESSION_FOLDER).toString()), null);
        try (OutputStream in = sh.getOutputStream()) {
            in.write(content);
        } catch (IOException e) {
            reap(sh);
            throw new StreamingException("cannot write " + name + ": " + e.getMessage(), false);
        }
        if (reap(sh) != 0) {
            throw new StreamingException("cannot write " + name + " in the home", false);
        }
    }

    /** True for a name an upload may have: one path part, not the session's own folder. */
    static boolean plainName(String name) {
        return name != null && !name.contains("/") && HomeFolderSync.travels(name);
    }

    /** Waits for the helper (ending it past the timeout) and answers its exit status. */
    private static int reap(Process p) {
        try {
            if (!p.waitFor(SECONDS + 5, TimeUnit.SECONDS)) {
                AsUser.stop(p);
                p.waitFor();
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            AsUser.stop(p);
            return -1;
        }
    }
}
