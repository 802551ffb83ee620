package io.haneul.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Plain, unsigned HTTP/1.1 requests through {@code java.net.http}. */
public final class JavaHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private JavaHttp() {
    }

    public static HttpResponse<byte[]> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    public static HttpResponse<byte[]> post(URI uri, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    public static HttpResponse<byte[]> post(URI uri, Map<String, String> headers, String body) {
        return post(uri, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A form POST the way awsQuery clients send it. */
    public static HttpResponse<byte[]> form(URI uri, String form) {
        return post(uri, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), form);
    }

    public static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    public static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
