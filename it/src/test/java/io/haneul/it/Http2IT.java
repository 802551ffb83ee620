package io.haneul.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Envelopes;
import io.haneul.it.support.TestServer;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * HTTP/2 over cleartext: with prior knowledge (Jetty's HTTP/2 client, as gRPC-style and some SDK
 * HTTP clients connect) and through the HTTP/1.1 {@code Upgrade: h2c} path ({@code java.net.http}).
 */
class Http2IT {

    static TestServer server;
    static HttpClient h2c;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        h2c = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        h2c.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (h2c != null) {
            h2c.stop();
        }
        server.close();
    }

    @Test
    void healthOverH2cPriorKnowledge() throws Exception {
        ContentResponse r = h2c.newRequest(server.endpoint().resolve("/_haneul/health"))
                .timeout(30, TimeUnit.SECONDS).send();
        assertEquals(HttpVersion.HTTP_2, r.getVersion());
        assertEquals(200, r.getStatus());
        JsonNode health = new ObjectMapper().readTree(r.getContent());
        assertEquals("running", health.path("status").asText());
        assertEquals("running", health.path("services").path("sts").asText());
    }

    @Test
    void stsQueryCallOverH2cPriorKnowledge() throws Exception {
        ContentResponse r = h2c.newRequest(server.endpoint()).method(HttpMethod.POST)
                .body(new BytesRequestContent("application/x-www-form-urlencoded",
                        "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8)))
                .timeout(30, TimeUnit.SECONDS).send();
        assertEquals(HttpVersion.HTTP_2, r.getVersion());
        assertEquals(200, r.getStatus(), r.getContentAsString());
        assertEquals("000000000000", Envelopes.text(Envelopes.xml(r.getContent()), "Account"));
    }

    @Test
    void errorEnvelopeOverH2c() throws Exception {
        ContentResponse r = h2c.newRequest(server.endpoint()).method(HttpMethod.POST)
                .headers(h -> h.put("X-Amz-Target", "NoSuchService_20990101.Op"))
                .body(new BytesRequestContent("application/x-amz-json-1.0", "{}".getBytes(StandardCharsets.UTF_8)))
                .timeout(30, TimeUnit.SECONDS).send();
        assertEquals(HttpVersion.HTTP_2, r.getVersion());
        assertEquals("UnrecognizedClientException", Envelopes.parse(r.getStatus(), r.getHeaders().get("content-type"),
                r.getContent()).code());
    }

    @Test
    void healthThroughTheH2cUpgrade() throws Exception {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(10)).build()) {
            URI health = server.endpoint().resolve("/_haneul/health");
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(health).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(java.net.http.HttpClient.Version.HTTP_2, r.version());
            assertEquals(200, r.statusCode());
            assertEquals("running", new ObjectMapper().readTree(r.body()).path("status").asText());
        }
    }

    @Test
    void aSigV4SignedCallOverH2cVerifiesInStrictMode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String key = "AKIAHANEULH2C0000001";
        String secret = "h2cSecretKeyForTheStrictModeTest0000000";
        java.nio.file.Path creds = dir.resolve("credentials");
        java.nio.file.Files.writeString(creds, key + " " + secret + " 123456789012\n");
        try (TestServer strict = TestServer.start("--auth", "strict", "--credentials", creds.toString())) {
            byte[] form = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
            String host = "127.0.0.1:" + strict.port();
            // HTTP/2 sends the host as :authority only; the signature covers it as "host"
            java.util.Map<String, String> signed = new io.haneul.it.support.HandSigner(key, secret, "us-east-1", "sts")
                    .signPost(host, "application/x-www-form-urlencoded", form, java.time.Instant.now());
            var request = h2c.newRequest(URI.create("http://" + host + "/")).method(HttpMethod.POST)
                    .headers(h -> signed.forEach((name, value) -> {
                        if (!name.equals("Content-Type")) {
                            h.put(name, value);
                        }
                    }))
                    .body(new BytesRequestContent("application/x-www-form-urlencoded", form))
                    .timeout(30, TimeUnit.SECONDS);
            ContentResponse r = request.send();
            assertEquals(HttpVersion.HTTP_2, r.getVersion());
            assertEquals(200, r.getStatus(), r.getContentAsString());
            assertEquals("123456789012", Envelopes.text(Envelopes.xml(r.getContent()), "Account"));
        }
    }
}
