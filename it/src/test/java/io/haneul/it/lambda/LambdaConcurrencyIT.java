package io.haneul.it.lambda;

import io.haneul.it.support.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AccountLimit;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reserved concurrency (enforced: beyond it Invoke is throttled with AWS's reason, 0 throttles
 * always, 100 of the account's limit stay unreserved), GetAccountSettings, GetFunction's
 * Concurrency, provisioned concurrency's rules, and a throttled Event invocation that expires to its
 * on-failure destination. The server runs with {@code --lambda-concurrency-limit 150} and a clock the
 * test moves forward.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaConcurrencyIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = LambdaFunctionsSdkV2IT.ACCOUNT;
    static final String ROLE = LambdaFunctionsSdkV2IT.ROLE;
    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;
    static LambdaClient lambda;
    static SqsClient sqs;

    @TempDir
    Path work;

    /** The server the tests run against; {@link LambdaConcurrencyPostgresIT} starts one on PostgreSQL. */
    TestServer newServer() {
        return TestServer.start(CLOCK, "--lambda-concurrency-limit", "150");
    }

    @BeforeAll
    void start() {
        server = newServer();
        lambda = LambdaFunctionsSdkV2IT.client(server);
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
    }

    @AfterAll
    void stop() throws Exception {
        lambda.close();
        sqs.close();
        server.close();
    }

    static final String ECHO = """
            def handler(event, context):
                return {"ok": True}
            """;

    static String function(String prefix, String code, Map<String, String> env) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler").timeout(20)
                .environment(e -> e.variables(env)).code(c -> c.zipFile(Zips.of(Map.of("app.py", code)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return name;
    }

    static InvokeResponse invoke(String name) {
        return lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    }

    @Test
    void reservedConcurrencyIsPutReadAndDeletedAndKeeps100Unreserved() {
        String name = function("res", ECHO, Map.of());
        String other = function("res-other", ECHO, Map.of());
        assertNull(lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions());
        assertNull(lambda.getFunction(b -> b.functionName(name)).concurrency());

        AccountLimit before = lambda.getAccountSettings(b -> { }).accountLimit();
        assertEquals(150, before.concurrentExecutions());
        int free = before.unreservedConcurrentExecutions() - 100;
        assertTrue(free > 1, "room to reserve: " + before);

        assertEquals(free, lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(free))
                .reservedConcurrentExecutions());
        assertEquals(free, lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions());
        assertEquals(free, lambda.getFunction(b -> b.functionName(name)).concurrency().reservedConcurrentExecutions());
        GetAccountSettingsResponse settings = lambda.getAccountSettings(b -> { });
        assertEquals(100, settings.accountLimit().unreservedConcurrentExecutions());
        assertEquals(262_144_000L, settings.accountLimit().codeSizeUnzipped());
        assertEquals(52_428_800L, settings.accountLimit().codeSizeZipped());
        assertTrue(settings.accountUsage().functionCount() >= 2, settings.toString());
        assertTrue(settings.accountUsage().totalCodeSize() > 0, settings.toString());

        InvalidParameterValueException tooMuch = assertThrows(InvalidParameterValueException.class,
                () -> lambda.putFunctionConcurrency(b -> b.functionName(other).reservedConcurrentExecutions(1)));
        assertEquals("Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below "
                + "its minimum value of [100].", tooMuch.awsErrorDetails().errorMessage());
        // replacing a function's own reservation counts it once
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(free - 1));
        lambda.putFunctionConcurrency(b -> b.functionName(other).reservedConcurrentExecutions(1));

        lambda.deleteFunctionConcurrency(b -> b.functionName(name));
        lambda.deleteFunctionConcurrency(b -> b.functionName(other));
        assertNull(lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions());
        assertEquals(before.unreservedConcurrentExecutions(), lambda.getAccountSettings(b -> { }).accountLimit().unreservedConcurrentExecutions());

        assertThrows(ResourceNotFoundException.class, () -> lambda.putFunctionConcurrency(b -> b.functionName("no-such-function")
                .reservedConcurrentExecutions(1)));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionConcurrency(b -> b.functionName("no-such-function")));
    }

    @Test
    void aReservationOfOneLetsOneInvocationRunAtATime() throws Exception {
        String code = """
                import os, time
                def handler(event, context):
                    d = os.environ["SYNC_DIR"]
                    open(os.path.join(d, "started"), "w").close()
                    for _ in range(150):
                        if os.path.exists(os.path.join(d, "release")):
                            return {"released": True}
                        time.sleep(0.1)
                    return {"released": False}
                """;
        String name = function("one", code, Map.of("SYNC_DIR", work.toString()));
        String free = function("free", ECHO, Map.of());
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(1));

        CompletableFuture<InvokeResponse> first = CompletableFuture.supplyAsync(() -> invoke(name));
        long until = System.currentTimeMillis() + 20_000;
        while (!Files.exists(work.resolve("started")) && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(work.resolve("started")), "the first invocation runs");

        TooManyRequestsException throttled = assertThrows(TooManyRequestsException.class, () -> invoke(name));
        assertEquals(429, throttled.statusCode());
        assertEquals("Rate Exceeded.", throttled.awsErrorDetails().errorMessage());
        assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, throttled.reason());
        assertEquals(200, invoke(free).statusCode(), "other functions are not throttled");

        Files.createFile(work.resolve("release"));
        InvokeResponse done = first.get();
        assertTrue(JSON.readTree(done.payload().asUtf8String()).get("released").asBoolean());
    }

    @Test
    void zeroThrottlesEveryInvocationAndAThrottledEventExpiresToItsDestination() throws Exception {
        String name = function("zero", ECHO, Map.of());
        String url = sqs.createQueue(b -> b.queueName("zero-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(0));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumEventAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(arn))));

        TooManyRequestsException throttled = assertThrows(TooManyRequestsException.class, () -> invoke(name));
        assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, throttled.reason());

        // an Event invocation is accepted, throttled at each try (tried again 1 s, 2 s, ... later), and expires at its age
        assertEquals(202, lambda.invoke(b -> b.functionName(name).invocationType("Event")
                .payload(SdkBytes.fromUtf8String("{\"mark\":\"z1\"}"))).statusCode());
        CLOCK.advance(Duration.ofSeconds(61));
        Message m = null;
        long until = System.currentTimeMillis() + 40_000;
        while (m == null && System.currentTimeMillis() < until) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages();
            m = got.isEmpty() ? null : got.getFirst();
        }
        assertTrue(m != null, "the expired event's record arrived");
        JsonNode record = JSON.readTree(m.body());
        assertEquals("EventAgeExceeded", record.get("requestContext").get("condition").asText());
        assertEquals(0, record.get("requestContext").get("approximateInvokeCount").asInt());
        assertEquals("z1", record.get("requestPayload").get("mark").asText());
        assertFalse(record.has("responseContext"), "the function never ran");

        lambda.deleteFunctionConcurrency(b -> b.functionName(name));
        assertEquals(200, invoke(name).statusCode());
    }

    /** The event of a function's one pending Event job, as the scheduler stores it (payload and when it runs next). */
    record StoredEvent(JsonNode payload, long runAt) {
    }

    /** The JDBC URL of the server's store, where the test reads the scheduler's jobs; the PostgreSQL variant gives its own. */
    String storeJdbcUrl() {
        return "jdbc:sqlite:" + server.dataDir().resolve("haneul.db");
    }

    /** Waits (at most 30 s) until the function's pending event has been throttled {@code throttles} times, and gives it. */
    StoredEvent awaitThrottled(String name, int throttles) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        String key = ACCOUNT + "/us-east-1/" + name;
        while (System.currentTimeMillis() < until) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(storeJdbcUrl());
                 java.sql.PreparedStatement q = c.prepareStatement("SELECT payload, run_at FROM scheduled_jobs "
                         + "WHERE kind = 'lambda.invoke-event' AND job_key = ? AND state = 'PENDING'")) {
                q.setString(1, key);
                try (java.sql.ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        JsonNode payload = JSON.readTree(r.getString(1));
                        if (payload.path("throttles").asInt() >= throttles) {
                            return new StoredEvent(payload, r.getLong(2));
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the event of " + name + " was not throttled " + throttles + " times");
    }

    @Test
    void aThrottledEventIsTriedAgainForHoursAndRunsOnceConcurrencyFreesUp() throws Exception {
        String name = function("later", """
                def handler(event, context):
                    return {"ran": event["mark"]}
                """, Map.of());
        String url = sqs.createQueue(b -> b.queueName("later-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(0));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).destinationConfig(d -> d.onSuccess(s -> s.destination(arn))));
        assertEquals(202, lambda.invoke(b -> b.functionName(name).invocationType("Event")
                .payload(SdkBytes.fromUtf8String("{\"mark\":\"h1\"}"))).statusCode());

        // more throttles in a row than the scheduler's own 5 attempts, each waiting twice as long as the last
        long previousWait = 0;
        for (int throttles = 1; throttles <= 6; throttles++) {
            StoredEvent e = awaitThrottled(name, throttles);
            long wait = e.runAt() - CLOCK.millis();
            assertTrue(wait > previousWait && wait <= 1000L << (throttles - 1), "throttle " + throttles + " waits " + wait + " ms");
            previousWait = wait;
            CLOCK.advance(Duration.ofMillis(wait + 1));
        }
        // hours later (still within the default 6-hour age) it is still tried, at most 5 minutes apart
        awaitThrottled(name, 7);
        CLOCK.advance(Duration.ofHours(3));
        StoredEvent late = awaitThrottled(name, 8);
        assertTrue(late.runAt() - CLOCK.millis() <= Duration.ofMinutes(5).toMillis(), "waits at most 5 minutes");
        assertEquals(0, late.payload().get("attempt").asInt(), "throttles use none of the event's retries");

        lambda.deleteFunctionConcurrency(b -> b.functionName(name));
        CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));
        Message m = null;
        long until = System.currentTimeMillis() + 40_000;
        while (m == null && System.currentTimeMillis() < until) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages();
            m = got.isEmpty() ? null : got.getFirst();
        }
        assertTrue(m != null, "the event ran once concurrency was free");
        JsonNode record = JSON.readTree(m.body());
        assertEquals("Success", record.get("requestContext").get("condition").asText());
        assertEquals(1, record.get("requestContext").get("approximateInvokeCount").asInt(), "throttled tries are not invocations");
        assertEquals("h1", record.get("responsePayload").get("ran").asText());
    }

    @Test
    void aReservationPutOnAWarmFunctionAppliesToItsNextInvocation() {
        String name = function("warm", ECHO, Map.of());
        assertEquals(200, invoke(name).statusCode());
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(0));
        TooManyRequestsException throttled = assertThrows(TooManyRequestsException.class, () -> invoke(name));
        assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, throttled.reason());
        lambda.deleteFunctionConcurrency(b -> b.functionName(name));
        assertEquals(200, invoke(name).statusCode());
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(0));
        assertThrows(TooManyRequestsException.class, () -> invoke(name));
        // a function deleted with its reservation and created again under its name starts without one
        lambda.deleteFunction(b -> b.functionName(name));
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler").timeout(20)
                .code(c -> c.zipFile(Zips.of(Map.of("app.py", ECHO)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        assertEquals(200, invoke(name).statusCode());
    }

    @Test
    void provisionedConcurrencyNeedsAPublishedVersionOrAlias() {
        String name = function("prov", ECHO, Map.of());
        InvalidParameterValueException latest = assertThrows(InvalidParameterValueException.class,
                () -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("$LATEST").provisionedConcurrentExecutions(1)));
        assertEquals("Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
                latest.awsErrorDetails().errorMessage());
        InvalidParameterValueException get = assertThrows(InvalidParameterValueException.class,
                () -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("$LATEST")));
        assertEquals("The function resource provided must be an alias or a published version.", get.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("7").provisionedConcurrentExecutions(1)));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier("7")));
        assertEquals(List.of(), lambda.listProvisionedConcurrencyConfigs(b -> b.functionName(name)).provisionedConcurrencyConfigs());
        assertThrows(ResourceNotFoundException.class, () -> lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("no-such-function")));
    }
}
