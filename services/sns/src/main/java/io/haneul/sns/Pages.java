package io.haneul.sns;

import io.haneul.sns.domain.SnsException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** NextToken handling for SNS's list operations: the token is the last key of the page, encoded. */
final class Pages {

    static final int PAGE_SIZE = 100;

    private Pages() {
    }

    /** A page of items and the token for the next one (null at the end). */
    record Page<T>(List<T> items, String nextToken) {
    }

    static String after(String nextToken) {
        if (nextToken == null || nextToken.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SnsException.invalidParameter("NextToken");
        }
    }

    /** Builds a page from up to {@code size + 1} fetched items. */
    static <T> Page<T> of(List<T> fetched, int size, Function<T, String> key) {
        if (fetched.size() <= size) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, size);
        String last = key.apply(items.getLast());
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
}
