package io.haneul.appstream.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A page of a listing sorted by a key: the next token is the key of the first item of the next page
 * (base64, opaque to clients). A token that is not one of ours answers AWS's error for a bad token.
 */
public final class Paging {

    /** One page and the token of the next one, null at the end. */
    public record Page<T>(List<T> items, String nextToken) {
    }

    private Paging() {
    }

    public static <T> Page<T> page(List<T> sorted, String token, Integer limit, int defaultLimit, Function<T, String> key) {
        int max = limit == null || limit <= 0 ? defaultLimit : limit;
        int from = 0;
        if (token != null && !token.isEmpty()) {
            String start;
            try {
                start = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw AppStreamException.combination("The NextToken is not valid.");
            }
            from = sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                if (key.apply(sorted.get(i)).compareTo(start) >= 0) {
                    from = i;
                    break;
                }
            }
        }
        int to = Math.min(sorted.size(), from + max);
        String next = to < sorted.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(key.apply(sorted.get(to)).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(List.copyOf(sorted.subList(from, to)), next);
    }
}
