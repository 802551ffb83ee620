package io.haneul.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 event notifications to Lambda: the destination is checked when configured (the function's
 * resource policy must allow {@code s3.amazonaws.com} from the bucket, as on AWS), then each
 * matching object event invokes the function asynchronously with S3's event record.
 */
class S3ToLambdaIT {

    static final String ACCOUNT = LambdaFunctionsSdkV2IT.ACCOUNT;

    @Test
    void anObjectCreatedInvokesTheFunctionThatAllowsS3() throws Exception {
        try (TestServer server = TestServer.start(); LambdaClient lambda = LambdaFunctionsSdkV2IT.client(server);
             S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build()) {
            String fn = lambda.createFunction(b -> b.functionName("on-upload").runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE)
                    .handler("app.handler").code(c -> c.zipFile(Zips.of("app.py", FunctionOutput.PRINT_EVENT)))).functionArn();
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("on-upload"));
            s3.createBucket(b -> b.bucket("photos"));
            LambdaFunctionConfiguration destination = LambdaFunctionConfiguration.builder().id("thumbnails").lambdaFunctionArn(fn)
                    .events(Event.S3_OBJECT_CREATED).filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value("in/"))))
                    .build();

            S3Exception refused = assertThrows(S3Exception.class, () -> s3.putBucketNotificationConfiguration(b -> b.bucket("photos")
                    .notificationConfiguration(c -> c.lambdaFunctionConfigurations(destination))));
            assertEquals("InvalidArgument", refused.awsErrorDetails().errorCode());
            assertEquals("Unable to validate the following destination configurations", refused.awsErrorDetails().errorMessage());

            lambda.addPermission(b -> b.functionName("on-upload").statementId("s3-other").action("lambda:InvokeFunction")
                    .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::another-bucket"));
            assertThrows(S3Exception.class, () -> s3.putBucketNotificationConfiguration(b -> b.bucket("photos")
                    .notificationConfiguration(c -> c.lambdaFunctionConfigurations(destination))));

            lambda.addPermission(b -> b.functionName("on-upload").statementId("s3-photos").action("lambda:InvokeFunction")
                    .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::photos").sourceAccount(ACCOUNT));
            s3.putBucketNotificationConfiguration(b -> b.bucket("photos")
                    .notificationConfiguration(c -> c.lambdaFunctionConfigurations(destination)));
            assertEquals(fn, s3.getBucketNotificationConfiguration(b -> b.bucket("photos")).lambdaFunctionConfigurations().get(0)
                    .lambdaFunctionArn());

            s3.putObject(b -> b.bucket("photos").key("elsewhere/skip.txt"), RequestBody.fromString("not for the function"));
            String etag = s3.putObject(b -> b.bucket("photos").key("in/cat picture.jpg"), RequestBody.fromString("meow")).eTag();

            JsonNode r = FunctionOutput.awaitEvent(server, "on-upload", "cat+picture.jpg").at("/Records/0");
            assertEquals("2.1", r.get("eventVersion").asText());
            assertEquals("aws:s3", r.get("eventSource").asText());
            assertEquals("us-east-1", r.get("awsRegion").asText());
            assertEquals("ObjectCreated:Put", r.get("eventName").asText());
            assertTrue(r.get("eventTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), r.toString());
            assertEquals("1.0", r.at("/s3/s3SchemaVersion").asText());
            assertEquals("thumbnails", r.at("/s3/configurationId").asText());
            assertEquals("photos", r.at("/s3/bucket/name").asText());
            assertEquals("arn:aws:s3:::photos", r.at("/s3/bucket/arn").asText());
            assertEquals("in/cat+picture.jpg", r.at("/s3/object/key").asText());
            assertEquals(4, r.at("/s3/object/size").asInt());
            assertEquals(etag.replace("\"", ""), r.at("/s3/object/eTag").asText());
            assertTrue(r.at("/s3/object/sequencer").asText().matches("[0-9A-F]+"), r.toString());
        }
    }
}
