package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.List;

/** v2's list paging: {@code maxResults} (a string on the wire) and an opaque {@code nextToken} (here an offset). */
final class Paging {

    record Page(List<ObjectNode> items, String nextToken) {
    }

    private Paging() {
    }

    static Page of(List<ObjectNode> all, String nextToken, String maxResults) {
        int from = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                from = Integer.parseInt(nextToken);
            } catch (NumberFormatException e) {
                throw ApiGatewayException.badRequest("Invalid nextToken");
            }
        }
        int size = all.size();
        if (maxResults != null && !maxResults.isEmpty()) {
            try {
                size = Integer.parseInt(maxResults);
            } catch (NumberFormatException e) {
                throw ApiGatewayException.badRequest("Invalid maxResults");
            }
            if (size < 1) {
                throw ApiGatewayException.badRequest("MaxResults must be greater than 0");
            }
        }
        from = Math.max(0, Math.min(from, all.size()));
        int to = (int) Math.min((long) from + size, all.size());
        return new Page(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }
}
