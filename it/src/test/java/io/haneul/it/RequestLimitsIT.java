package io.haneul.it;

import io.haneul.it.support.Envelopes;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each service's largest request as AWS sizes it (ServiceModule.maxRequestBytes): beyond it the
 * call is answered 413 in the service's own envelope, before the body is read when the headers tell
 * the service and just after when only the body does; within it, the service's own size rules
 * answer, and the largest normal messages go through.
 */
class RequestLimitsIT {

    static final int MIB = 1024 * 1024;
    static TestServer server;
    static SqsClient sqs;
    static SnsClient sns;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLIMITS", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLIMITS", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        sns.close();
        server.close();
    }

    static HttpResponse<byte[]> sqsJson(String operation, String json) {
        return JavaHttp.post(server.endpoint(), Map.of("X-Amz-Target", "AmazonSQS." + operation,
                "Content-Type", "application/x-amz-json-1.0"), json);
    }

    @Test
    void aMessageOfTheLargestSizeSqsTakesGoesThrough() {
        String url = sqs.createQueue(b -> b.queueName("limits-large")).queueUrl();
        String body = "x".repeat(MIB - 64); // 1 MiB with room for nothing but the body
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        String quarter = "q".repeat(256 * 1024);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(quarter));
        assertEquals(2, Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages")));
    }

    @Test
    void aMessageOverSqsLimitButWithinTheEncodingAllowanceGetsSqsOwnError() {
        String url = sqs.createQueue(b -> b.queueName("limits-two")).queueUrl();
        SqsException e = assertThrows(SqsException.class, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("y".repeat(2 * MIB))));
        assertEquals(400, e.statusCode());
        assertEquals("InvalidParameterValue", e.awsErrorDetails().errorCode());
    }

    @Test
    void aJsonCallOverSqsLimitIs413InJsonBeforeItsBodyIsRead() {
        HttpResponse<byte[]> r = sqsJson("SendMessage", "{\"QueueUrl\":\"http://localhost/000000000000/q\",\"MessageBody\":\""
                + "z".repeat(4 * MIB) + "\"}");
        Envelopes.Envelope e = Envelopes.assertError(r, 413, "RequestEntityTooLarge");
        assertEquals("json", e.kind(), () -> Envelopes.preview(r.body()));
    }

    @Test
    void aFormCallPlacedByItsBodyIs413InQueryXmlOnceRead() {
        HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), "Action=SendMessage&Version=2012-11-05"
                + "&QueueUrl=http%3A%2F%2Flocalhost%2F000000000000%2Fq&MessageBody=" + "z".repeat(4 * MIB));
        Envelopes.Envelope e = Envelopes.assertError(r, 413, "RequestEntityTooLarge");
        assertEquals("xml", e.kind(), () -> Envelopes.preview(r.body()));
    }

    @Test
    void snsAnswersAPublishOverItsMessageLimitAndRefusesOneOverItsRequestLimit() {
        String topic = sns.createTopic(b -> b.name("limits")).topicArn();
        SnsException tooLong = assertThrows(SnsException.class, () -> sns.publish(b -> b.topicArn(topic).message("m".repeat(300 * 1024))));
        assertEquals(400, tooLong.statusCode());
        assertEquals("InvalidParameter", tooLong.awsErrorDetails().errorCode());
        HttpResponse<byte[]> r = JavaHttp.form(server.endpoint(), "Action=Publish&Version=2010-03-31&TopicArn="
                + java.net.URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&Message=" + "m".repeat(MIB));
        Envelopes.Envelope e = Envelopes.assertError(r, 413, "RequestEntityTooLarge");
        assertEquals("xml", e.kind(), () -> Envelopes.preview(r.body()));
    }

    @Test
    void aBodyThatStopsArrivingIsARequestTimeoutNotAnInternalError() throws Exception {
        try (TestServer impatient = TestServer.start("--idle-timeout", "1")) {
            // the head promises 100 bytes that never come
            io.haneul.it.support.RawHttp.Response r = io.haneul.it.support.RawHttp.send(impatient.port(), "POST", "/",
                    Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "AmazonSQS.ListQueues",
                            "Content-Length", "100"), (byte[]) null);
            assertEquals(400, r.status(), () -> new String(r.body(), StandardCharsets.UTF_8));
            assertEquals("RequestTimeout", Envelopes.parse(r.status(), r.headers().get("content-type").getFirst(), r.body()).code());
        }
    }
}
