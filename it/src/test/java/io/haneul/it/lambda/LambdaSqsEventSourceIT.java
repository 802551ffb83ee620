package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.DeleteEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQS event source mappings through the AWS SDK for Java v2, with real Python functions: the
 * mapping's API and states, the {@code aws:sqs} event, deletion on success, redrive to the queue's
 * DLQ on failure, partial batch failures, filters, FIFO order, disable/enable, delete, and a
 * restart. Functions print each event they get on one line ({@code EVENT {...}}); the test reads
 * them back from the function's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaSqsEventSourceIT {

    private static final String ACCOUNT = LambdaFunctionsSdkV2IT.ACCOUNT;
    private static final String ROLE = LambdaFunctionsSdkV2IT.ROLE;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prints the event; answers the batch item failures of records whose body starts with "bad". */
    private static final String PRINTER = """
            import json
            def handler(event, context):
                print("EVENT " + json.dumps(event))
                return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"] if r["body"].startswith("bad")]}
            """;
    private static final String FAILING = """
            import json
            def handler(event, context):
                print("EVENT " + json.dumps(event))
                raise Exception("cannot handle it")
            """;

    TestServer server;
    private LambdaClient lambda;
    private SqsClient sqs;
    private HttpClient http;

    @BeforeAll
    void start() {
        server = newServer();
        lambda = LambdaFunctionsSdkV2IT.client(server);
        sqs = sqs(server);
        http = HttpClient.newHttpClient();
    }

    /** The server under test; the PostgreSQL variant overrides it. */
    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        http.close();
        sqs.close();
        lambda.close();
        server.close();
    }

    static SqsClient sqs(TestServer server) {
        return SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
    }

    @Test
    void messagesReachTheFunctionInBatchesWithTheSqsEventShapeAndAreDeleted() throws Exception {
        String fn = function(PRINTER);
        String queueUrl = sqs.createQueue(r -> r.queueName(unique("orders"))).queueUrl();
        String queueArn = arn(queueUrl);
        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(queueArn)
                .batchSize(5).maximumBatchingWindowInSeconds(1));
        assertEquals("Creating", created.state());
        assertEquals(5, created.batchSize());
        assertEquals(1, created.maximumBatchingWindowInSeconds());
        assertEquals(queueArn, created.eventSourceArn());
        assertEquals("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + fn, created.functionArn());
        assertEquals("USER_INITIATED", created.stateTransitionReason());
        assertNotNull(created.lastModified());
        EventSourceMappingConfiguration enabled = awaitState(created.uuid(), "Enabled");
        assertTrue(enabled.functionResponseTypes().isEmpty());

        List<String> bodies = new ArrayList<>();
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String body = "order-" + i;
            bodies.add(body);
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(body).messageAttributes(Map.of(
                    "kind", MessageAttributeValue.builder().dataType("String").stringValue("book").build(),
                    "count", MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(i)).build(),
                    "raw", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("x" + i)).build()))
                    .build());
        }
        sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));

        List<JsonNode> records = awaitRecords(fn, 5);
        assertEquals(new HashSet<>(bodies), bodiesOf(records));
        for (JsonNode r : records) {
            assertEquals("aws:sqs", r.get("eventSource").asText());
            assertEquals(queueArn, r.get("eventSourceARN").asText());
            assertEquals("us-east-1", r.get("awsRegion").asText());
            assertFalse(r.get("messageId").asText().isEmpty());
            assertFalse(r.get("receiptHandle").asText().isEmpty());
            assertEquals(md5(r.get("body").asText()), r.get("md5OfBody").asText());
            JsonNode attributes = r.get("attributes");
            assertEquals("1", attributes.get("ApproximateReceiveCount").asText());
            for (String name : List.of("SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp")) {
                assertTrue(attributes.has(name), name + " in " + attributes);
            }
            JsonNode kind = r.get("messageAttributes").get("kind");
            assertEquals("book", kind.get("stringValue").asText());
            assertEquals("String", kind.get("dataType").asText());
            assertTrue(kind.get("stringListValues").isArray() && kind.get("binaryListValues").isArray());
            assertEquals("Number", r.get("messageAttributes").get("count").get("dataType").asText());
            JsonNode raw = r.get("messageAttributes").get("raw");
            assertEquals("Binary", raw.get("dataType").asText());
            String n = r.get("body").asText().substring("order-".length());
            assertEquals("x" + n, new String(java.util.Base64.getDecoder().decode(raw.get("binaryValue").asText()), StandardCharsets.UTF_8));
            assertEquals(n, r.get("messageAttributes").get("count").get("stringValue").asText());
            assertTrue(r.has("md5OfMessageAttributes"));
        }
        assertTrue(eventsOf(fn).stream().allMatch(e -> e.get("Records").size() <= 5), "batches of at most BatchSize");
        awaitEmpty(queueUrl);
    }

    @Test
    void aFailingFunctionLeavesTheMessagesAndTheQueueRedrivesThemToItsDeadLetterQueue() throws Exception {
        String fn = function(FAILING);
        String dlqUrl = sqs.createQueue(r -> r.queueName(unique("dead"))).queueUrl();
        String queueUrl = sqs.createQueue(r -> r.queueName(unique("work")).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "3",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + arn(dlqUrl) + "\",\"maxReceiveCount\":\"2\"}")))
                .queueUrl();
        String uuid = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(arn(queueUrl))).uuid();
        awaitState(uuid, "Enabled");
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("poison"));

        List<JsonNode> records = awaitRecords(fn, 2);
        assertEquals(Set.of("1", "2"), Set.of(records.get(0).get("attributes").get("ApproximateReceiveCount").asText(),
                records.get(1).get("attributes").get("ApproximateReceiveCount").asText()), "received twice before the redrive");
        String moved = null;
        long until = System.currentTimeMillis() + 60_000;
        while (moved == null && System.currentTimeMillis() < until) {
            var got = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(5)).messages();
            moved = got.isEmpty() ? null : got.getFirst().body();
        }
        assertEquals("poison", moved);
        assertEquals(2, recordsOf(fn).size(), "not invoked a third time");
    }

    @Test
    void reportBatchItemFailuresKeepsOnlyTheReportedMessages() throws Exception {
        String fn = function(PRINTER);
        String queueUrl = sqs.createQueue(r -> r.queueName(unique("partial"))
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3"))).queueUrl();
        String uuid = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(arn(queueUrl))
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)).uuid();
        assertEquals(List.of("ReportBatchItemFailures"), awaitState(uuid, "Enabled").functionResponseTypesAsStrings());
        sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("good-1").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("bad-1").build(),
                SendMessageBatchRequestEntry.builder().id("c").messageBody("good-2").build()));

        // the reported message comes back (after the visibility timeout) and is delivered again
        eventually(() -> recordsOf(fn).stream().anyMatch(r -> r.get("body").asText().equals("bad-1")
                && r.get("attributes").get("ApproximateReceiveCount").asInt() >= 2), "bad-1 delivered again");
        lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(false));
        awaitState(uuid, "Disabled");
        for (JsonNode r : recordsOf(fn)) {
            if (r.get("body").asText().startsWith("good")) {
                assertEquals("1", r.get("attributes").get("ApproximateReceiveCount").asText(), "deleted after its first delivery");
            }
        }
        // what is left on the queue is the reported message only
        String left = null;
        long until = System.currentTimeMillis() + 30_000;
        while (left == null && System.currentTimeMillis() < until) {
            var got = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10)).messages();
            if (!got.isEmpty()) {
                assertEquals(1, got.size());
                left = got.getFirst().body();
            }
        }
        assertEquals("bad-1", left);
    }

    @Test
    void filterCriteriaPassMatchingMessagesAndDeleteTheOthers() throws Exception {
        String fn = function(PRINTER);
        String queueUrl = sqs.createQueue(r -> r.queueName(unique("filtered"))).queueUrl();
        String uuid = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(arn(queueUrl))
                .filterCriteria(f -> f.filters(
                        b -> b.pattern("{\"body\": {\"kind\": [\"keep\"], \"size\": [{\"numeric\": [\">\", 10]}]}}"),
                        b -> b.pattern("{\"body\": {\"tag\": [{\"prefix\": \"vip-\"}], \"note\": [{\"exists\": false}]}}")))).uuid();
        assertEquals(2, awaitState(uuid, "Enabled").filterCriteria().filters().size());
        for (String body : List.of("{\"kind\":\"keep\",\"size\":11}", "{\"kind\":\"keep\",\"size\":3}", "{\"kind\":\"drop\",\"size\":50}",
                "{\"tag\":\"vip-1\"}", "{\"tag\":\"vip-2\",\"note\":\"x\"}", "not json")) {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        }
        awaitEmpty(queueUrl);
        assertEquals(Set.of("{\"kind\":\"keep\",\"size\":11}", "{\"tag\":\"vip-1\"}"), bodiesOf(recordsOf(fn)));
        assertThrows(InvalidParameterValueException.class, () -> lambda.updateEventSourceMapping(r -> r.uuid(uuid)
                .filterCriteria(f -> f.filters(b -> b.pattern("{\"body\": \"not a list\"}")))));
    }

    @Test
    void fifoQueuesDeliverInOrderWithinAGroup() throws Exception {
        String fn = function(PRINTER);
        String queueUrl = sqs.createQueue(r -> r.queueName(unique("ordered") + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
        String uuid = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(arn(queueUrl)).batchSize(3)).uuid();
        awaitState(uuid, "Enabled");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String body = "step-" + i;
            sent.add(body);
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageGroupId("g1"));
        }
        List<JsonNode> records = awaitRecords(fn, 7);
        assertEquals(sent, records.stream().map(r -> r.get("body").asText()).toList());
        assertEquals("g1", records.getFirst().get("attributes").get("MessageGroupId").asText());
        assertTrue(records.getFirst().get("attributes").has("SequenceNumber"));
        assertThrows(InvalidParameterValueException.class, () -> lambda.updateEventSourceMapping(r -> r.uuid(uuid).batchSize(11)
                .maximumBatchingWindowInSeconds(1)));
    }

    @Test
    void aDisabledMappingDoesNotPollUntilEnabled() throws Exception {
        String fn = function(PRINTER);
        String queueUrl = sqs.createQueue(r -> r.queueName(unique("paused"))).queueUrl();
        String uuid = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(arn(queueUrl)).enabled(false)).uuid();
        awaitState(uuid, "Disabled");
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("waiting"));
        Thread.sleep(1500);
        assertEquals("1", sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributesAsStrings().get("ApproximateNumberOfMessages"), "a disabled mapping leaves the message alone");
        assertTrue(recordsOf(fn).isEmpty());

        EventSourceMappingConfiguration enabling = toConfig(lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(true)).uuid());
        assertTrue(Set.of("Enabling", "Enabled").contains(enabling.state()), enabling.state());
        awaitState(uuid, "Enabled");
        assertEquals(Set.of("waiting"), bodiesOf(awaitRecords(fn, 1)));
        awaitEmpty(queueUrl);

        // a mapping whose function was deleted can still be disabled
        lambda.deleteFunction(r -> r.functionName(fn));
        assertEquals("Disabling", lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(false)).state());
        awaitState(uuid, "Disabled");
    }

    @Test
    void deletingTheMappingStopsDelivery() throws Exception {
        String fn = function(PRINTER);
        String queueUrl = sqs.createQueue(r -> r.queueName(unique("ending"))).queueUrl();
        String uuid = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(arn(queueUrl))).uuid();
        awaitState(uuid, "Enabled");
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("before"));
        awaitRecords(fn, 1);

        DeleteEventSourceMappingResponse deleting = lambda.deleteEventSourceMapping(r -> r.uuid(uuid));
        assertEquals("Deleting", deleting.state());
        eventually(() -> {
            try {
                lambda.getEventSourceMapping(r -> r.uuid(uuid));
                return false;
            } catch (ResourceNotFoundException e) {
                return true;
            }
        }, "the mapping is gone");
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("after"));
        Thread.sleep(1500);
        assertEquals(Set.of("before"), bodiesOf(recordsOf(fn)));
        var left = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
        assertEquals("after", left.getFirst().body());
    }

    @Test
    void validationAndListing() {
        String fn = function(PRINTER);
        String other = function(PRINTER);
        String queueArn = arn(sqs.createQueue(r -> r.queueName(unique("checked"))).queueUrl());
        String fifoArn = arn(sqs.createQueue(r -> r.queueName(unique("checked") + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl());

        InvalidParameterValueException unknownQueue = assertThrows(InvalidParameterValueException.class, () ->
                lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn("arn:aws:sqs:us-east-1:" + ACCOUNT + ":nope")));
        assertTrue(unknownQueue.getMessage().contains("AWS.SimpleQueueService.NonExistentQueue"), unknownQueue.getMessage());
        ResourceNotFoundException noFunction = assertThrows(ResourceNotFoundException.class, () ->
                lambda.createEventSourceMapping(r -> r.functionName("missing-fn").eventSourceArn(queueArn)));
        assertTrue(noFunction.getMessage().contains("Function not found: arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:missing-fn"));
        InvalidParameterValueException window = assertThrows(InvalidParameterValueException.class, () ->
                lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(queueArn).batchSize(100)));
        assertTrue(window.getMessage().contains("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"));
        // the model's ranges: answered before the service sees the request, as AWS's validation does
        for (var outOfRange : List.<java.util.function.Consumer<software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest.Builder>>of(
                r -> r.batchSize(10_001).maximumBatchingWindowInSeconds(1), r -> r.maximumBatchingWindowInSeconds(301),
                r -> r.scalingConfig(s -> s.maximumConcurrency(1)))) {
            software.amazon.awssdk.services.lambda.model.LambdaException e = assertThrows(
                    software.amazon.awssdk.services.lambda.model.LambdaException.class,
                    () -> lambda.createEventSourceMapping(r -> outOfRange.accept(r.functionName(fn).eventSourceArn(queueArn))));
            assertEquals(400, e.statusCode());
            assertTrue(e.getMessage().contains("failed to satisfy constraint"), e.getMessage());
        }
        assertThrows(InvalidParameterValueException.class, () ->
                lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(fifoArn).batchSize(20).maximumBatchingWindowInSeconds(1)));
        assertThrows(InvalidParameterValueException.class, () ->
                lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(queueArn).filterCriteria(f -> f.filters(b -> b.pattern("{")))));

        CreateEventSourceMappingResponse first = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(queueArn)
                .batchSize(200).maximumBatchingWindowInSeconds(2).scalingConfig(s -> s.maximumConcurrency(3)));
        assertEquals(3, first.scalingConfig().maximumConcurrency());
        ResourceConflictException duplicate = assertThrows(ResourceConflictException.class, () ->
                lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(queueArn)));
        assertEquals("An event source mapping with SQS arn (\" " + queueArn + " \") and function (\" " + fn + " \") already exists. "
                + "Please update or delete the existing mapping with UUID " + first.uuid(), duplicate.awsErrorDetails().errorMessage());
        String second = lambda.createEventSourceMapping(r -> r.functionName(other).eventSourceArn(queueArn)).uuid();
        String third = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(fifoArn)).uuid();
        awaitState(first.uuid(), "Enabled");
        assertThrows(ResourceNotFoundException.class, () -> lambda.getEventSourceMapping(r -> r.uuid(UUID.randomUUID().toString())));

        assertEquals(Set.of(first.uuid(), second), uuids(lambda.listEventSourceMappings(r -> r.eventSourceArn(queueArn))));
        assertEquals(Set.of(first.uuid(), third), uuids(lambda.listEventSourceMappings(r -> r.functionName(fn))));
        assertEquals(Set.of(first.uuid()), uuids(lambda.listEventSourceMappings(r -> r.functionName(fn).eventSourceArn(queueArn))));
        ListEventSourceMappingsResponse page = lambda.listEventSourceMappings(r -> r.functionName(fn).maxItems(1));
        assertEquals(1, page.eventSourceMappings().size());
        assertNotNull(page.nextMarker());
        ListEventSourceMappingsResponse next = lambda.listEventSourceMappings(r -> r.functionName(fn).maxItems(1).marker(page.nextMarker()));
        assertEquals(Set.of(first.uuid(), third), Set.of(page.eventSourceMappings().getFirst().uuid(), next.eventSourceMappings().getFirst().uuid()));
        assertEquals(null, next.nextMarker());

        var updated = lambda.updateEventSourceMapping(r -> r.uuid(first.uuid()).batchSize(50));
        assertEquals("Updating", updated.state());
        assertEquals(50, updated.batchSize());
        assertEquals(2, updated.maximumBatchingWindowInSeconds());
        assertEquals(50, awaitState(first.uuid(), "Enabled").batchSize());
        for (String uuid : List.of(first.uuid(), second, third)) {
            awaitStateOrGone(uuid);
            lambda.deleteEventSourceMapping(r -> r.uuid(uuid));
        }
    }

    @Test
    void anEnabledMappingPollsAgainAfterARestart() throws Exception {
        Path dir = Files.createTempDirectory("haneul-esm-restart");
        String fn;
        String queueUrl;
        try (TestServer first = TestServer.startIn(dir, Clock.systemUTC()); LambdaClient l = LambdaFunctionsSdkV2IT.client(first);
             SqsClient q = sqs(first)) {
            fn = LambdaFunctionsSdkV2IT.name();
            l.createFunction(b -> b.functionName(fn).runtime("python3.12").role(ROLE).handler("app.handler")
                    .code(c -> c.zipFile(Zips.of("app.py", PRINTER))));
            l.waiter().waitUntilFunctionActiveV2(b -> b.functionName(fn));
            queueUrl = q.createQueue(r -> r.queueName("survivor")).queueUrl();
            String uuid = l.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(arn(q, queueUrl))).uuid();
            eventually(() -> "Enabled".equals(l.getEventSourceMapping(r -> r.uuid(uuid)).state()), "enabled");
        }
        try (TestServer second = TestServer.startIn(dir, Clock.systemUTC()); SqsClient q = sqs(second)) {
            String url = q.getQueueUrl(r -> r.queueName("survivor")).queueUrl();
            q.sendMessage(r -> r.queueUrl(url).messageBody("after-restart"));
            eventually(() -> logOf(second, fn).contains("after-restart"), "delivered by the restarted server's poller");
        }
    }

    /**
     * A rough measure of the mappings' throughput (messages per second through a function that does
     * nothing), printed for the benchmark page; asserts only that every message was delivered.
     */
    @Test
    void throughputThroughAFunctionThatDoesNothing() throws Exception {
        String fn = function("def handler(event, context):\n    return None\n");
        String queueUrl = sqs.createQueue(r -> r.queueName(unique("bench"))).queueUrl();
        int total = Integer.getInteger("esm.bench.messages", 2000);
        for (int i = 0; i < total; i += 10) {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                batch.add(SendMessageBatchRequestEntry.builder().id("e" + j).messageBody("m" + (i + j)).build());
            }
            sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch));
        }
        long start = System.nanoTime();
        Integer concurrency = Integer.getInteger("esm.bench.concurrency");
        String uuid = lambda.createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(arn(queueUrl))
                .scalingConfig(concurrency == null ? null : software.amazon.awssdk.services.lambda.model.ScalingConfig.builder()
                        .maximumConcurrency(concurrency).build())).uuid();
        awaitEmpty(queueUrl, 300_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        String log = logOf(server, fn);
        System.out.printf("ESM throughput: %d messages in %.2f s = %.0f messages/s (BatchSize 10, no-op python function, "
                        + "MaximumConcurrency %s, %d invocations, %d cold starts, %d cores)%n", total, seconds, total / seconds,
                concurrency == null ? "unset" : concurrency, log.split("START RequestId", -1).length - 1,
                log.split("INIT_START", -1).length - 1, Runtime.getRuntime().availableProcessors());
        lambda.deleteEventSourceMapping(r -> r.uuid(uuid));
    }

    // --- helpers ---

    private String function(String code) {
        String fn = LambdaFunctionsSdkV2IT.name();
        lambda.createFunction(b -> b.functionName(fn).runtime("python3.12").role(ROLE).handler("app.handler")
                .code(c -> c.zipFile(Zips.of("app.py", code))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(fn));
        return fn;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String arn(String queueUrl) {
        return arn(sqs, queueUrl);
    }

    private static String arn(SqsClient client, String queueUrl) {
        return client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings().get("QueueArn");
    }

    private EventSourceMappingConfiguration toConfig(String uuid) {
        var g = lambda.getEventSourceMapping(r -> r.uuid(uuid));
        return EventSourceMappingConfiguration.builder().uuid(g.uuid()).state(g.state()).batchSize(g.batchSize())
                .functionResponseTypesWithStrings(g.functionResponseTypesAsStrings()).filterCriteria(g.filterCriteria()).build();
    }

    private EventSourceMappingConfiguration awaitState(String uuid, String state) {
        eventually(() -> state.equals(lambda.getEventSourceMapping(r -> r.uuid(uuid)).state()), "state " + state);
        return toConfig(uuid);
    }

    private void awaitStateOrGone(String uuid) {
        eventually(() -> Set.of("Enabled", "Disabled").contains(lambda.getEventSourceMapping(r -> r.uuid(uuid)).state()), "settled");
    }

    private void awaitEmpty(String queueUrl) {
        awaitEmpty(queueUrl, 60_000);
    }

    private void awaitEmpty(String queueUrl, long ms) {
        eventually(() -> {
            Map<String, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributesAsStrings();
            return "0".equals(a.get("ApproximateNumberOfMessages")) && "0".equals(a.get("ApproximateNumberOfMessagesNotVisible"));
        }, "queue emptied", ms);
    }

    private List<JsonNode> awaitRecords(String fn, int count) {
        try {
            eventually(() -> recordsOf(fn).size() >= count, count + " records delivered to " + fn);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the function's log:\n" + logOf(server, fn), e);
        }
        return recordsOf(fn);
    }

    private static Set<String> bodiesOf(List<JsonNode> records) {
        Set<String> out = new HashSet<>();
        records.forEach(r -> out.add(r.get("body").asText()));
        return out;
    }

    private static Set<String> uuids(ListEventSourceMappingsResponse list) {
        Set<String> out = new HashSet<>();
        list.eventSourceMappings().forEach(m -> out.add(m.uuid()));
        return out;
    }

    private List<JsonNode> recordsOf(String fn) {
        List<JsonNode> out = new ArrayList<>();
        eventsOf(fn).forEach(e -> e.get("Records").forEach(out::add));
        return out;
    }

    /** The events the function printed, in the order it got them. */
    private List<JsonNode> eventsOf(String fn) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : logOf(server, fn).split("\n")) {
            int at = line.indexOf("EVENT {");
            if (at >= 0) {
                try {
                    events.add(JSON.readTree(line.substring(at + "EVENT ".length())));
                } catch (Exception e) {
                    throw new AssertionError("unreadable event line " + line, e);
                }
            }
        }
        return events;
    }

    private String logOf(TestServer s, String fn) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(s.endpoint() + "/_haneul/lambda/logs/" + fn)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for what the pollers do in the background: a deadline for it to happen, not a measure of how fast it does. */
    private static void eventually(BooleanSupplier condition, String what) {
        eventually(condition, what, 60_000);
    }

    private static void eventually(BooleanSupplier condition, String what, long ms) {
        long until = System.currentTimeMillis() + ms;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
