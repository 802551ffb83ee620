package io.haneul.it.apigateway;

import io.haneul.it.support.TestServer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to a deployed stage's invoke URL (the path form), as a browser or curl would make them. */
final class Invocations {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Invocations() {
    }

    /** @param headers name, value, name, value... */
    static HttpResponse<byte[]> get(TestServer server, String api, String stage, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/_aws/execute-api/" + api + "/" + stage + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
