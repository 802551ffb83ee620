package io.haneul.iam.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * IAM's list paging: at most MaxItems (default 100) entries, and when more remain IsTruncated and
 * an opaque Marker to continue from. The marker encodes the sort key of the last entry returned, so
 * a page stays correct when entries are added or deleted between calls.
 */
public final class Paging {

    public static final int DEFAULT_MAX_ITEMS = 100;

    private Paging() {
    }

    /** One page: its entries, and the marker of the next page or null when this is the last. */
    public record Page<T>(List<T> items, String nextMarker) {
        public boolean truncated() {
            return nextMarker != null;
        }
    }

    public static int maxItems(Integer requested) {
        return requested == null ? DEFAULT_MAX_ITEMS : requested;
    }

    /** The sort key the marker continues after ("" for the first page). */
    public static String after(String marker) {
        if (marker == null || marker.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IamException(IamError.InvalidInput, "Invalid Marker.");
        }
    }

    /**
     * Cuts a page from entries sorted by key that follow the marker; {@code sortedAfterMarker} may
     * hold one entry more than the page (that is how the store says more remain).
     */
    public static <T> Page<T> page(List<T> sortedAfterMarker, int maxItems, Function<T, String> key) {
        if (sortedAfterMarker.size() <= maxItems) {
            return new Page<>(List.copyOf(sortedAfterMarker), null);
        }
        List<T> items = List.copyOf(sortedAfterMarker.subList(0, maxItems));
        String last = key.apply(items.getLast());
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
}
