package io.haneul.s3.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * S3's listing rules over rows in key order, shared by ListObjects(V2), ListObjectVersions and
 * ListMultipartUploads: keys under a prefix; with a delimiter, keys that contain it after the
 * prefix roll up into one common prefix; entries and common prefixes together count against the
 * page size; a page ends where the next entry would exceed it.
 */
public final class Listing {

    private Listing() {
    }

    /**
     * Where a scan resumes: rows from {@code key} on when {@code inclusive}, else rows after
     * {@code (key, id)} in (key ascending, id descending) order, i.e. later keys and, under the same
     * key, rows of smaller id (older versions). Use id 0 to resume after every row of the key.
     */
    public record Cursor(String key, boolean inclusive, long id) {
        public static Cursor start() {
            return new Cursor("", true, 0);
        }

        public static Cursor after(String key) {
            return new Cursor(key, false, 0);
        }
    }

    /** Rows after a cursor, under a prefix, in key order, at most {@code limit}. */
    @FunctionalInterface
    public interface Source<T> {
        List<T> fetch(Cursor after, String prefix, int limit);
    }

    /**
     * One page.
     *
     * @param items          entries, in order
     * @param commonPrefixes rolled-up prefixes, in order
     * @param truncated      whether more follow
     * @param lastKey        the last key or common prefix in the page (V1's NextMarker), or null
     * @param lastItem       the last entry in the page when it was an entry, else null
     * @param next           where the next page starts, when truncated
     */
    public record Page<T>(List<T> items, List<String> commonPrefixes, boolean truncated, String lastKey, T lastItem, Cursor next) {
    }

    public static <T> Page<T> list(Source<T> source, Function<T, String> keyOf, ToLongFunction<T> idOf, String prefix,
                                   String delimiter, Cursor from, int max) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        List<T> items = new ArrayList<>();
        Set<String> prefixes = new LinkedHashSet<>();
        if (max <= 0) {
            return new Page<>(items, List.of(), false, null, null, null);
        }
        Cursor cursor = from;
        int count = 0;
        boolean truncated = false;
        String lastKey = null;
        T lastItem = null;
        outer:
        while (true) {
            int want = Math.min(max - count + 1, 1001);
            List<T> batch = source.fetch(cursor, p, want);
            for (T row : batch) {
                String key = keyOf.apply(row);
                String common = null;
                if (d != null) {
                    int at = key.indexOf(d, p.length());
                    if (at >= 0) {
                        common = key.substring(0, at + d.length());
                    }
                }
                if (count == max) {
                    truncated = true;
                    break outer;
                }
                count++;
                if (common != null) {
                    prefixes.add(common);
                    lastKey = common;
                    lastItem = null;
                    String successor = Keys.successor(common);
                    if (successor == null) {
                        break outer;
                    }
                    cursor = new Cursor(successor, true, 0);
                    continue outer;
                }
                items.add(row);
                lastKey = key;
                lastItem = row;
                cursor = new Cursor(key, false, idOf.applyAsLong(row));
            }
            if (batch.size() < want) {
                break;
            }
        }
        return new Page<>(items, List.copyOf(prefixes), truncated, lastKey, lastItem, truncated ? cursor : null);
    }

    /**
     * The cursor for a V1 marker or V2 start-after: after it, except that a marker that is itself a
     * common prefix under this delimiter resumes past every key it rolls up.
     */
    public static Cursor afterMarker(String marker, String prefix, String delimiter) {
        if (marker == null || marker.isEmpty()) {
            return Cursor.start();
        }
        String p = prefix == null ? "" : prefix;
        if (delimiter != null && !delimiter.isEmpty() && marker.startsWith(p) && marker.endsWith(delimiter)
                && marker.indexOf(delimiter, p.length()) == marker.length() - delimiter.length()) {
            String successor = Keys.successor(marker);
            if (successor != null) {
                return new Cursor(successor, true, 0);
            }
        }
        return Cursor.after(marker);
    }
}
