package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An SNS lambda subscription invokes the function with the {@code aws:sns} event (through Lambda's
 * FunctionInvoker) as {@code sns.amazonaws.com}, so the function's resource policy must allow the
 * topic, as on AWS; a refused notification goes to the subscription's dead-letter queue.
 */
class SnsToLambdaIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = LambdaFunctionsSdkV2IT.ACCOUNT;
    static TestServer server;
    static LambdaClient lambda;
    static SnsClient sns;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        lambda = LambdaFunctionsSdkV2IT.client(server);
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "s"));
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds).build();
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds).build();
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        sns.close();
        sqs.close();
        server.close();
    }

    static String printingFunction(String name) {
        String arn = lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("app.handler").code(c -> c.zipFile(Zips.of("app.py", FunctionOutput.PRINT_EVENT)))).functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return arn;
    }

    @Test
    void publishInvokesTheSubscribedFunctionThatAllowsTheTopic() throws Exception {
        String fn = printingFunction("on-news");
        String topic = sns.createTopic(r -> r.name("news")).topicArn();
        lambda.addPermission(b -> b.functionName("on-news").statementId("sns-news").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn(topic));
        String subscription = sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(fn)).subscriptionArn();
        String message = "hello-" + UUID.randomUUID();
        sns.publish(r -> r.topicArn(topic).message(message).subject("greeting"));

        JsonNode record = FunctionOutput.awaitEvent(server, "on-news", message).at("/Records/0");
        assertEquals("aws:sns", record.get("EventSource").asText());
        assertEquals("1.0", record.get("EventVersion").asText());
        assertEquals(subscription, record.get("EventSubscriptionArn").asText());
        JsonNode n = record.get("Sns");
        assertEquals("Notification", n.get("Type").asText());
        assertEquals(message, n.get("Message").asText());
        assertEquals("greeting", n.get("Subject").asText());
        assertEquals(topic, n.get("TopicArn").asText());
        assertTrue(n.get("SigningCertUrl").asText().contains("/_haneul/sns/certs/"), n.toString());
        assertTrue(URLDecoder.decode(n.get("UnsubscribeUrl").asText(), StandardCharsets.UTF_8).contains(subscription), n.toString());

        // Lambda carries the notification: nothing is parked in SNS's outbox
        try (HttpClient http = HttpClient.newHttpClient()) {
            String outbox = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/sns/outbox?protocol=lambda")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(0, JSON.readTree(outbox).get("messages").size(), outbox);
        }
    }

    @Test
    void aFunctionThatDoesNotAllowTheTopicRefusesAndTheNotificationIsDeadLettered() throws Exception {
        String unpermitted = printingFunction("no-policy");
        String otherTopic = printingFunction("other-topic");
        String topic = sns.createTopic(r -> r.name("alerts")).topicArn();
        lambda.addPermission(b -> b.functionName("other-topic").statementId("sns-elsewhere").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn("arn:aws:sns:us-east-1:" + ACCOUNT + ":some-other-topic"));
        String dlqUrl = sqs.createQueue(r -> r.queueName("alerts-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\"}";
        Set<String> subscriptions = new HashSet<>();
        for (String fn : List.of(unpermitted, otherTopic)) {
            subscriptions.add(sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(fn)
                    .attributes(Map.of("RedrivePolicy", redrive))).subscriptionArn());
        }
        String message = "refused-" + UUID.randomUUID();
        sns.publish(r -> r.topicArn(topic).message(message));

        List<Message> dead = new ArrayList<>();
        long until = System.currentTimeMillis() + 60_000;
        while (dead.size() < 2 && System.currentTimeMillis() < until) {
            dead.addAll(sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(2).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages());
        }
        assertEquals(2, dead.size(), dead.toString());
        Set<String> refusedFor = new HashSet<>();
        for (Message m : dead) {
            JsonNode body = JSON.readTree(m.body());
            assertEquals(message, body.get("Message").asText());
            assertEquals(topic, body.get("TopicArn").asText());
            assertTrue(m.messageAttributes().isEmpty(), () -> "SNS adds no attributes of its own to dead letters: " + m.messageAttributes());
            String unsubscribe = URLDecoder.decode(body.get("UnsubscribeURL").asText(), StandardCharsets.UTF_8);
            subscriptions.stream().filter(unsubscribe::contains).forEach(refusedFor::add);
        }
        assertEquals(subscriptions, refusedFor);
    }
}
