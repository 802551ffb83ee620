package io.haneul.server.http;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import io.haneul.core.dataplane.WebSocketUpgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The only Jetty-aware class: turns a Jetty request into a {@link WireRequest}, hands it to the
 * {@link RequestRouter} and writes the {@link WireResponse} back. Runs on virtual threads, so the
 * router may block (store writes, long polls).
 *
 * <p>Bodies are read into memory (up to {@code maxBodyBytes}), except for services whose bodies
 * stream ({@link RequestRouter#streamsBody}: S3), which read the request body from the connection
 * and whose streamed answers are copied out without being held in memory.
 */
public final class HaneulHandler extends Handler.Abstract {

    private static final int COPY_BUFFER = 256 * 1024;
    private static final int DIRECT_BUFFER = 1024 * 1024;

    /** Direct buffers for streamed answers, kept between requests (allocating one zeroes it; Jetty's pool stops at 64 KiB). */
    private final java.util.concurrent.BlockingQueue<ByteBuffer> directBuffers = new java.util.concurrent.ArrayBlockingQueue<>(32);

    private final RequestRouter router;
    private final long maxBodyBytes;
    private final ServerWebSocketContainer websockets;

    /** @param websockets Jetty's WebSocket container on the same server, which upgrades what data planes accept; null for none */
    public HaneulHandler(RequestRouter router, long maxBodyBytes, ServerWebSocketContainer websockets) {
        super(InvocationType.BLOCKING);
        this.router = router;
        this.maxBodyBytes = maxBodyBytes;
        this.websockets = websockets;
    }

    /** What answers requests Jetty refuses before this handler sees them: AWS-shaped XML, not HTML. */
    public static org.eclipse.jetty.server.Request.Handler errorHandler() {
        return new WireErrorHandler();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        WireResponse answer;
        Headers headers = new Headers();
        for (HttpField f : request.getHeaders()) {
            headers.add(f.getName(), f.getValue());
        }
        String scheme = request.isSecure() ? "https" : "http";
        String rawPath = request.getHttpURI().getPath();
        WireRequest head = new WireRequest(request.getMethod(), rawPath == null || rawPath.isEmpty() ? "/" : rawPath,
                request.getHttpURI().getQuery(), headers, null, Request.getRemoteAddr(request));
        long declared = request.getLength();
        if (websockets != null && isUpgrade(request)) {
            RequestRouter.PlaneUpgrade upgrade = router.upgrade(head, scheme);
            if (upgrade != null) {
                return upgrade(upgrade, request, response, callback);
            }
        }
        if (router.streamsBody(head)) {
            answer = router.route(head, scheme, Content.Source.asInputStream(request), maxBodyBytes);
        } else if (declared > maxBodyBytes) {
            answer = router.tooLarge(head, maxBodyBytes, scheme);
        } else {
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            } catch (IOException e) {
                callback.failed(e);
                return true;
            }
            WireRequest wire = new WireRequest(head.method(), head.rawPath(), head.rawQuery(), headers, body, head.remoteAddress());
            answer = body.length > maxBodyBytes ? router.tooLarge(wire, maxBodyBytes, scheme) : router.route(wire, scheme);
        }
        write(request, answer, response, callback);
        return true;
    }

    /** An HTTP/1.1 {@code Upgrade: websocket} request (WebSockets over HTTP/2 are not offered). */
    private static boolean isUpgrade(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** Hands an accepted upgrade to Jetty's WebSocket container, or writes the plane's refusal. */
    private boolean upgrade(RequestRouter.PlaneUpgrade decision, Request request, Response response, Callback callback) {
        WebSocketUpgrade upgrade = decision.upgrade();
        if (!upgrade.accepted()) {
            write(request, upgrade.refusal(), response, callback);
            return true;
        }
        boolean upgraded = websockets.upgrade((rq, rs, cb) -> {
            if (upgrade.subprotocol() != null && rq.getSubProtocols().contains(upgrade.subprotocol())) {
                rs.setAcceptedSubProtocol(upgrade.subprotocol()); // only one the client offered
            }
            return WebSocketBridge.of(upgrade, decision.requestId());
        }, request, response, callback);
        if (!upgraded) {
            write(request, WireResponse.of(400, "application/json",
                    "{\"message\":\"Invalid WebSocket upgrade request\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), response, callback);
        }
        return true;
    }

    private void write(Request request, WireResponse answer, Response response, Callback callback) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().add(name, value));
        boolean noBody = HttpMethod.HEAD.is(request.getMethod()) || answer.status() == 304 || answer.status() == 204;
        WireResponse.Streamed streamed = answer.streamed();
        if (noBody) {
            closeQuietly(streamed);
            if (!response.getHeaders().contains(HttpHeader.CONTENT_LENGTH) || answer.status() == 304 || answer.status() == 204) {
                response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
                if (answer.status() != 304 && answer.status() != 204) {
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
                }
            }
            response.write(true, ByteBuffer.allocate(0), callback);
            return;
        }
        if (streamed == null) {
            byte[] out = answer.body();
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.length);
            response.write(true, ByteBuffer.wrap(out), callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, streamed.length());
        if (streamed.in() instanceof ReadableByteChannel channel) {
            writeChannel(channel, response, callback);
            return;
        }
        try (InputStream in = streamed.in(); OutputStream out = Content.Sink.asOutputStream(response)) {
            byte[] buffer = new byte[COPY_BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    /**
     * Copies a channel (file-backed S3 objects) through reused 1 MiB direct buffers: one copy from the
     * page cache, then one blocking write per buffer (few writes, so few parks of the virtual thread).
     */
    private void writeChannel(ReadableByteChannel channel, Response response, Callback callback) {
        ByteBuffer buffer = directBuffers.poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(DIRECT_BUFFER);
        }
        try (channel) {
            while (true) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer) < 0) {
                        break;
                    }
                }
                if (buffer.position() == 0) {
                    break;
                }
                buffer.flip();
                try (Blocker.Callback written = Blocker.callback()) {
                    response.write(false, buffer, written);
                    written.block();
                }
            }
        } catch (IOException | RuntimeException e) {
            directBuffers.offer(buffer);
            callback.failed(e);
            return;
        }
        directBuffers.offer(buffer);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    private static void closeQuietly(WireResponse.Streamed streamed) {
        if (streamed != null) {
            try {
                streamed.in().close();
            } catch (IOException ignored) {
                // nothing was sent from it
            }
        }
    }
}
