package io.haneul.core.dataplane;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One open WebSocket connection as a module sees it, with no server types. Sends complete their
 * future when the frame has been written, so a sender can wait for the client to keep up.
 */
public interface WebSocketSession {

    /** An id unique on this node, e.g. an API Gateway connection id. */
    String id();

    CompletableFuture<Void> sendText(String text);

    CompletableFuture<Void> sendBinary(ByteBuffer data);

    /** Closes with a status code (1000 normal, 1008 policy, 1011 server error...) and a reason. */
    void close(int code, String reason);

    boolean isOpen();

    /** Asks for the next frame; only for endpoints whose {@link WebSocketEndpoint#autoDemand()} is false. */
    void demand();
}
