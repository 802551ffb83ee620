package io.haneul.server.http;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The only Jetty-aware class: turns a Jetty request into a {@link WireRequest}, hands it to the
 * {@link RequestRouter} and writes the {@link WireResponse} back. Runs on virtual threads, so the
 * router may block (store writes, long polls).
 */
public final class HaneulHandler extends Handler.Abstract {

    private final RequestRouter router;
    private final long maxBodyBytes;

    public HaneulHandler(RequestRouter router, long maxBodyBytes) {
        super(InvocationType.BLOCKING);
        this.router = router;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        WireResponse answer;
        Headers headers = new Headers();
        for (HttpField f : request.getHeaders()) {
            headers.add(f.getName(), f.getValue());
        }
        String scheme = request.isSecure() ? "https" : "http";
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            answer = router.tooLarge(new WireRequest(request.getMethod(), request.getHttpURI().getPath() == null ? "/"
                    : request.getHttpURI().getPath(), request.getHttpURI().getQuery(), headers, null), maxBodyBytes, scheme);
        } else {
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            } catch (IOException e) {
                callback.failed(e);
                return true;
            }
            String rawPath = request.getHttpURI().getPath();
            WireRequest wire = new WireRequest(request.getMethod(), rawPath == null || rawPath.isEmpty() ? "/" : rawPath,
                    request.getHttpURI().getQuery(), headers, body);
            answer = body.length > maxBodyBytes ? router.tooLarge(wire, maxBodyBytes, scheme) : router.route(wire, scheme);
        }
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().add(name, value));
        byte[] out = answer.body();
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.length);
        response.write(true, ByteBuffer.wrap(out), callback);
        return true;
    }
}
