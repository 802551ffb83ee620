package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.dataplane.WebSocketEndpoint;
import io.haneul.core.dataplane.WebSocketSession;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One client connection to a WebSocket API stage, as {@code $context} and {@code @connections}
 * describe it, and its endpoint: messages go to the plane's router in the order they arrive; a
 * close of any kind (client, {@code @connections} DELETE, idle, lifetime, too large) runs
 * {@code $disconnect} once.
 */
final class WsConnection implements WebSocketEndpoint {

    /** Where the connection came from and what {@code $connect} learnt. */
    record Origin(String apiId, String stage, String domainName, String sourceIp, String userAgent,
                  Map<String, List<String>> headers, Map<String, List<String>> query, ObjectNode authorizer) {
    }

    /** What the plane does with a connection's traffic. */
    interface Handler {
        void opened(WsConnection connection);

        void message(WsConnection connection, String text);

        void closed(WsConnection connection, int code, String reason);
    }

    private final String connectionId;
    private final Instant connectedAt;
    private final Origin origin;
    private final Handler handler;
    private volatile Instant lastActiveAt;
    private volatile WebSocketSession session;
    private volatile ScheduledFuture<?> lifetime;

    WsConnection(String connectionId, Instant connectedAt, Origin origin, Handler handler) {
        this.connectionId = connectionId;
        this.connectedAt = connectedAt;
        this.lastActiveAt = connectedAt;
        this.origin = origin;
        this.handler = handler;
    }

    String id() {
        return connectionId;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    Instant lastActiveAt() {
        return lastActiveAt;
    }

    Origin origin() {
        return origin;
    }

    void touched(Instant at) {
        lastActiveAt = at;
    }

    void lifetime(ScheduledFuture<?> timer) {
        this.lifetime = timer;
    }

    /** Sends a text frame to the client. */
    CompletableFuture<Void> send(String text) {
        WebSocketSession s = session;
        if (s == null || !s.isOpen()) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection closed"));
        }
        return s.sendText(text);
    }

    /** Closes the connection from the server's side; {@code $disconnect} follows through {@link #onClose}. */
    void close(int code, String reason) {
        WebSocketSession s = session;
        if (s != null && s.isOpen()) {
            s.close(code, reason);
        }
    }

    @Override
    public void onOpen(WebSocketSession opened) {
        this.session = opened;
        handler.opened(this);
    }

    @Override
    public void onText(WebSocketSession s, String text) {
        handler.message(this, text);
    }

    /** API Gateway routes binary frames as messages too; their text is what the route selection sees. */
    @Override
    public void onBinary(WebSocketSession s, java.nio.ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        handler.message(this, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void onClose(WebSocketSession s, int code, String reason) {
        ScheduledFuture<?> timer = lifetime;
        if (timer != null) {
            timer.cancel(false);
        }
        handler.closed(this, code, reason);
    }
}
