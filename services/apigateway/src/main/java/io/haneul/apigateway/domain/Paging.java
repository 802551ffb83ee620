package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * API Gateway's {@code position}/{@code limit} paging (default 25 items, at most 500) over items
 * sorted by a key; the position handed out is the last key of the page.
 */
public final class Paging {

    /** One page and the position of the next, or null when it is the last. */
    public record Page(List<ObjectNode> items, String position) {
    }

    private Paging() {
    }

    public static Page page(List<ObjectNode> sorted, String keyField, String position, Integer limit) {
        int max = limit == null ? 25 : limit;
        if (max < 1 || max > 500) {
            throw ApiGatewayException.badRequest("Limit must be between 1 and 500");
        }
        List<ObjectNode> after = position == null || position.isEmpty() ? sorted
                : sorted.stream().filter(n -> n.path(keyField).asText().compareTo(position) > 0).toList();
        List<ObjectNode> items = after.stream().limit(max).toList();
        return new Page(items, after.size() > max ? items.getLast().path(keyField).asText() : null);
    }
}
