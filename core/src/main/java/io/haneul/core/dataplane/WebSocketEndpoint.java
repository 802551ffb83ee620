package io.haneul.core.dataplane;

import java.nio.ByteBuffer;

/**
 * What a module does with one WebSocket connection. Callbacks for one session arrive one at a time.
 * With {@link #autoDemand} (the default) the next frame is read as soon as a callback returns; an
 * endpoint that returns false reads at its own pace by calling {@link WebSocketSession#demand()}
 * once per frame it is ready for (back-pressure toward the client).
 */
public interface WebSocketEndpoint {

    default boolean autoDemand() {
        return true;
    }

    default void onOpen(WebSocketSession session) {
    }

    default void onText(WebSocketSession session, String text) {
    }

    /** The buffer is valid only during the call: copy what must outlive it. */
    default void onBinary(WebSocketSession session, ByteBuffer data) {
    }

    /** The connection closed, by either side, with the close code and reason (1009 for a message over the limit, 1001 when idle). */
    default void onClose(WebSocketSession session, int code, String reason) {
    }

    default void onError(WebSocketSession session, Throwable cause) {
    }
}
