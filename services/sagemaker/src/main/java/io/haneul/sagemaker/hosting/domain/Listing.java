package io.haneul.sagemaker.hosting.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The filters, sort and paging SageMaker's List* operations share: NameContains (case-insensitive),
 * CreationTimeBefore/After, an optional status, SortBy Name/CreationTime/Status, SortOrder (Descending
 * by default, as AWS does), MaxResults (1–100, default 10) and an opaque NextToken.
 */
public final class Listing<T> {

    /** What a listing needs to know of an item. */
    public record Keys<T>(Function<T, String> name, Function<T, Instant> created, Function<T, String> status) {
    }

    /** One page and the token of the next (null when it is the last). */
    public record Page<T>(List<T> items, String nextToken) {
    }

    private final Keys<T> keys;

    public Listing(Keys<T> keys) {
        this.keys = keys;
    }

    public Page<T> page(List<T> all, String nameContains, Instant createdBefore, Instant createdAfter, String statusEquals,
                        String sortBy, String sortOrder, Integer maxResults, String nextToken) {
        List<T> kept = new ArrayList<>();
        String needle = nameContains == null ? null : nameContains.toLowerCase(Locale.ROOT);
        for (T t : all) {
            if (needle != null && !keys.name().apply(t).toLowerCase(Locale.ROOT).contains(needle)) {
                continue;
            }
            Instant created = keys.created().apply(t);
            if ((createdBefore != null && !created.isBefore(createdBefore)) || (createdAfter != null && !created.isAfter(createdAfter))) {
                continue;
            }
            if (statusEquals != null && !statusEquals.equals(keys.status().apply(t))) {
                continue;
            }
            kept.add(t);
        }
        Comparator<T> order = switch (sortBy == null ? "CreationTime" : sortBy) {
            case "Name" -> Comparator.comparing(keys.name());
            case "Status" -> Comparator.comparing(keys.status(), Comparator.nullsFirst(Comparator.naturalOrder()));
            default -> Comparator.comparing(keys.created());
        };
        order = order.thenComparing(keys.name());
        kept.sort("Ascending".equals(sortOrder) ? order : order.reversed());
        int from = nextToken == null ? 0 : offset(nextToken);
        int size = maxResults == null ? 10 : maxResults;
        int to = Math.min(kept.size(), from + size);
        List<T> items = from >= kept.size() ? List.of() : kept.subList(from, to);
        return new Page<>(List.copyOf(items), to < kept.size() ? token(to) : null);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("o:")) {
                return Math.max(0, Integer.parseInt(s.substring(2)));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw HostingException.validation("Invalid pagination token: " + token);
    }
}
