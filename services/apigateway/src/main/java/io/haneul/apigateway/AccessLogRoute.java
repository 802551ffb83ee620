package io.haneul.apigateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.invoke.InvokeHost;
import io.haneul.core.internal.InternalCall;
import io.haneul.core.wire.WireResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /_haneul/apigateway/access-logs?apiId=&stage=&position=&limit=}: a page of the stage's
 * access log lines as JSON ({@code {"items":[{"requestId","timestamp","message"}],"position"}},
 * oldest first, {@code limit} 1 to 1000, default 100), and
 * {@code GET /_haneul/apigateway/logs/{apiId}/{stage}}: all of them as plain text,
 * for the accounts the caller sees ({@code ?account=} narrows it; strict mode: the signer's account
 * unless an admin key), as Lambda's {@code /_haneul/lambda/logs/{function}}.
 */
final class AccessLogRoute {

    static final String PREFIX = "/_haneul/apigateway/logs/";

    private AccessLogRoute() {
    }

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    static WireResponse page(InvokeHost host, InternalCall call) {
        String apiId = call.param("apiId");
        String stage = call.param("stage");
        if (apiId == null || apiId.isEmpty() || stage == null || stage.isEmpty()) {
            return error("name a stage: /_haneul/apigateway/access-logs?apiId=<apiId>&stage=<stage>");
        }
        int offset;
        int limit;
        try {
            offset = call.param("position") == null ? 0 : Integer.parseInt(call.param("position"));
            limit = call.param("limit") == null ? DEFAULT_LIMIT : Integer.parseInt(call.param("limit"));
        } catch (NumberFormatException e) {
            return error("position and limit are numbers");
        }
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            return error("position must be 0 or more and limit 1 to " + MAX_LIMIT);
        }
        var lines = host.invokeEndpoint().accessLogs().read(call.accountFilter(), apiId, stage, offset, limit + 1);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("items");
        lines.stream().limit(limit).forEach(l -> items.addObject().put("requestId", l.requestId())
                .put("timestamp", l.at().toEpochMilli()).put("message", l.message()));
        if (lines.size() > limit) {
            out.put("position", String.valueOf(offset + limit));
        }
        return WireResponse.of(200, "application/json", out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static WireResponse error(String message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("error", message);
        return WireResponse.of(400, "application/json", out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Every line of a stage, REST or HTTP API (one store for both), as plain text. */
    static WireResponse read(InvokeHost host, InternalCall call) {
        String path = call.request().rawPath();
        String[] parts = path.length() > PREFIX.length() ? path.substring(PREFIX.length()).split("/") : new String[0];
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return WireResponse.of(400, "application/json",
                    "{\"error\":\"name a stage: /_haneul/apigateway/logs/<apiId>/<stage>\"}".getBytes(StandardCharsets.UTF_8));
        }
        String apiId;
        String stage;
        try {
            apiId = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            stage = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return error("the path has a malformed percent-escape");
        }
        String text = host.invokeEndpoint().accessLogs().read(call.accountFilter(), apiId, stage);
        return WireResponse.of(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
