package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.dataplane.WebSocketUpgrade;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data plane of WebSocket APIs (API Gateway v2): a connection to
 * {@code ws://{apiId}.execute-api.localhost:PORT/{stage}} (or the path form on Haneul's host) runs
 * {@code $connect} (its authorizer, then its integration: a refusal or a non-2xx answer is the
 * handshake's answer, and no connection), each message is routed by the API's route selection
 * expression to its route or {@code $default} and its integration runs (a two-way route sends the
 * answer back), and every close runs {@code $disconnect}. Limits as AWS's: frames of 32 KB,
 * messages of 128 KB (larger closes with 1009), idle and lifetime limits from {@link WsOptions}.
 */
public final class WebSocketApiPlane implements WsConnection.Handler {

    static final long MAX_FRAME_BYTES = 32 * 1024;
    static final long MAX_MESSAGE_BYTES = 128 * 1024;
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final WsConfigs configs;
    private final Connections connections;
    private final WsIntegrations integrations;
    private final ConnectAuthorizer authorizer;
    private final RouteSelection selection;
    private final ObjectMapper json;
    private final Clock clock;
    private final WsOptions options;
    private final SecureRandom random = new SecureRandom();

    WebSocketApiPlane(WsConfigs configs, Connections connections, WsIntegrations integrations, ConnectAuthorizer authorizer,
                      ObjectMapper json, Clock clock, WsOptions options) {
        this.configs = configs;
        this.connections = connections;
        this.integrations = integrations;
        this.authorizer = authorizer;
        this.selection = new RouteSelection(json);
        this.json = json;
        this.clock = clock;
        this.options = options;
    }

    /** Whether an id names a WebSocket API, whose invoke URLs this plane serves. */
    public boolean owns(String apiId) {
        return configs.isWebSocketApi(apiId);
    }

    /** The connections this node holds, for {@code @connections}. */
    public Connections connections() {
        return connections;
    }

    /** A plain HTTP request to a WebSocket API's URL: API Gateway answers 426 Upgrade Required. */
    public WireResponse plainRequest() {
        return message(426, "Upgrade Required");
    }

    /**
     * Answers a WebSocket handshake for {@code /{stage}} of an API.
     *
     * @param path the path after the API's id in the invoke URL ({@code /{stage}})
     */
    public WebSocketUpgrade upgrade(DataPlaneCall call, String apiId, String path) {
        String stage = path == null ? "" : path.replaceAll("^/+|/+$", "");
        if (stage.isEmpty() || stage.contains("/")) {
            return WebSocketUpgrade.refuse(message(403, "Forbidden"));
        }
        Optional<WsConfig> loaded = configs.load(apiId, WireRequest.percentDecode(stage, false));
        if (loaded.isEmpty() || loaded.get().api().path("disableExecuteApiEndpoint").asBoolean(false)) {
            return WebSocketUpgrade.refuse(message(403, "Forbidden"));
        }
        WsConfig config = loaded.get();
        WireRequest r = call.request();
        String connectionId = newId(random);
        Instant now = clock.instant();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().forEach((n, v) -> headers.computeIfAbsent(n, k -> new ArrayList<>()).add(v));
        headers.computeIfAbsent("X-Forwarded-For", k -> new ArrayList<>()).add(r.remoteAddress() == null ? "127.0.0.1" : r.remoteAddress());
        Map<String, List<String>> query = r.rawQuery() == null || r.rawQuery().isEmpty() ? Map.of() : WireRequest.parseForm(r.rawQuery());
        String host = r.header("Host");
        String domain = host != null && host.startsWith(apiId + ".") ? host.replaceFirst(":\\d+$", "") : apiId + ".execute-api.localhost";
        WsConnection.Origin origin = new WsConnection.Origin(apiId, config.stageName(), domain,
                r.remoteAddress() == null ? "127.0.0.1" : r.remoteAddress(), r.header("User-Agent"), headers, query, null);
        Optional<JsonNode> connect = config.route("$connect");
        if (connect.isPresent()) {
            JsonNode route = connect.get();
            if (route.path("authorizationType").asText("NONE").equals("CUSTOM")) {
                JsonNode a = config.authorizers().get(route.path("authorizerId").asText());
                if (a == null) {
                    return WebSocketUpgrade.refuse(message(500, "Internal server error"));
                }
                WsConnection probe = new WsConnection(connectionId, now, origin, this);
                ConnectAuthorizer.Decision d = authorizer.authorize(a, new WsRequest(config, probe, "$connect", "CONNECT", requestId(), null, now,
                        null, 0, null));
                if (d.status() != 200) {
                    return WebSocketUpgrade.refuse(message(d.status(), switch (d.status()) {
                        case 401 -> "Unauthorized";
                        case 403 -> "Forbidden";
                        default -> "Internal server error";
                    }));
                }
                origin = new WsConnection.Origin(origin.apiId(), origin.stage(), origin.domainName(), origin.sourceIp(), origin.userAgent(),
                        headers, query, d.context());
            }
        }
        WsConnection connection = new WsConnection(connectionId, now, origin, this);
        if (connect.isPresent()) {
            Optional<JsonNode> integration = config.integrationOf(connect.get());
            if (integration.isPresent()) {
                WsIntegrations.Outcome out = integrations.invoke(new WsRequest(config, connection, "$connect", "CONNECT", requestId(), null,
                        now, null, 0, null), integration.get());
                if (out.failed()) {
                    return WebSocketUpgrade.refuse(message(500, "Internal server error"));
                }
                if (out.status() < 200 || out.status() > 299) {
                    return WebSocketUpgrade.refuse(message(out.status(), out.status() == 403 ? "Forbidden" : out.status() == 401 ? "Unauthorized"
                            : out.status() >= 500 ? "Internal server error" : "Bad Request"));
                }
            }
        }
        return WebSocketUpgrade.accept(connection, MAX_MESSAGE_BYTES, options.idleTimeout()).withMaxFrameBytes(MAX_FRAME_BYTES);
    }

    @Override
    public void opened(WsConnection c) {
        connections.opened(c, options.lifetime());
    }

    @Override
    public void message(WsConnection c, String text) {
        Instant now = clock.instant();
        c.touched(now);
        String requestId = requestId();
        Optional<WsConfig> loaded = configs.load(c.origin().apiId(), c.origin().stage());
        if (loaded.isEmpty()) {
            c.close(1001, "Going away");
            return;
        }
        WsConfig config = loaded.get();
        String routeKey = selection.select(config.api().path("routeSelectionExpression").asText(""), text, config.routes());
        if (routeKey == null || routeKey.equals("$connect") || routeKey.equals("$disconnect")) {
            c.send(error("Forbidden", c, requestId));
            return;
        }
        JsonNode route = config.routes().get(routeKey);
        Optional<JsonNode> integration = config.integrationOf(route);
        if (integration.isEmpty()) {
            c.send(error("Internal server error", c, requestId));
            return;
        }
        WsIntegrations.Outcome out = integrations.invoke(new WsRequest(config, c, routeKey, "MESSAGE", requestId, newId(java.util.concurrent.ThreadLocalRandom.current()), now, text, 0, null),
                integration.get());
        if (out.failed()) {
            c.send(error("Internal server error", c, requestId));
        } else if (config.twoWay(route) && out.body() != null) {
            c.send(out.body());
        }
    }

    @Override
    public void closed(WsConnection c, int code, String reason) {
        connections.closed(c);
        configs.load(c.origin().apiId(), c.origin().stage()).ifPresent(config -> config.route("$disconnect")
                .flatMap(config::integrationOf)
                .ifPresent(integration -> integrations.invoke(new WsRequest(config, c, "$disconnect", "DISCONNECT", requestId(), null,
                        clock.instant(), null, code, reason), integration)));
    }

    /** What API Gateway sends a client whose message found no route or whose integration failed. */
    private String error(String message, WsConnection c, String requestId) {
        ObjectNode doc = json.createObjectNode();
        doc.put("message", message);
        doc.put("connectionId", c.id());
        doc.put("requestId", requestId);
        return doc.toString();
    }

    /**
     * A connection or message id in API Gateway's form: 15 random letters and digits and {@code =}
     * (base64 of 11 bytes). Connection ids come from a SecureRandom (they address @connections);
     * message ids, one per message, from the thread's own generator.
     */
    private static String newId(java.util.Random random) {
        char[] out = new char[16];
        for (int i = 0; i < 15; i++) {
            out[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        out[15] = '=';
        return new String(out);
    }

    /** A request id in API Gateway's WebSocket form (16 characters ending in {@code =}). */
    private static String requestId() {
        return newId(java.util.concurrent.ThreadLocalRandom.current());
    }

    private static WireResponse message(int status, String text) {
        Headers h = new Headers();
        h.set("Content-Type", "application/json");
        return new WireResponse(status, h, ("{\"message\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
