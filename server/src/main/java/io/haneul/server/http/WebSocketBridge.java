package io.haneul.server.http;

import io.haneul.core.dataplane.WebSocketEndpoint;
import io.haneul.core.dataplane.WebSocketSession;
import io.haneul.core.dataplane.WebSocketUpgrade;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Connects Jetty's WebSocket session to a module's {@link WebSocketEndpoint} through the HTTP-free
 * {@link WebSocketSession}: the only place that knows Jetty's WebSocket types. Limits from the
 * plane's {@link WebSocketUpgrade} are applied as the connection opens: a message over
 * {@code maxMessageBytes} closes it with 1009, silence longer than {@code idleTimeout} closes it.
 * Public only because Jetty binds the listener's methods through method handles; not an API.
 */
public class WebSocketBridge implements Session.Listener {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebSocketBridge.class);

    private final WebSocketUpgrade upgrade;
    private final WebSocketEndpoint endpoint;
    private final String id;
    private volatile Session jetty;
    private final WebSocketSession session = new WebSocketSession() {
        @Override
        public String id() {
            return id;
        }

        @Override
        public CompletableFuture<Void> sendText(String text) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            jetty.sendText(text, completing(done));
            return done;
        }

        @Override
        public CompletableFuture<Void> sendBinary(ByteBuffer data) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            jetty.sendBinary(data, completing(done));
            return done;
        }

        @Override
        public void close(int code, String reason) {
            jetty.close(code, reason, Callback.NOOP);
        }

        @Override
        public boolean isOpen() {
            return jetty != null && jetty.isOpen();
        }

        @Override
        public void demand() {
            jetty.demand();
        }
    };

    private WebSocketBridge(WebSocketUpgrade upgrade, String id) {
        this.upgrade = upgrade;
        this.endpoint = upgrade.endpoint();
        this.id = id;
    }

    /** The bridge for an accepted upgrade: Jetty reads frames as fast as they come unless the endpoint asks for each. */
    static Session.Listener of(WebSocketUpgrade upgrade, String id) {
        return upgrade.endpoint().autoDemand() ? new AutoDemanding(upgrade, id) : new WebSocketBridge(upgrade, id);
    }

    /** Jetty demands the next frame after each callback returns. */
    public static final class AutoDemanding extends WebSocketBridge implements Session.Listener.AutoDemanding {
        AutoDemanding(WebSocketUpgrade upgrade, String id) {
            super(upgrade, id);
        }
    }

    private static Callback completing(CompletableFuture<Void> done) {
        return Callback.from(() -> done.complete(null), done::completeExceptionally);
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.jetty = opened;
        if (upgrade.maxMessageBytes() > 0) {
            opened.setMaxTextMessageSize(upgrade.maxMessageBytes());
            opened.setMaxBinaryMessageSize(upgrade.maxMessageBytes());
        }
        if (upgrade.maxFrameBytes() > 0) {
            opened.setAutoFragment(false); // else Jetty splits a large frame rather than refusing it
            opened.setMaxFrameSize(upgrade.maxFrameBytes());
        }
        if (upgrade.idleTimeout() != null && !upgrade.idleTimeout().isZero()) {
            opened.setIdleTimeout(upgrade.idleTimeout());
        }
        guarded(() -> endpoint.onOpen(session));
    }

    @Override
    public void onWebSocketText(String text) {
        guarded(() -> endpoint.onText(session, text));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            guarded(() -> endpoint.onBinary(session, payload));
        } finally {
            callback.succeed();
        }
    }

    /** Answers a ping; an endpoint that demands frames itself counts only data frames, so control frames are demanded here. */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        jetty.sendPong(payload, Callback.NOOP);
        demandControlFrame();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        demandControlFrame();
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
        guarded(() -> endpoint.onClose(session, code, reason));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        guarded(() -> endpoint.onError(session, cause));
    }

    private void demandControlFrame() {
        if (!(this instanceof Session.Listener.AutoDemanding)) {
            jetty.demand();
        }
    }

    /** A module's callback that throws closes the connection with 1011 rather than reaching Jetty. */
    private void guarded(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("WebSocket {}: endpoint failed", id, e);
            if (jetty != null && jetty.isOpen()) {
                jetty.close(1011, "Internal server error", Callback.NOOP);
            }
        }
    }
}
