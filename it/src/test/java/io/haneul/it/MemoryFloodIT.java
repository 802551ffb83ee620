package io.haneul.it;

import io.haneul.it.support.BodyFlood;
import io.haneul.it.support.ChildServer;
import io.haneul.it.support.Envelopes;
import io.haneul.it.support.HandSigner;
import io.haneul.it.support.JavaHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #23, finding 2: request bodies could be read into memory before authentication, as many at
 * once as clients sent, and 40 unsigned 60 MiB POSTs ran a 1 GiB heap out of memory. Here a node
 * with a 160 MiB heap takes 30 concurrent POSTs of 20 to 60 MiB each (about 1.2 GiB in all), signed
 * with an unknown key or not signed at all, declared or chunked, JSON or form, in strict and in
 * permissive mode; every one is answered in SQS's envelope (refused from its headers, too large for
 * SQS, or 503 while the body budget is full), and the node keeps answering its health check and
 * properly signed SQS calls during and after the flood. S3's buffered documents (a bucket policy)
 * are held to the same budget. Without these bounds the node answers every request 500 (its heap
 * exhausted) within seconds.
 */
class MemoryFloodIT {

    static final String KEY = "AKIAHANEULFLOOD00001";
    static final String SECRET = "floodSecretKey/K7MDENG/bPxRfiCYFLOODKEY";
    static final String ACCOUNT = "123456789012";
    static final String HEAP = "160m";
    static final int CONNECTIONS = 30;
    static final String JSON = "application/x-amz-json-1.0";
    static final String FORM = "application/x-www-form-urlencoded";
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void strictModeRefusesFromTheHeadersWhatCannotAuthenticate() throws Exception {
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, KEY + " " + SECRET + " " + ACCOUNT + "\n");
        try (ChildServer node = ChildServer.startWithHeap(dir.resolve("data"), HEAP, "--auth", "strict",
                "--credentials", creds.toString(), "--services", "sqs")) {
            List<BodyFlood.Post> posts = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                posts.add(post(i % 2 == 0 ? JSON : FORM, i % 4 < 2 ? unknownKeySignature() : Map.of(), 60L << 20, i % 3 == 0));
            }
            List<BodyFlood.Answer> answers = floodWhileCalling(node, posts, KEY, SECRET);
            assertAnswered(answers, Set.of("MissingAuthenticationToken", "MissingAuthenticationTokenException",
                    "InvalidClientTokenId", "UnrecognizedClientException", "RequestEntityTooLarge"));
            assertLargeMessageWorks(node, KEY, SECRET);
        }
    }

    @Test
    void permissiveModeBuffersWithinTheBudget() throws Exception {
        try (ChildServer node = ChildServer.startWithHeap(dir.resolve("data"), HEAP, "--max-body-bytes", String.valueOf(512L << 20),
                "--services", "sqs")) {
            List<BodyFlood.Post> posts = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                // a form names SQS only in its body, so it is read (within the budget) before SQS's limit applies
                posts.add(post(i % 3 == 0 ? JSON : FORM, Map.of(), 20L << 20, i % 2 == 0));
            }
            List<BodyFlood.Answer> answers = floodWhileCalling(node, posts, "AKIDPERMISSIVE", "any");
            assertAnswered(answers, Set.of("RequestEntityTooLarge", "ServiceUnavailable"));
            assertLargeMessageWorks(node, "AKIDPERMISSIVE", "any");
        }
    }

    /**
     * S3 streams object bodies, but buffers the XML and JSON documents its configuration calls parse
     * (here a bucket policy); those are reserved in the same budget, so a flood of them in permissive
     * mode is bounded too.
     */
    @Test
    void s3DocumentsAreBufferedWithinTheBudget() throws Exception {
        try (ChildServer node = ChildServer.startWithHeap(dir.resolve("data"), HEAP, "--max-body-bytes", String.valueOf(512L << 20),
                "--services", "s3,sqs")) {
            HttpResponse<byte[]> bucket = JavaHttp.send(java.net.http.HttpRequest.newBuilder(node.endpoint().resolve("/flood-bucket"))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, bucket.statusCode(), () -> JavaHttp.text(bucket));
            List<BodyFlood.Post> posts = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                posts.add(new BodyFlood.Post("PUT", "/flood-bucket?policy", Map.of("Content-Type", "application/json"),
                        "{\"Version\":\"".getBytes(StandardCharsets.US_ASCII), 20L << 20, i % 2 == 0));
            }
            List<BodyFlood.Answer> answers = floodWhileCalling(node, posts, "AKIDPERMISSIVE", "any");
            for (BodyFlood.Answer a : answers) {
                assertTrue(a.status() == 400 || a.status() == 413 || a.status() == 503, () -> "unexpected answer " + a.text());
                Envelopes.parse(a.status(), a.contentType(), a.body());
            }
        }
    }

    /** One large SendMessage: JSON or form, its body then filler up to {@code length}. */
    static BodyFlood.Post post(String contentType, Map<String, String> signature, long length, boolean chunked) {
        Map<String, String> headers = new HashMap<>(signature);
        headers.put("Content-Type", contentType);
        String prefix;
        if (contentType.equals(JSON)) {
            headers.put("X-Amz-Target", "AmazonSQS.SendMessage");
            prefix = "{\"QueueUrl\":\"http://127.0.0.1/" + ACCOUNT + "/flood\",\"MessageBody\":\"";
        } else {
            prefix = "Action=SendMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%2F" + ACCOUNT + "%2Fflood&MessageBody=";
        }
        return new BodyFlood.Post("POST", "/", headers, prefix.getBytes(StandardCharsets.US_ASCII), length, chunked);
    }

    /** A well-formed, current signature of a key the server does not know. */
    static Map<String, String> unknownKeySignature() {
        String amzDate = AMZ_DATE.format(Instant.now());
        return Map.of("X-Amz-Date", amzDate, "Authorization", "AWS4-HMAC-SHA256 Credential=AKIAUNKNOWNFLOODKEY1/"
                + amzDate.substring(0, 8) + "/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="
                + "0123456789abcdef".repeat(4));
    }

    /**
     * Sends the flood and, while it is in flight and after it, asks the node's health and makes a
     * signed SQS call, which must succeed (an SDK retries a 503, so the call here does too).
     */
    static List<BodyFlood.Answer> floodWhileCalling(ChildServer node, List<BodyFlood.Post> posts, String key, String secret)
            throws Exception {
        int port = node.endpoint().getPort();
        long start = System.nanoTime();
        CompletableFuture<List<BodyFlood.Answer>> flood = CompletableFuture.supplyAsync(() -> {
            try {
                return BodyFlood.sendAll(port, posts, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // checked as soon as the flood is under way; how much of it is still in flight then depends on the
        // machine (refusals from the headers end a strict-mode flood within milliseconds), so the overlap is
        // reported, not asserted: every flood request's answer and the checks after it are what must hold
        assertServes(node, key, secret);
        boolean duringFlood = !flood.isDone();
        List<BodyFlood.Answer> answers = flood.get(60, TimeUnit.SECONDS);
        Map<String, Integer> byKind = new TreeMap<>();
        for (int i = 0; i < posts.size(); i++) {
            BodyFlood.Post p = posts.get(i);
            String kind = p.headers().get("Content-Type").substring(12) + (p.chunked() ? " chunked" : " declared")
                    + (p.headers().containsKey("Authorization") ? " signed" : "") + " -> " + answers.get(i).status();
            byKind.merge(kind, 1, Integer::sum);
        }
        System.out.printf("flood of %d: %s in %d ms (health and SQS checked %s and after it); %s%n", posts.size(),
                summary(answers), (System.nanoTime() - start) / 1_000_000, duringFlood ? "during" : "as it ended", byKind);
        assertServes(node, key, secret);
        return answers;
    }

    static void assertAnswered(List<BodyFlood.Answer> answers, Set<String> codes) {
        for (BodyFlood.Answer a : answers) {
            assertTrue(a.status() > 0, () -> "a flood request got no answer: " + a.text() + " (all: " + summary(answers) + ")");
            Envelopes.Envelope e = Envelopes.parse(a.status(), a.contentType(), a.body());
            assertTrue(codes.contains(e.code()), () -> "unexpected answer " + a.text());
            Envelopes.assertNoLeak(a.body());
        }
    }

    static Map<String, Integer> summary(List<BodyFlood.Answer> answers) {
        Map<String, Integer> counts = new TreeMap<>();
        for (BodyFlood.Answer a : answers) {
            String key = a.status() < 0 ? "no answer: " + a.failure()
                    : a.status() + " " + Envelopes.parse(a.status(), a.contentType(), a.body()).code();
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    /** The node answers its health check and a properly signed SQS call (ListQueues). */
    static void assertServes(ChildServer node, String key, String secret) throws InterruptedException {
        HttpResponse<byte[]> health = JavaHttp.get(node.endpoint().resolve("/_haneul/health"));
        assertEquals(200, health.statusCode(), () -> JavaHttp.text(health));
        URI endpoint = node.endpoint();
        HttpResponse<byte[]> list = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>(new HandSigner(key, secret, "us-east-1", "sqs")
                    .signPost(endpoint.getHost() + ":" + endpoint.getPort(), JSON, body, Instant.now()));
            headers.put("X-Amz-Target", "AmazonSQS.ListQueues");
            list = JavaHttp.post(endpoint, headers, body);
            if (list.statusCode() != 503) {
                break;
            }
            Thread.sleep(200L << attempt);
        }
        HttpResponse<byte[]> last = list;
        assertEquals(200, last.statusCode(), () -> JavaHttp.text(last));
    }

    /** After a flood, a 256 KiB message (a normal large one) still goes through SQS both ways. */
    static void assertLargeMessageWorks(ChildServer node, String key, String secret) {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            String url = sqs.createQueue(b -> b.queueName("after-flood")).queueUrl();
            String body = "m".repeat(256 * 1024);
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();
            assertEquals(1, got.size());
            assertEquals(body, got.getFirst().body());
        }
    }
}
