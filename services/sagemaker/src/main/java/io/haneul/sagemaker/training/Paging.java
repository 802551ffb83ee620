package io.haneul.sagemaker.training;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * SageMaker's list paging: SortBy Name | CreationTime (default) | Status, SortOrder Ascending | Descending
 * (default Ascending), MaxResults 1 to 100 (default 10) and an opaque NextToken (the offset of the next page).
 */
final class Paging {

    record Page<T>(List<T> items, String nextToken) {
    }

    private Paging() {
    }

    static <T> Page<T> page(List<T> all, String sortBy, String sortOrder, Integer maxResults, String nextToken,
                            Function<T, String> name, Function<T, Instant> created, Function<T, String> status) {
        Comparator<T> order = switch (sortBy == null ? "CreationTime" : sortBy) {
            case "Name" -> Comparator.comparing(name);
            case "Status" -> Comparator.comparing(status).thenComparing(created);
            default -> Comparator.comparing(created).thenComparing(name);
        };
        if ("Descending".equals(sortOrder)) {
            order = order.reversed();
        }
        List<T> sorted = new ArrayList<>(all);
        sorted.sort(order);
        return slice(sorted, maxResults, nextToken);
    }

    /** A page of an already sorted list. */
    static <T> Page<T> slice(List<T> sorted, Integer maxResults, String nextToken) {
        int size = maxResults == null ? 10 : maxResults;
        int from = offset(nextToken);
        if (from > sorted.size()) {
            throw TrainingErrors.validation("Invalid pagination token");
        }
        int to = Math.min(sorted.size(), from + size);
        String next = to < sorted.size() ? Base64.getUrlEncoder().encodeToString(("o:" + to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(sorted.subList(from, to), next);
    }

    private static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            return Integer.parseInt(text.substring(2));
        } catch (IllegalArgumentException e) {
            throw TrainingErrors.validation("Invalid pagination token");
        }
    }
}
