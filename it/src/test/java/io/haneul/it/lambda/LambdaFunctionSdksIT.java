package io.haneul.it.lambda;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SDKs AWS's runtimes include, importable inside functions as on AWS, from the directory the
 * project's setup installs ({@code services/lambda/sdk/install-sdks}, run by {@code ./haneul test}):
 * a Node function {@code require}s {@code @aws-sdk/client-sqs} and a Python function imports boto3
 * (on python3.12, whose interpreter has no boto3 of its own), and each sends a message to a Haneul
 * queue through {@code AWS_ENDPOINT_URL}; the test reads it back with its own client.
 */
class LambdaFunctionSdksIT {

    /** Where {@code ./haneul} installs the SDKs (the launcher exports it; the tests run in {@code it/}). */
    static final Path SDKS = Path.of(System.getenv().getOrDefault("HANEUL_LAMBDA_SDK_DIR", "../target/lambda-sdks")).toAbsolutePath().normalize();

    static TestServer server;
    static LambdaClient lambda;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = TestServer.start("--lambda-sdk-dir", SDKS.toString());
        lambda = LambdaFunctionsSdkV2IT.client(server);
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LambdaFunctionsSdkV2IT.ACCOUNT, "secret")))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        lambda.close();
        server.close();
    }

    /** In CI the setup has run and a missing SDK is a failure; a developer's bare {@code mvn test} skips instead. */
    static void requireSdk(String part) {
        boolean present = Files.isDirectory(SDKS.resolve(part));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, "the SDK setup did not install " + SDKS.resolve(part));
        }
        assumeTrue(present, "run services/lambda/sdk/install-sdks " + SDKS + " (./haneul test does) for this test");
    }

    static String received(String queue) {
        String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages();
        assertEquals(1, messages.size());
        return messages.get(0).body();
    }

    @Test
    void nodeFunctionSendsWithTheJavaScriptSdk() {
        requireSdk("node/node_modules/@aws-sdk/client-sqs");
        String source = """
                const { SQSClient, CreateQueueCommand, SendMessageCommand } = require('@aws-sdk/client-sqs');
                exports.handler = async (event) => {
                  const sqs = new SQSClient({});
                  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'from-node' }));
                  const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: event.say }));
                  return { sent: sent.MessageId, sdk: require.resolve('@aws-sdk/client-sqs') };
                };
                """;
        lambda.createFunction(b -> b.functionName("node-sdk").runtime("nodejs20.x").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("index.handler").timeout(30).memorySize(256).code(c -> c.zipFile(Zips.of(Map.of("index.js", source)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("node-sdk"));
        InvokeResponse r = lambda.invoke(b -> b.functionName("node-sdk").payload(SdkBytes.fromUtf8String("{\"say\":\"hello from node\"}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertTrue(r.payload().asUtf8String().contains(SDKS.toString()), "the SDK came from the setup's directory: " + r.payload().asUtf8String());
        assertEquals("hello from node", received("from-node"));
    }

    @Test
    void esModuleImportsTheSdkToo() {
        requireSdk("node/node_modules/@aws-sdk/client-sqs");
        String source = """
                import { SQSClient, CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
                export const handler = async (event) => {
                  const sqs = new SQSClient({});
                  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'from-esm' }));
                  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: event.say }));
                  return 'sent';
                };
                """;
        lambda.createFunction(b -> b.functionName("esm-sdk").runtime("nodejs20.x").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("index.handler").timeout(30).memorySize(256).code(c -> c.zipFile(Zips.of(Map.of("index.mjs", source)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("esm-sdk"));
        InvokeResponse r = lambda.invoke(b -> b.functionName("esm-sdk").payload(SdkBytes.fromUtf8String("{\"say\":\"hello from esm\"}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals("hello from esm", received("from-esm"));
    }

    @Test
    void pythonFunctionSendsWithBoto3() {
        requireSdk("python/boto3");
        assumeTrue(Files.isExecutable(Path.of(System.getProperty("user.home"), ".pyenv/versions/3.12.1/bin/python3.12"))
                || Files.isExecutable(Path.of("/usr/bin/python3")), "a python3 for the function");
        String source = """
                import boto3
                def handler(event, context):
                    sqs = boto3.client("sqs")
                    url = sqs.create_queue(QueueName="from-python")["QueueUrl"]
                    sqs.send_message(QueueUrl=url, MessageBody=event["say"])
                    return {"sdk": boto3.__file__}
                """;
        lambda.createFunction(b -> b.functionName("python-sdk").runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("app.handler").timeout(30).memorySize(256).code(c -> c.zipFile(Zips.of(Map.of("app.py", source)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("python-sdk"));
        InvokeResponse r = lambda.invoke(b -> b.functionName("python-sdk").payload(SdkBytes.fromUtf8String("{\"say\":\"hello from python\"}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertTrue(r.payload().asUtf8String().contains(SDKS.toString()), "boto3 came from the setup's directory: " + r.payload().asUtf8String());
        assertEquals("hello from python", received("from-python"));
    }
}
