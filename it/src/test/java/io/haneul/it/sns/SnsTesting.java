package io.haneul.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared helpers of the SNS integration tests: clients, queues, HTTP, signatures. */
final class SnsTesting {

    static final String ACCOUNT_A = "111111111111";
    static final String ACCOUNT_B = "222222222222";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SnsTesting() {
    }

    static SnsClient sns(TestServer server, String accessKey) {
        return SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(100).socketTimeout(Duration.ofSeconds(60))).build();
    }

    static SqsClient sqs(TestServer server, String accessKey) {
        return SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(100).socketTimeout(Duration.ofSeconds(60))).build();
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A queue and its ARN. */
    record Queue(String url, String arn) {
    }

    static Queue queue(SqsClient sqs, String name, Map<QueueAttributeName, String> attrs) {
        String url = sqs.createQueue(b -> b.queueName(name).attributes(attrs)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings().get("QueueArn");
        return new Queue(url, arn);
    }

    static Queue queue(SqsClient sqs, String name) {
        return queue(sqs, name, Map.of());
    }

    /** Receives until {@code count} messages arrived or {@code seconds} passed; deletes what it got. */
    static List<Message> receive(SqsClient sqs, Queue q, int count, int seconds) {
        List<Message> got = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (got.size() < count && System.nanoTime() < end) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(q.url()).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            for (Message m : batch) {
                got.add(m);
                sqs.deleteMessage(b -> b.queueUrl(q.url()).receiptHandle(m.receiptHandle()));
            }
        }
        return got;
    }

    /** Asserts the queue stays empty for about a second. */
    static void assertEmpty(SqsClient sqs, Queue q) {
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(q.url()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertEquals(List.of(), got.stream().map(Message::body).toList(), "queue " + q.arn() + " should be empty");
    }

    /** Asserts the call fails with the given query error code and HTTP status; returns the exception. */
    static AwsServiceException fails(String code, int status, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            assertEquals(code, e.awsErrorDetails().errorCode(), () -> "error code of " + e);
            assertEquals(status, e.statusCode(), () -> "status of " + e);
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

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + url, e);
        }
    }

    static HttpResponse<String> send(String method, String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + url, e);
        }
    }

    /** The outbox entries (JSON array) for a query such as {@code protocol=sms}. */
    static JsonNode outbox(TestServer server, String query) {
        HttpResponse<String> r = get(server.endpoint() + "/_haneul/sns/outbox" + (query.isEmpty() ? "" : "?" + query));
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).get("messages");
    }

    /** The certificate at a message's SigningCertURL. */
    static X509Certificate certificate(String url) {
        HttpResponse<String> r = get(url);
        assertEquals(200, r.statusCode(), "GET " + url);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(r.body().getBytes()));
        } catch (Exception e) {
            throw new AssertionError("not a PEM certificate: " + r.body(), e);
        }
    }

    /** Verifies an SNS message JSON with AWS's own verifier (SDK for Java v1), using the key at its SigningCertURL. */
    static boolean verifiedByAws(String messageJson) {
        return verifiedByAws(messageJson, certificate(json(messageJson).get("SigningCertURL").asText()).getPublicKey());
    }

    static boolean verifiedByAws(String messageJson, PublicKey key) {
        return new com.amazonaws.services.sns.util.SignatureChecker().verifyMessageSignature(messageJson, key);
    }
}
