package io.haneul.core.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads a {@link CredentialsStore} from a text file with one key per line:
 * <pre>
 * # ACCESS_KEY_ID        SECRET_ACCESS_KEY                          ACCOUNT_ID     [admin]
 * AKIAIOSFODNN7EXAMPLE   wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY   123456789012
 * AKIAADMINEXAMPLE0001   je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY   123456789012   admin
 * </pre>
 * Fields are separated by spaces or tabs; {@code #} starts a comment line; blank lines are ignored.
 * The optional fourth field, the word {@code admin} (any case), marks a key that may see and act on
 * every account through Haneul's internal endpoints ({@code /_haneul/...}, {@code /_aws/...}: captured
 * mail, outboxes, metrics, the S3 lifecycle trigger); other keys see their own account only there. A
 * three-field line is an ordinary key, so files written before the flag existed load unchanged.
 *
 * <p>Why this format: operators write it by hand, so every malformed line is reported with its line
 * number (all at once, never echoing a secret) instead of silently skipping keys.
 */
public final class CredentialsFile {

    private static final Pattern FIELDS = Pattern.compile("[ \\t]+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** The fourth field that marks an admin key. */
    public static final String ADMIN = "admin";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    private CredentialsFile() {
    }

    /** Loads the file (UTF-8). */
    public static CredentialsStore load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CredentialsStore.of(parse(reader, file.toString()));
        } catch (IOException e) {
            throw new CredentialsFileException("Cannot read credentials file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses file content given as a string. */
    public static List<Credentials> parse(String content, String source) {
        return parse(new StringReader(content), source);
    }

    /**
     * Parses credentials lines.
     *
     * @param source name used in error messages (a path, or "inline")
     * @throws CredentialsFileException listing every malformed line
     */
    public static List<Credentials> parse(Reader content, String source) {
        List<Credentials> result = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        BufferedReader reader = content instanceof BufferedReader br ? br : new BufferedReader(content);
        int lineNo = 0;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                String trimmed = line.strip();
                if (lineNo == 1 && trimmed.startsWith("\uFEFF")) {
                    trimmed = trimmed.substring(1).strip();
                }
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] f = FIELDS.split(trimmed);
                boolean admin = f.length == 4 && ADMIN.equalsIgnoreCase(f[3]);
                if (f.length != 3 && !admin) {
                    // a fourth field that is not the flag is most likely a secret with a space: never echoed
                    problems.add("line " + lineNo + ": expected 3 fields (ACCESS_KEY_ID SECRET_ACCESS_KEY ACCOUNT_ID) and an optional '"
                            + ADMIN + "', found " + f.length);
                    continue;
                }
                boolean ok = true;
                if (!KEY_ID.matcher(f[0]).matches()) {
                    problems.add("line " + lineNo + ": access key id must be 1-128 letters, digits, '_', '.' or '-'");
                    ok = false;
                }
                if (!ACCOUNT.matcher(f[2]).matches()) {
                    problems.add("line " + lineNo + ": account id must be 12 digits");
                    ok = false;
                }
                Integer previous = ok ? seen.putIfAbsent(f[0], lineNo) : null;
                if (previous != null) {
                    problems.add("line " + lineNo + ": access key id " + f[0] + " already defined on line " + previous);
                    ok = false;
                }
                if (ok) {
                    result.add(new Credentials(f[0], f[1], f[2], null, admin));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new CredentialsFileException(source, problems);
        }
        return List.copyOf(result);
    }
}
