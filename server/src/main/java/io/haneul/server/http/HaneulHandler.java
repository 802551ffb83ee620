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
import io.haneul.core.engine.BodyBudget;
import io.haneul.core.engine.BufferedBody;

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
 * <p>Bodies are read into memory (up to {@code maxBodyBytes} and the service's own limit, within
 * the server's {@link BodyBudget}, after the router has checked what it can from the headers),
 * except for services whose bodies stream ({@link RequestRouter#streamsBody}: S3), which read the
 * request body from the connection and whose streamed answers are copied out without being held
 * in memory.
 */
public final class HaneulHandler extends Handler.Abstract {

    private static final int COPY_BUFFER = 256 * 1024;
    private static final int DIRECT_BUFFER = 1024 * 1024;

    /** Direct buffers for streamed answers, kept between requests (allocating one zeroes it; Jetty's pool stops at 64 KiB). */
    private final java.util.concurrent.BlockingQueue<ByteBuffer> directBuffers = new java.util.concurrent.ArrayBlockingQueue<>(32);

    private final RequestRouter router;
    private final long maxBodyBytes;
    private final BodyBudget budget;
    private final ServerWebSocketContainer websockets;

    /**
     * @param budget     the bytes of bodies held in memory at once, across requests
     * @param websockets Jetty's WebSocket container on the same server, which upgrades what data planes accept; null for none
     */
    /** The most bytes of an unneeded request body read so that an HTTP/2 stream ends without a reset. */
    private static final long SMALL_REST = 64 * 1024;

    public HaneulHandler(RequestRouter router, long maxBodyBytes, BodyBudget budget, ServerWebSocketContainer websockets) {
        super(InvocationType.BLOCKING);
        this.router = router;
        this.maxBodyBytes = maxBodyBytes;
        this.budget = budget;
        this.websockets = websockets;
    }

    /** What answers requests Jetty refuses before this handler sees them: AWS-shaped XML, not HTML. */
    public static org.eclipse.jetty.server.Request.Handler errorHandler() {
        return new WireErrorHandler();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Headers headers = new Headers();
        for (HttpField f : request.getHeaders()) {
            headers.add(f.getName(), f.getValue());
        }
        if (!headers.has("Host") && request.getHttpURI().getAuthority() != null) {
            // HTTP/2 carries the host as :authority, which SigV4 signers sign as "host"
            headers.add("Host", request.getHttpURI().getAuthority());
        }
        // from the connection (TLS or not), never from the request line: an absolute-form target
        // ("GET https://host/... HTTP/1.1") on the plain port does not make the request secure
        String scheme = request.getConnectionMetaData().isSecure() ? "https" : "http";
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
        RequestRouter.Placement placed = router.place(head);
        if (router.streamsBody(head, placed)) {
            InputStream body = TrailerKeepingBody.of(request);
            WireResponse answer = router.route(head, scheme, body, maxBodyBytes, placed);
            drainSmallRest(body, declared);
            write(request, answer, response, callback);
            return true;
        }
        try {
            buffered(request, head, placed, scheme, declared, response, callback);
        } catch (IOException e) {
            callback.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        }
        return true;
    }

    /**
     * Answers a request whose body is read into memory: refused from its head when it cannot be
     * served (over its service's limit, cannot authenticate), else read within the limit and the
     * {@link BodyBudget} (503 when the budget stays exhausted for {@link BodyBudget#WAIT}), routed,
     * and its reservation released. A body left unread is not drained: the connection closes.
     */
    private void buffered(Request request, WireRequest head, RequestRouter.Placement placed, String scheme, long declared,
                          Response response, Callback callback) throws IOException, InterruptedException {
        if (declared < 0 && isHttp1(request) && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            declared = 0; // HTTP/1 without a length or chunking: no body at all
        }
        BodyAdmission.Admission admission = router.beforeBody(head, scheme, declared, maxBodyBytes, placed);
        if (admission.refusal() != null) {
            writeUnread(request, admission.refusal(), response, callback);
            return;
        }
        long limit = Math.min(admission.limit(), budget.largestBody()); // a body the budget can never hold is too large here
        WireResponse answer;
        try (BufferedBody body = readBody(request, declared, limit)) {
            if (body == null) {
                writeUnread(request, router.requestTimeout(head, scheme), response, callback);
                return;
            }
            switch (body.outcome()) {
                case TOO_LARGE -> {
                    writeUnread(request, router.tooLarge(head, limit, scheme), response, callback);
                    return;
                }
                case BUSY -> {
                    writeUnread(request, router.busy(head, scheme), response, callback);
                    return;
                }
                default -> answer = router.route(new WireRequest(head.method(), head.rawPath(), head.rawQuery(), head.headers(),
                        body.bytes(), head.remoteAddress()), scheme, null, 0, placed);
            }
        }
        write(request, answer, response, callback);
    }

    /** The body within the limit and the budget, or null when the client stopped sending it before the end (idle timeout). */
    private BufferedBody readBody(Request request, long declared, long limit) throws IOException, InterruptedException {
        try {
            return BufferedBody.read(Content.Source.asInputStream(request), declared, limit, budget, BodyBudget.WAIT);
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.util.concurrent.TimeoutException) {
                    return null;
                }
            }
            throw e;
        }
    }

    /**
     * Reads what is left of a small body of declared length that the answer did not need (an expired
     * presigned PUT is refused before its body is read). Left unread, HTTP/2 ends the stream with a
     * reset, and clients that see the reset while still sending report it instead of the answer.
     * Larger or undeclared bodies are not waited for.
     */
    private static void drainSmallRest(InputStream body, long declared) {
        if (declared < 0 || declared > SMALL_REST) {
            return;
        }
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away: nothing to answer it with anyway
        }
    }

    /** Writes an answer to a request whose body was not (wholly) read, and closes an HTTP/1 connection after it. */
    private void writeUnread(Request request, WireResponse answer, Response response, Callback callback) {
        if (isHttp1(request)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close"); // HTTP/2 resets the stream instead
        }
        write(request, answer, response, callback);
    }

    private static boolean isHttp1(Request request) {
        return request.getConnectionMetaData().getHttpVersion().getVersion() < 20;
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
        if (streamed.length() >= 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, streamed.length());
        } // else no length: chunked, each piece written as the body yields it (Lambda's response streams)
        if (streamed.in() instanceof ReadableByteChannel channel) {
            writeChannel(channel, response, callback);
            return;
        }
        // a body that breaks off (its stream throws) fails the callback with the output left open: closing it
        // would end the answer as if complete; failing aborts it (no last chunk), so the client sees it cut short
        InputStream in = streamed.in();
        OutputStream out = Content.Sink.asOutputStream(response);
        try {
            byte[] buffer = new byte[COPY_BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(streamed);
            callback.failed(e);
            return;
        }
        try (in; out) {
            // closing the output writes the last chunk
        } catch (IOException e) {
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
