package io.haneul.it.lambda;

import io.haneul.it.support.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asynchronous invocations with EventInvokeConfig: retries, the maximum event age, invocation
 * records to a real SQS queue, SNS topic and Lambda function, and the dead-letter queue, read back
 * through the SDK. The server's clock is moved forward past AWS's retry delays (1 and 2 minutes)
 * and event ages, once the attempt before has finished.
 */
class LambdaAsyncDestinationsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = LambdaFunctionsSdkV2IT.ACCOUNT;
    static final String ROLE = LambdaFunctionsSdkV2IT.ROLE;
    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;
    static LambdaClient lambda;
    static SqsClient sqs;
    static SnsClient sns;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK);
        lambda = LambdaFunctionsSdkV2IT.client(server);
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(keys).build();
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        sqs.close();
        sns.close();
        server.close();
    }

    /** Prints a line per attempt (so the test sees each one in the function's log), fails when the event says so. */
    static final String PY = """
            def handler(event, context):
                print("attempt for %s" % event.get("mark"))
                if event.get("fail"):
                    raise ValueError("asked to fail: %s" % event.get("mark"))
                return {"echo": event.get("mark"), "request_id": context.aws_request_id}
            """;

    static String function(String prefix, String code) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler").timeout(5)
                .code(c -> c.zipFile(Zips.of(Map.of("app.py", code)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        return name;
    }

    record Queue(String url, String arn) {
    }

    static Queue queue(String prefix) {
        String url = sqs.createQueue(b -> b.queueName(prefix + "-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    static void invokeEvent(String name, String payload) {
        assertEquals(202, lambda.invoke(b -> b.functionName(name).invocationType("Event").payload(SdkBytes.fromUtf8String(payload)))
                .statusCode());
    }

    /** The next message of the queue, waiting for it with long polls (at most 40 s). */
    static Message receive(Queue q) {
        long until = System.currentTimeMillis() + 40_000;
        while (System.currentTimeMillis() < until) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(q.url()).waitTimeSeconds(2).maxNumberOfMessages(1)
                    .messageAttributeNames("All")).messages();
            if (!got.isEmpty()) {
                sqs.deleteMessage(b -> b.queueUrl(q.url()).receiptHandle(got.getFirst().receiptHandle()));
                return got.getFirst();
            }
        }
        throw new AssertionError("no message on " + q.url());
    }

    static void assertEmpty(Queue q) {
        assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(q.url()).waitTimeSeconds(1)).messages());
    }

    static String logs(String name) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/lambda/logs/" + name)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Waits (at most 30 s) until the function's log holds {@code part} {@code times} times, then gives the log. */
    static String awaitLog(String name, String part, int times) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        String log = logs(name);
        while (count(log, part) < times && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            log = logs(name);
        }
        assertEquals(times, count(log, part), log);
        return log;
    }

    @Test
    void eventInvokeConfigIsPutUpdatedReadListedAndDeleted() {
        String name = function("cfg", PY);
        String target = function("cfg-target", PY);
        Queue q = queue("cfg");
        String fnArn = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;

        ResourceNotFoundException none = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunctionEventInvokeConfig(b -> b.functionName(name)));
        assertEquals("The function " + fnArn + ":$LATEST doesn't have an EventInvokeConfig", none.awsErrorDetails().errorMessage());

        PutFunctionEventInvokeConfigResponse put = lambda.putFunctionEventInvokeConfig(b -> b.functionName(name)
                .maximumRetryAttempts(1).destinationConfig(d -> d.onFailure(f -> f.destination(q.arn()))));
        assertEquals(fnArn + ":$LATEST", put.functionArn());
        assertEquals(1, put.maximumRetryAttempts());
        assertNull(put.maximumEventAgeInSeconds());
        assertEquals(q.arn(), put.destinationConfig().onFailure().destination());
        assertNull(put.destinationConfig().onSuccess().destination());
        assertNotNull(put.lastModified());

        lambda.updateFunctionEventInvokeConfig(b -> b.functionName(name).maximumEventAgeInSeconds(120));
        GetFunctionEventInvokeConfigResponse got = lambda.getFunctionEventInvokeConfig(b -> b.functionName(fnArn));
        assertEquals(1, got.maximumRetryAttempts(), "update keeps what it is not given");
        assertEquals(120, got.maximumEventAgeInSeconds());
        assertEquals(q.arn(), got.destinationConfig().onFailure().destination());

        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumEventAgeInSeconds(300)
                .destinationConfig(d -> d.onSuccess(s -> s.destination("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + target))));
        List<FunctionEventInvokeConfig> listed = lambda.listFunctionEventInvokeConfigs(b -> b.functionName(name)).functionEventInvokeConfigs();
        assertEquals(1, listed.size());
        assertNull(listed.getFirst().maximumRetryAttempts(), "put replaces the whole config");
        assertEquals(300, listed.getFirst().maximumEventAgeInSeconds());
        assertNull(listed.getFirst().destinationConfig().onFailure().destination());

        lambda.deleteFunctionEventInvokeConfig(b -> b.functionName(name));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionEventInvokeConfig(b -> b.functionName(name)));
        assertThrows(ResourceNotFoundException.class, () -> lambda.deleteFunctionEventInvokeConfig(b -> b.functionName(name)));
        assertThrows(ResourceNotFoundException.class, () -> lambda.updateFunctionEventInvokeConfig(b -> b.functionName(name)
                .maximumRetryAttempts(0)));

        // a deleted function's config goes with it: a new function of the same name starts without one
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(0));
        lambda.deleteFunction(b -> b.functionName(name));
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .code(c -> c.zipFile(Zips.of(Map.of("app.py", PY)))));
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunctionEventInvokeConfig(b -> b.functionName(name)));
    }

    @Test
    void badEventInvokeConfigsGetAwsErrors() {
        String name = function("bad", PY);
        InvalidParameterValueException nothing = assertThrows(InvalidParameterValueException.class,
                () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name)));
        assertEquals("You must specify at least one of error handling or destination setting.", nothing.awsErrorDetails().errorMessage());

        String self = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;
        InvalidParameterValueException itself = assertThrows(InvalidParameterValueException.class,
                () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).destinationConfig(d -> d.onSuccess(s -> s.destination(self)))));
        assertEquals("You can't specify the function as a destination for itself.", itself.awsErrorDetails().errorMessage());

        String missing = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:no-such-function";
        InvalidParameterValueException absent = assertThrows(InvalidParameterValueException.class,
                () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).destinationConfig(d -> d.onFailure(f -> f.destination(missing)))));
        assertEquals("The destination ARN " + missing + " is invalid.", absent.awsErrorDetails().errorMessage());

        String bucket = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/t";
        InvalidParameterValueException kind = assertThrows(InvalidParameterValueException.class,
                () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).destinationConfig(d -> d.onFailure(f -> f.destination(bucket)))));
        assertEquals("The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=" + bucket
                + ")) is invalid.", kind.awsErrorDetails().errorMessage());

        LambdaException retries = assertThrows(LambdaException.class,
                () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(3)));
        assertEquals(400, retries.statusCode());
        LambdaException age = assertThrows(LambdaException.class,
                () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumEventAgeInSeconds(59)));
        assertEquals(400, age.statusCode());

        assertThrows(ResourceNotFoundException.class, () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("no-such-function")
                .maximumRetryAttempts(0)));
        assertThrows(ResourceNotFoundException.class, () -> lambda.listFunctionEventInvokeConfigs(b -> b.functionName("no-such-function")));

        // an event bus is accepted as AWS does (Haneul has no EventBridge: such records are logged and dropped)
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).destinationConfig(d -> d.onFailure(f -> f.destination(
                "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/default"))));
    }

    @Test
    void aSuccessRecordGoesToTheQueue() throws Exception {
        String name = function("ok", PY);
        Queue q = queue("ok");
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).destinationConfig(d -> d.onSuccess(s -> s.destination(q.arn()))));
        invokeEvent(name, "{\"mark\":\"m1\"}");

        JsonNode record = JSON.readTree(receive(q).body());
        assertEquals("1.0", record.get("version").asText());
        assertTrue(record.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), record.toString());
        JsonNode ctx = record.get("requestContext");
        assertFalse(ctx.get("requestId").asText().isEmpty());
        assertEquals("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name + ":$LATEST", ctx.get("functionArn").asText());
        assertEquals("Success", ctx.get("condition").asText());
        assertEquals(1, ctx.get("approximateInvokeCount").asInt());
        assertEquals("m1", record.get("requestPayload").get("mark").asText());
        assertEquals(200, record.get("responseContext").get("statusCode").asInt());
        assertEquals("$LATEST", record.get("responseContext").get("executedVersion").asText());
        assertFalse(record.get("responseContext").has("functionError"));
        assertEquals("m1", record.get("responsePayload").get("echo").asText());
        assertEquals(ctx.get("requestId").asText(), record.get("responsePayload").get("request_id").asText(),
                "the function ran with the event's request id");
    }

    @Test
    void aFailedEventIsRetriedAfterAMinuteThenItsRecordGoesToTheTopic() throws Exception {
        String name = function("retry", PY);
        Queue q = queue("retry-sub");
        String topic = sns.createTopic(b -> b.name("retry-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(q.arn()).attributes(Map.of("RawMessageDelivery", "true")));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(topic))));
        invokeEvent(name, "{\"mark\":\"r1\",\"fail\":true}");

        awaitLog(name, "attempt for r1", 1);
        assertEmpty(q);
        CLOCK.advance(Duration.ofSeconds(61));
        awaitLog(name, "attempt for r1", 2);

        JsonNode record = JSON.readTree(receive(q).body());
        assertEquals("RetriesExhausted", record.get("requestContext").get("condition").asText());
        assertEquals(2, record.get("requestContext").get("approximateInvokeCount").asInt());
        assertEquals("r1", record.get("requestPayload").get("mark").asText());
        assertEquals("Unhandled", record.get("responseContext").get("functionError").asText());
        assertEquals(200, record.get("responseContext").get("statusCode").asInt());
        assertEquals("asked to fail: r1", record.get("responsePayload").get("errorMessage").asText());
        assertEquals("ValueError", record.get("responsePayload").get("errorType").asText());
        String log = logs(name);
        assertEquals(2, count(log, "attempt for r1"), "MaximumRetryAttempts 1: no third attempt");
        String id = record.get("requestContext").get("requestId").asText();
        assertEquals(2, count(log, "START RequestId: " + id), "both attempts ran with the event's request id: " + log);
    }

    @Test
    void anEventOlderThanItsMaximumAgeIsNotRunAgain() throws Exception {
        String name = function("age", PY);
        Queue q = queue("age");
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumEventAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(q.arn()))));
        invokeEvent(name, "{\"mark\":\"a1\",\"fail\":true}");
        awaitLog(name, "attempt for a1", 1);
        // the retry is due a minute later, when the event is older than its 60 seconds
        CLOCK.advance(Duration.ofSeconds(61));

        JsonNode record = JSON.readTree(receive(q).body());
        assertEquals("EventAgeExceeded", record.get("requestContext").get("condition").asText());
        assertEquals(1, record.get("requestContext").get("approximateInvokeCount").asInt());
        assertEquals("a1", record.get("requestPayload").get("mark").asText());
        assertEquals("Unhandled", record.get("responseContext").get("functionError").asText());
        assertEquals(1, count(logs(name), "attempt for a1"), "the expired event did not run again");
    }

    @Test
    void aRecordToAnotherFunctionInvokesIt() throws Exception {
        String receiver = function("receiver", """
                def handler(event, context):
                    print("record %s %s %s" % (event["requestContext"]["condition"], event["requestPayload"]["mark"],
                                               event["responsePayload"]["echo"]))
                """);
        String name = function("sender", PY);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + receiver))));
        invokeEvent(name, "{\"mark\":\"l1\"}");
        awaitLog(receiver, "record Success l1 l1", 1);
    }

    @Test
    void withNoOnFailureDestinationAFailedEventGoesToTheDeadLetterQueue() throws Exception {
        Queue dlq = queue("dlq");
        String name = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler").timeout(5)
                .deadLetterConfig(d -> d.targetArn(dlq.arn())).code(c -> c.zipFile(Zips.of(Map.of("app.py", PY)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        assertEquals(dlq.arn(), lambda.getFunctionConfiguration(b -> b.functionName(name)).deadLetterConfig().targetArn());
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(name).maximumRetryAttempts(0));
        invokeEvent(name, "{\"mark\":\"d1\",\"fail\":true}");

        Message m = receive(dlq);
        assertEquals("d1", JSON.readTree(m.body()).get("mark").asText(), "the body is the event itself");
        assertEquals("String", m.messageAttributes().get("RequestID").dataType());
        assertTrue(logs(name).contains("START RequestId: " + m.messageAttributes().get("RequestID").stringValue()),
                "RequestID is the invocation's");
        assertEquals("Number", m.messageAttributes().get("ErrorCode").dataType());
        assertEquals("200", m.messageAttributes().get("ErrorCode").stringValue());
        assertEquals("asked to fail: d1", m.messageAttributes().get("ErrorMessage").stringValue());
        assertEquals(1, count(logs(name), "attempt for d1"));
    }

    @Test
    void deadLetterTargetsMustBeQueuesOrTopics() {
        InvalidParameterValueException bad = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b
                .functionName("dlq-bad").runtime("python3.12").role(ROLE).handler("app.handler")
                .deadLetterConfig(d -> d.targetArn("arn:aws:s3:::some-bucket")).code(c -> c.zipFile(Zips.of(Map.of("app.py", PY))))));
        assertTrue(bad.awsErrorDetails().errorMessage().startsWith("Invalid dead letter queue ARN"), bad.awsErrorDetails().errorMessage());
        InvalidParameterValueException fifo = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b
                .functionName("dlq-fifo").runtime("python3.12").role(ROLE).handler("app.handler")
                .deadLetterConfig(d -> d.targetArn("arn:aws:sqs:us-east-1:" + ACCOUNT + ":q.fifo"))
                .code(c -> c.zipFile(Zips.of(Map.of("app.py", PY))))));
        assertEquals("Invalid dead letter queue ARN: FIFO SQS queue is not supported for dead letter configuration",
                fifo.awsErrorDetails().errorMessage());
        String name = function("dlq-upd", PY);
        assertThrows(InvalidParameterValueException.class, () -> lambda.updateFunctionConfiguration(b -> b.functionName(name)
                .deadLetterConfig(d -> d.targetArn("arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/t"))));
    }
}
