package io.haneul.swf.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Cuts listings into pages the way SWF's List* calls and histories do: {@code maximumPageSize} up to
 * 1,000 (0 or absent means 1,000), {@code nextPageToken} opaque to clients. The token carries the
 * offset of the next item plus a fingerprint of the query, so a token cannot be replayed against
 * another listing.
 */
public final class Pages {

    public static final int MAX_PAGE_SIZE = 1000;

    private Pages() {
    }

    /** One page and the token for the next one (null on the last page). */
    public record Page<T>(List<T> items, String nextPageToken) {
    }

    public static <T> Page<T> page(List<T> all, Integer maximumPageSize, String token, String query) {
        int size = size(maximumPageSize);
        int from = offset(token, query);
        if (from > all.size()) {
            throw SwfException.validation("Invalid nextPageToken");
        }
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? token(to, query) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    public static int size(Integer maximumPageSize) {
        if (maximumPageSize == null || maximumPageSize == 0) {
            return MAX_PAGE_SIZE;
        }
        if (maximumPageSize < 0 || maximumPageSize > MAX_PAGE_SIZE) {
            throw SwfException.validation("1 validation error detected: Value '" + maximumPageSize
                    + "' at 'maximumPageSize' failed to satisfy constraint: Member must have value less than or equal to 1000");
        }
        return maximumPageSize;
    }

    public static String token(int offset, String query) {
        String raw = offset + ":" + Integer.toHexString(query.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token names (0 without one). */
    public static int offset(String token, String query) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon > 0 && raw.substring(colon + 1).equals(Integer.toHexString(query.hashCode()))) {
                return Integer.parseInt(raw.substring(0, colon));
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the error below
        }
        throw SwfException.validation("Invalid nextPageToken");
    }
}
