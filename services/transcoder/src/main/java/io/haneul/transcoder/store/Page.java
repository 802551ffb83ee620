package io.haneul.transcoder.store;

import java.util.List;

/**
 * One page of a listing and the token of the next one (the id of the first item it starts with), or
 * null at the end.
 */
public record Page<T>(List<T> items, String nextToken) {

    public Page {
        items = List.copyOf(items);
    }

    /** Splits {@code limit + 1} rows read from the store into a page and the next page's token. */
    public static <T> Page<T> of(List<T> rows, int limit, java.util.function.Function<T, String> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        return new Page<>(rows.subList(0, limit), id.apply(rows.get(limit)));
    }
}
