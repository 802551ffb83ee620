package io.haneul.apigateway.v2.ws;

import java.time.Instant;

/**
 * One event on a connection as integrations see it: {@code CONNECT}, {@code MESSAGE} or
 * {@code DISCONNECT}, the route it took, its ids and time, and the message (null but for messages).
 *
 * @param disconnectCode the close code of a {@code DISCONNECT}, else 0
 */
record WsRequest(WsConfig config, WsConnection connection, String routeKey, String eventType, String requestId, String messageId,
                 Instant at, String body, int disconnectCode, String disconnectReason) {
}
