package io.haneul.core.dataplane;

import io.haneul.core.routing.HostPattern;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.util.List;

/**
 * Traffic a module answers itself rather than through the protocol engine: S3's website endpoint,
 * API Gateway's invoke URLs, Lambda function URLs, streaming pages and their WebSockets. A plane
 * owns requests by host ({@link #hosts}) or by path prefix on any host ({@link #pathPrefixes});
 * hosts that a default resolver cannot look up ({@code *.localhost}) should have a path form too.
 *
 * <p>The plane decides who the caller is: nothing is authenticated before {@link #handle}, which
 * may accept anyone (a public website, a function URL with AuthType NONE) or require a signature
 * through {@link DataPlaneCall#authenticate}.
 */
public interface DataPlane {

    /** A short name for metrics and logs, e.g. {@code website}. */
    String name();

    /** Hosts this plane owns, whatever the path; empty when it is reached by path only. */
    default List<HostPattern> hosts() {
        return List.of();
    }

    /** Path prefixes this plane owns on any host, e.g. {@code /_aws/execute-api/}; empty when reached by host only. */
    default List<String> pathPrefixes() {
        return List.of();
    }

    /**
     * Whether the plane takes a request its host or path matched; false hands the request on to the
     * next rule (e.g. an {@code @connections} call on an invoke host is an AWS API call, not a plane's).
     * Judged from the request line and headers; the body is not read yet.
     */
    default boolean accepts(WireRequest head) {
        return true;
    }

    /** True when the body should reach {@link #handle} unread ({@link DataPlaneCall#body}), for uploads of any size. */
    default boolean streamsBody(WireRequest head) {
        return false;
    }

    /** Answers one HTTP request. Must not throw for bad input: answer the error as the real endpoint does. */
    WireResponse handle(DataPlaneCall call);

    /**
     * Answers a WebSocket upgrade request ({@code Upgrade: websocket}): accept with an endpoint or
     * refuse with an HTTP answer. Null (the default) means the plane has no WebSockets, and the
     * request is answered by {@link #handle} as plain HTTP.
     */
    default WebSocketUpgrade upgrade(DataPlaneCall call) {
        return null;
    }
}
