package io.haneul.apigateway.v2.ws;

import java.time.Duration;

/**
 * Connection limits of WebSocket APIs: AWS closes a connection silent for 10 minutes and any
 * connection after 2 hours. Both are options ({@code --apigateway-ws-idle-seconds},
 * {@code --apigateway-ws-lifetime-seconds}) so tests need not wait that long.
 */
public record WsOptions(Duration idleTimeout, Duration lifetime) {

    public static WsOptions of(String idleSeconds, String lifetimeSeconds) {
        return new WsOptions(Duration.ofSeconds(Long.parseLong(idleSeconds)), Duration.ofSeconds(Long.parseLong(lifetimeSeconds)));
    }
}
