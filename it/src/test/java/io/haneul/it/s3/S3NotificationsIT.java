package io.haneul.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/** Event notifications to SQS and SNS with AWS's event JSON, filtered by event type, prefix and suffix. */
class S3NotificationsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;
    static S3Client s3;
    static SqsClient sqs;
    static SnsClient sns;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Clients.ACCOUNT_A, "secret"));
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds).build();
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds).build();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        sqs.close();
        sns.close();
        server.close();
    }

    static String[] queue(String name) {
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return new String[] {url, arn};
    }

    static List<JsonNode> receive(String url, int expected) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (bodies.size() < expected && System.currentTimeMillis() < deadline) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)).messages()) {
                bodies.add(JSON.readTree(m.body()));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return bodies;
    }

    @Test
    void objectEventsReachAQueueThroughTheFilters() throws Exception {
        String[] q = queue(S3Clients.bucket("events"));
        String b = S3Clients.bucket("notify");
        s3.createBucket(r -> r.bucket(b));
        s3.putBucketNotificationConfiguration(r -> r.bucket(b).notificationConfiguration(c -> c.queueConfigurations(
                QueueConfiguration.builder().id("created").queueArn(q[1]).events(Event.S3_OBJECT_CREATED)
                        .filter(f -> f.key(k -> k.filterRules(FilterRule.builder().name(FilterRuleName.PREFIX).value("in/").build(),
                                FilterRule.builder().name(FilterRuleName.SUFFIX).value(".txt").build()))).build(),
                QueueConfiguration.builder().id("removed").queueArn(q[1]).events(Event.S3_OBJECT_REMOVED).build())));
        JsonNode test = receive(q[0], 1).getFirst();
        assertEquals("s3:TestEvent", test.path("Event").asText());
        assertEquals(b, test.path("Bucket").asText());
        QueueConfiguration stored = s3.getBucketNotificationConfiguration(r -> r.bucket(b)).queueConfigurations().getFirst();
        assertEquals("created", stored.id());
        assertEquals(2, stored.filter().key().filterRules().size());

        String etag = s3.putObject(r -> r.bucket(b).key("in/report 1.txt"), RequestBody.fromString("12345")).eTag();
        s3.putObject(r -> r.bucket(b).key("in/image.png"), RequestBody.fromString("skip: suffix"));
        s3.putObject(r -> r.bucket(b).key("out/x.txt"), RequestBody.fromString("skip: prefix"));
        s3.copyObject(r -> r.sourceBucket(b).sourceKey("in/report 1.txt").destinationBucket(b).destinationKey("in/copy.txt"));
        s3.deleteObject(r -> r.bucket(b).key("out/x.txt"));
        s3.deleteObjects(r -> r.bucket(b).delete(d -> d.objects(o -> o.key("in/copy.txt"), o -> o.key("in/image.png"))));

        List<JsonNode> events = receive(q[0], 5);
        assertEquals(java.util.Set.of("ObjectCreated:Put in/report+1.txt", "ObjectCreated:Copy in/copy.txt",
                "ObjectRemoved:Delete out/x.txt", "ObjectRemoved:Delete in/copy.txt", "ObjectRemoved:Delete in/image.png"),
                events.stream().map(e -> e.at("/Records/0/eventName").asText() + " " + e.at("/Records/0/s3/object/key").asText())
                        .collect(java.util.stream.Collectors.toSet()), events::toString);
        assertEquals(5, events.size(), events::toString);
        assertTrue(sqs.receiveMessage(r -> r.queueUrl(q[0]).waitTimeSeconds(1)).messages().isEmpty(),
                "the filtered-out puts sent nothing");
        JsonNode put = events.stream().filter(e -> e.at("/Records/0/eventName").asText().equals("ObjectCreated:Put")).findFirst()
                .orElseThrow();
        JsonNode record = put.at("/Records/0");
        assertEquals("2.1", record.path("eventVersion").asText());
        assertEquals("aws:s3", record.path("eventSource").asText());
        assertEquals("us-east-1", record.path("awsRegion").asText());
        assertEquals("created", record.at("/s3/configurationId").asText());
        assertEquals(b, record.at("/s3/bucket/name").asText());
        assertEquals("arn:aws:s3:::" + b, record.at("/s3/bucket/arn").asText());
        assertEquals("in/report+1.txt", record.at("/s3/object/key").asText());
        assertEquals(5, record.at("/s3/object/size").asInt());
        assertEquals(etag.replace("\"", ""), record.at("/s3/object/eTag").asText());
        assertFalse(record.at("/s3/object/sequencer").asText().isEmpty());
        assertTrue(events.stream().anyMatch(e -> e.at("/Records/0/eventName").asText().equals("ObjectCreated:Copy")));
        JsonNode removed = events.stream().filter(e -> e.at("/Records/0/eventName").asText().equals("ObjectRemoved:Delete"))
                .findFirst().orElseThrow();
        assertEquals("out/x.txt", removed.at("/Records/0/s3/object/key").asText());
    }

    @Test
    void aMissingQueueMakesTheConfigurationInvalid() {
        String b = S3Clients.bucket("badcfg");
        s3.createBucket(r -> r.bucket(b));
        expectError("InvalidArgument", 400, () -> s3.putBucketNotificationConfiguration(r -> r.bucket(b).notificationConfiguration(c ->
                c.queueConfigurations(QueueConfiguration.builder().queueArn("arn:aws:sqs:us-east-1:" + S3Clients.ACCOUNT_A + ":nope")
                        .events(Event.S3_OBJECT_CREATED).build()))));
        assertTrue(s3.getBucketNotificationConfiguration(r -> r.bucket(b)).queueConfigurations().isEmpty());
    }

    @Test
    void objectEventsReachATopic() throws Exception {
        String[] q = queue(S3Clients.bucket("viatopic"));
        String topic = sns.createTopic(r -> r.name(S3Clients.bucket("s3events"))).topicArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(q[1]).attributes(java.util.Map.of("RawMessageDelivery", "true")));
        String b = S3Clients.bucket("totopic");
        s3.createBucket(r -> r.bucket(b));
        s3.putBucketNotificationConfiguration(r -> r.bucket(b).notificationConfiguration(c -> c.topicConfigurations(
                TopicConfiguration.builder().id("t").topicArn(topic).events(Event.S3_OBJECT_CREATED_PUT).build())));
        s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("v"));
        List<JsonNode> messages = receive(q[0], 2);
        assertTrue(messages.stream().anyMatch(m -> m.path("Event").asText().equals("s3:TestEvent")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.at("/Records/0/eventName").asText().equals("ObjectCreated:Put")), messages::toString);
    }
}
