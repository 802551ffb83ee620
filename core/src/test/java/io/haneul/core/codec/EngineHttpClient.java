package io.haneul.core.codec;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An {@link SdkHttpClient} that never opens a socket: it hands the request the SDK marshalled
 * (method, encoded path and query, headers, body) to a function as a {@link WireRequest} and
 * returns that function's {@link WireResponse} to the SDK, which then unmarshalls it.
 */
final class EngineHttpClient implements SdkHttpClient {

    private final Function<WireRequest, WireResponse> server;

    EngineHttpClient(Function<WireRequest, WireResponse> server) {
        this.server = server;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                WireResponse response = server.apply(toWire(request));
                SdkHttpFullResponse.Builder http = SdkHttpFullResponse.builder().statusCode(response.status());
                response.headers().forEach(http::appendHeader);
                if (!response.headers().has("Content-Length")) {
                    http.putHeader("Content-Length", Integer.toString(response.body().length));
                }
                return HttpExecuteResponse.builder()
                        .response(http.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    static WireRequest toWire(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        Headers headers = new Headers();
        for (Map.Entry<String, List<String>> h : http.headers().entrySet()) {
            h.getValue().forEach(v -> headers.add(h.getKey(), v));
        }
        if (!headers.has("Host")) {
            int port = http.port();
            headers.set("Host", http.host() + (port == 80 || port == 443 ? "" : ":" + port));
        }
        byte[] body = new byte[0];
        if (request.contentStreamProvider().isPresent()) {
            try (InputStream in = request.contentStreamProvider().get().newStream()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String path = http.encodedPath();
        return new WireRequest(http.method().name(), path == null || path.isEmpty() ? "/" : path,
                http.encodedQueryParameters().orElse(""), headers, body);
    }

    @Override
    public String clientName() {
        return "haneul-engine-in-memory";
    }

    @Override
    public void close() {
    }
}
