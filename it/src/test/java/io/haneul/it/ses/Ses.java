package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers of the SES integration tests: clients, the mailbox and event outbox over HTTP. */
final class Ses {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private Ses() {
    }

    static SesClient v1(TestServer server) {
        return v1(server, "111111111111");
    }

    static SesClient v1(TestServer server, String accessKey) {
        return SesClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64).socketTimeout(Duration.ofSeconds(60))).build();
    }

    static SesV2Client v2(TestServer server) {
        return SesV2Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("111111111111", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64).socketTimeout(Duration.ofSeconds(60))).build();
    }

    static HttpResponse<String> http(TestServer server, String method, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "haneul-test").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(TestServer server, String pathAndQuery) throws Exception {
        HttpResponse<String> r = http(server, "GET", pathAndQuery);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /**
     * A GET of an internal endpoint SigV4-signed with the given key (strict mode), as
     * {@code curl --aws-sigv4 "aws:amz:us-east-1:haneul"} signs it; {@code path} has no characters to encode.
     */
    static JsonNode signedJson(TestServer server, String accessKey, String secret, String path, java.util.Map<String, String> params)
            throws Exception {
        java.util.TreeMap<String, String> encoded = new java.util.TreeMap<>();
        params.forEach((k, v) -> encoded.put(io.haneul.it.support.HandSigner.encode(k), io.haneul.it.support.HandSigner.encode(v)));
        String query = String.join("&", encoded.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + path + (query.isEmpty() ? "" : "?" + query))).GET();
        new io.haneul.it.support.HandSigner(accessKey, secret, "us-east-1", "haneul")
                .signHeaders("GET", "127.0.0.1:" + server.port(), path, query, java.time.Instant.now()).forEach(b::header);
        // HTTP/1.1: the signature covers the Host header, which an h2c request carries as :authority instead
        HttpResponse<String> r = HTTP.send(b.version(HttpClient.Version.HTTP_1_1).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** The captured messages matching a query such as {@code ?recipient=a@b}. */
    static JsonNode messages(TestServer server, String query) throws Exception {
        return json(server, "/_haneul/ses/messages" + query).get("messages");
    }

    static JsonNode events(TestServer server, String messageId) throws Exception {
        return json(server, "/_haneul/ses/events?messageId=" + messageId).get("events");
    }

    static AwsServiceException fails(String code, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertEquals(code, e.awsErrorDetails().errorCode(), () -> "error code of " + e);
            return e;
        }
        return fail("expected " + code);
    }

    static void eventually(int seconds, String what, Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("not within " + seconds + " s: " + what);
    }

    static JsonNode eventsWhen(TestServer server, String messageId, int atLeast) throws Exception {
        JsonNode[] got = new JsonNode[1];
        eventually(10, atLeast + " events of " + messageId, () -> {
            try {
                got[0] = events(server, messageId);
                return got[0].size() >= atLeast;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return got[0];
    }

    static int smtpPort(TestServer server) throws Exception {
        return json(server, "/_haneul/health").get("smtp").get("port").asInt();
    }

    /** Runs a boto3 script (the first python3 that has boto3: on PATH, else pyenv's) with {@code args} after the endpoint; its stdout parsed as JSON. */
    static JsonNode boto3(TestServer server, java.nio.file.Path work, String script, String... args) throws Exception {
        java.nio.file.Path file = work.resolve("ses_test.py");
        java.nio.file.Files.writeString(file, script);
        String python = io.haneul.it.support.Processes.pythonWithBoto3(work).orElse(null);
        if (python == null) {
            return fail("no python with boto3");
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(python, file.toString(), server.endpoint().toString()));
        command.addAll(java.util.List.of(args));
        io.haneul.it.support.Processes.Result r = io.haneul.it.support.Processes.run(command, "111111111111", "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        return JSON.readTree(r.stdout());
    }

    /** Creates an SNS topic of account 111111111111 (SES checks that an SNS event destination's topic exists); its ARN. */
    static String topic(TestServer server, String name) {
        try (software.amazon.awssdk.services.sns.SnsClient sns = software.amazon.awssdk.services.sns.SnsClient.builder()
                .endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("111111111111", "secret"))).build()) {
            return sns.createTopic(b -> b.name(name)).topicArn();
        }
    }
}
