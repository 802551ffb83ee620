package io.haneul.it.lambda;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The other runtime paths: a {@code provided.al2023} function whose own {@code bootstrap} speaks the
 * Runtime API (a shell script with curl), and a Python function that calls Haneul's SQS with boto3
 * through the {@code AWS_ENDPOINT_URL} and credentials its environment hands it.
 */
class LambdaRuntimesIT {

    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        lambda = LambdaFunctionsSdkV2IT.client(server);
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        server.close();
    }

    @Test
    void providedRuntimeRunsTheZipsBootstrap() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is needed by the test's bootstrap");
        String bootstrap = """
                #!/bin/sh
                base="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
                while true; do
                  headers=$(mktemp)
                  event=$(curl -sS -D "$headers" "$base/invocation/next")
                  id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$headers" | cut -d' ' -f2 | tr -d '\\r')
                  rm -f "$headers"
                  [ -z "$id" ] && continue
                  echo "shell got $event"
                  curl -sS -X POST -d "{\\"shell\\":$event,\\"fn\\":\\"$AWS_LAMBDA_FUNCTION_NAME\\"}" "$base/invocation/$id/response" > /dev/null
                done
                """;
        lambda.createFunction(b -> b.functionName("shell").runtime("provided.al2023").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("unused").code(c -> c.zipFile(Zips.of(Map.of("bootstrap", bootstrap)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("shell"));
        InvokeResponse r = lambda.invoke(b -> b.functionName("shell").payload(SdkBytes.fromUtf8String("{\"k\":1}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals("{\"shell\":{\"k\":1},\"fn\":\"shell\"}", r.payload().asUtf8String());
    }

    @Test
    void functionsReachHaneulWithTheSdkDefaults() {
        assumeTrue(Files.isExecutable(Path.of(System.getProperty("user.home"), ".pyenv/versions/3.11.7/bin/python3.11")),
                "python3.11 with boto3 (pyenv) is needed");
        lambda.createFunction(b -> b.functionName("calls-sqs").runtime("python3.11").role(LambdaFunctionsSdkV2IT.ROLE)
                .handler("app.handler").timeout(30).code(c -> c.zipFile(Zips.of(Map.of("app.py", """
                        import boto3
                        def handler(event, context):
                            sqs = boto3.client("sqs")
                            url = sqs.create_queue(QueueName="from-lambda")["QueueUrl"]
                            sqs.send_message(QueueUrl=url, MessageBody=event["say"])
                            return sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"][0]["Body"]
                        """)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("calls-sqs"));
        InvokeResponse r = lambda.invoke(b -> b.functionName("calls-sqs").payload(SdkBytes.fromUtf8String("{\"say\":\"hi sqs\"}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals("\"hi sqs\"", r.payload().asUtf8String());
    }
}
