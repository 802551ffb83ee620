package io.haneul.core.dataplane;

import io.haneul.core.wire.WireResponse;

import java.time.Duration;

/**
 * A plane's answer to a WebSocket upgrade request: accept it with an endpoint and limits, or refuse
 * it with an HTTP response (e.g. 403 from an authorizer).
 *
 * @param endpoint        what handles the connection; null when refused
 * @param refusal         the HTTP answer when refused; null when accepted
 * @param maxMessageBytes the largest message accepted; a larger one closes the connection with 1009
 * @param idleTimeout     how long a connection may stay silent before it is closed
 * @param subprotocol     the subprotocol chosen from the client's offer, or null
 * @param maxFrameBytes   the largest single frame accepted (a larger one closes the connection with 1009); 0 for the server's default
 */
public record WebSocketUpgrade(WebSocketEndpoint endpoint, WireResponse refusal, long maxMessageBytes, Duration idleTimeout,
                               String subprotocol, long maxFrameBytes) {

    public static WebSocketUpgrade accept(WebSocketEndpoint endpoint, long maxMessageBytes, Duration idleTimeout) {
        return new WebSocketUpgrade(endpoint, null, maxMessageBytes, idleTimeout, null, 0);
    }

    public static WebSocketUpgrade refuse(WireResponse refusal) {
        return new WebSocketUpgrade(null, refusal, 0, Duration.ZERO, null, 0);
    }

    public WebSocketUpgrade withSubprotocol(String chosen) {
        return new WebSocketUpgrade(endpoint, refusal, maxMessageBytes, idleTimeout, chosen, maxFrameBytes);
    }

    /** The same answer with a limit on single frames (API Gateway's WebSocket APIs take frames of 32 KB at most). */
    public WebSocketUpgrade withMaxFrameBytes(long limit) {
        return new WebSocketUpgrade(endpoint, refusal, maxMessageBytes, idleTimeout, subprotocol, limit);
    }

    public boolean accepted() {
        return endpoint != null;
    }
}
