package io.haneul.sns;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** POSTs SNS messages to HTTP/S endpoints with the JDK client (15 s per request, like AWS). */
final class HttpSender {

    /** How an attempt ended: the status, or -1 with the failure when no response came. */
    record Outcome(int status, String failure) {
        boolean delivered() {
            return status >= 200 && status < 300;
        }

        /** Worth retrying: no answer, throttled, or a server error. */
        boolean retryable() {
            return status < 0 || status == 429 || status >= 500;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    Outcome post(String url, String contentType, Map<String, String> headers, String body) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", contentType)
                    .header("User-Agent", "Amazon Simple Notification Service Agent")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Outcome(400, "invalid endpoint URL: " + e.getMessage());
        }
        headers.forEach(b::header);
        try {
            HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
            return new Outcome(r.statusCode(), r.statusCode() >= 300 ? "HTTP " + r.statusCode() : null);
        } catch (IOException e) {
            return new Outcome(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "interrupted");
        }
    }
}
