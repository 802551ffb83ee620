package io.haneul.ses;

import io.haneul.ses.domain.SesException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Offset pagination with opaque tokens, for the List operations. */
final class Paging {

    private Paging() {
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(List<T> all, String token, Integer max, int defaultMax) {
        int from = 0;
        if (token != null && !token.isEmpty()) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new SesException("InvalidParameterValue", "BadRequestException", "Invalid NextToken.");
            }
        }
        int size = max == null || max <= 0 ? defaultMax : max;
        int to = Math.min(all.size(), from + size);
        if (from > all.size()) {
            from = all.size();
        }
        String next = to < all.size() ? Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(all.subList(from, to), next);
    }
}
