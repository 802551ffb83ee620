package io.haneul.it.lambda;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** An SNS lambda subscription invokes the function with the {@code aws:sns} event (through Lambda's FunctionInvoker). */
class SnsToLambdaIT {

    @Test
    void publishInvokesTheSubscribedFunction() throws Exception {
        try (TestServer server = TestServer.start(); LambdaClient lambda = LambdaFunctionsSdkV2IT.client(server);
             SnsClient sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LambdaFunctionsSdkV2IT.ACCOUNT, "s")))
                     .build()) {
            String fn = lambda.createFunction(b -> b.functionName("on-news").runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE)
                    .handler("app.handler").code(c -> c.zipFile(Zips.of(Map.of("app.py", """
                            def handler(event, context):
                                r = event["Records"][0]
                                print("got %s from %s via %s" % (r["Sns"]["Message"], r["Sns"]["TopicArn"], r["EventSource"]))
                            """))))).functionArn();
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("on-news"));
            String topic = sns.createTopic(r -> r.name("news")).topicArn();
            sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(fn));
            String message = "hello-" + UUID.randomUUID();
            sns.publish(r -> r.topicArn(topic).message(message));

            String expected = "got " + message + " from " + topic + " via aws:sns";
            String logs = "";
            long until = System.currentTimeMillis() + 20_000;
            try (HttpClient http = HttpClient.newHttpClient()) {
                while (!logs.contains(expected) && System.currentTimeMillis() < until) {
                    Thread.sleep(200);
                    logs = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/lambda/logs/on-news")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                }
            }
            assertTrue(logs.contains(expected), logs);
        }
    }
}
