package io.haneul.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drift between the API models Haneul ships and the newest ones SDKs are generated from: for every
 * operation whose HTTP binding (method, request URI) differs in the newest botocore model (snapshot
 * in {@code newest-bindings/newest.json}, written by {@code snapshot.py} there from the newest wheel
 * pip can fetch), a request shaped as a current SDK sends it must reach the operation, not answer
 * "unknown operation". Refresh the snapshot when a newer botocore is available; this test then names
 * every binding Haneul does not accept yet.
 */
class NewestBindingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Models botocore no longer carries (AWS ended Elastic Transcoder in 2025). */
    private static final Set<String> NOT_IN_BOTOCORE = Set.of("elastictranscoder-2012-09-25");

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static JsonNode resource(String path) throws Exception {
        try (InputStream in = NewestBindingsIT.class.getResourceAsStream(path)) {
            assertTrue(in != null, path + " on the classpath");
            return JSON.readTree(in);
        }
    }

    private static List<String> shippedModels() throws Exception {
        try (InputStream in = NewestBindingsIT.class.getResourceAsStream("/aws-models/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+")[0].replaceFirst("\\.json$", "")).toList();
        }
    }

    record Drift(String model, String operation, String shipped, String newest, String protocol, String signingName) {
    }

    /** Every operation of every shipped model whose newest binding differs from the shipped one. */
    static List<Drift> drifts() throws Exception {
        JsonNode newest = resource("/newest-bindings/newest.json").get("models");
        List<Drift> out = new ArrayList<>();
        for (String stem : shippedModels()) {
            JsonNode latest = newest.get(stem);
            if (latest == null) {
                assertTrue(NOT_IN_BOTOCORE.contains(stem), "newest.json lacks " + stem + ": rerun snapshot.py");
                continue;
            }
            JsonNode model = resource("/aws-models/" + stem + ".json");
            JsonNode meta = model.get("metadata");
            for (Iterator<Map.Entry<String, JsonNode>> it = model.get("operations").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> op = it.next();
                JsonNode http = op.getValue().get("http");
                String shipped = http.get("method").asText() + " " + http.get("requestUri").asText();
                JsonNode now = latest.get(op.getKey());
                if (now != null && !now.asText().equals(shipped)) {
                    out.add(new Drift(stem, op.getKey(), shipped, now.asText(), meta.get("protocol").asText(),
                            meta.path("signingName").asText(meta.get("endpointPrefix").asText())));
                }
            }
        }
        return out;
    }

    /** A request to {@code method path} signed for {@code signingName}, as a client of the newer model sends it. */
    static HttpResponse<String> send(String signingName, String protocol, String method, String path) throws Exception {
        String body = protocol.equals("rest-json") ? "{}" : "";
        URI uri = URI.create(server.endpoint() + path);
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        if (!body.isEmpty()) {
            b.putHeader("Content-Type", "application/json");
        }
        SdkHttpRequest unsigned = b.build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsBasicCredentials.create("111111111111", "secret"))
                .request(unsigned).payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_1_1)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> req.header(name, v));
            }
        });
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean unknown(HttpResponse<String> r) {
        return r.body().contains("UnknownOperation") || r.statusCode() == 501
                || r.headers().firstValue("x-amzn-ErrorType").orElse("").startsWith("UnknownOperation");
    }

    @Test
    void everyShippedModelIsInTheSnapshot() throws Exception {
        JsonNode newest = resource("/newest-bindings/newest.json");
        assertTrue(newest.get("source").asText().startsWith("botocore "));
        drifts();
    }

    @Test
    void theCheckSeesAnUnknownRoute() throws Exception {
        // the control: a path no model binds is answered as unknown, so the check below can fail
        assertTrue(unknown(send("ses", "rest-json", "POST", "/v2/email/no-such-operation")));
    }

    @Test
    void everyNewerBindingReachesItsOperation() throws Exception {
        List<Drift> drifts = drifts();
        assertTrue(drifts.stream().anyMatch(d -> d.operation().equals("ListEmailIdentities")), drifts::toString);
        Map<String, String> failures = new TreeMap<>();
        for (Drift d : drifts) {
            String method = d.newest().substring(0, d.newest().indexOf(' '));
            String path = d.newest().substring(d.newest().indexOf(' ') + 1).replaceAll("\\{[^}]+\\+}", "drift/check")
                    .replaceAll("\\{[^}]+}", "drift-check");
            HttpResponse<String> r = send(d.signingName(), d.protocol(), method, path);
            if (unknown(r)) {
                failures.put(d.model() + " " + d.operation(), d.newest() + " (shipped: " + d.shipped() + ") answered "
                        + r.statusCode() + " " + r.body());
            }
        }
        if (!failures.isEmpty()) {
            fail("newer bindings not accepted: " + failures);
        }
        assertEquals(Set.of(), failures.keySet());
    }
}
