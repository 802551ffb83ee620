package io.haneul.it.lambda;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployment packages from Haneul's S3 (CreateFunction and UpdateFunctionCode with
 * S3Bucket/S3Key, AWS's GetObject errors), GetFunction's {@code Code.Location} that downloads the
 * zip (and refuses an altered link), and the 50 MB limit of a zip sent in the request.
 */
class LambdaCodeFromS3IT {

    static TestServer server;
    static LambdaClient lambda;
    static S3Client s3;
    static final String BUCKET = "code-bucket";

    @BeforeAll
    static void start() {
        // the server-wide body limit (64 MiB by default) is raised so that a 50 MB zip, base64 in JSON, reaches Lambda
        server = TestServer.start("--max-body-bytes", "80000000");
        lambda = LambdaFunctionsSdkV2IT.client(server);
        s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LambdaFunctionsSdkV2IT.ACCOUNT, "secret")))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        s3.close();
        server.close();
    }

    static String name() {
        return "s3fn-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static SdkBytes app(String answer) {
        return Zips.of(Map.of("app.py", "def handler(event, context):\n    return '" + answer + "'\n"));
    }

    static String invoke(String fn) {
        InvokeResponse r = lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        return r.payload().asUtf8String();
    }

    @Test
    void codeComesFromS3AndGoesBackByLocation() throws Exception {
        SdkBytes v1 = app("from s3");
        s3.putObject(b -> b.bucket(BUCKET).key("v1.zip"), RequestBody.fromBytes(v1.asByteArray()));
        String fn = name();
        lambda.createFunction(b -> b.functionName(fn).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .code(c -> c.s3Bucket(BUCKET).s3Key("v1.zip")));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(fn));
        assertEquals("\"from s3\"", invoke(fn));

        GetFunctionResponse got = lambda.getFunction(b -> b.functionName(fn));
        assertEquals("S3", got.code().repositoryType());
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(got.code().location())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(v1.asByteArray(), download.body());
            String altered = got.code().location().replaceFirst("expires=(\\d+)", "expires=9$1");
            assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(altered)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }

        SdkBytes v2 = app("updated from s3");
        s3.putObject(b -> b.bucket(BUCKET).key("v2.zip"), RequestBody.fromBytes(v2.asByteArray()));
        lambda.updateFunctionCode(b -> b.functionName(fn).s3Bucket(BUCKET).s3Key("v2.zip"));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(fn));
        assertEquals("\"updated from s3\"", invoke(fn));
    }

    @Test
    void s3ObjectVersionReadsThatVersion() {
        s3.createBucket(b -> b.bucket("versioned-code"));
        s3.putBucketVersioning(b -> b.bucket("versioned-code").versioningConfiguration(v -> v.status("Enabled")));
        String first = s3.putObject(b -> b.bucket("versioned-code").key("app.zip"), RequestBody.fromBytes(app("first").asByteArray()))
                .versionId();
        s3.putObject(b -> b.bucket("versioned-code").key("app.zip"), RequestBody.fromBytes(app("second").asByteArray()));
        String fn = name();
        lambda.createFunction(b -> b.functionName(fn).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .code(c -> c.s3Bucket("versioned-code").s3Key("app.zip").s3ObjectVersion(first)));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(fn));
        assertEquals("\"first\"", invoke(fn));

        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () -> lambda.updateFunctionCode(b -> b
                .functionName(fn).s3Bucket("versioned-code").s3Key("app.zip").s3ObjectVersion("no-such-version")));
        assertEquals("Error occurred while GetObject. S3 Error Code: NoSuchVersion. S3 Error Message: The specified version does not exist.",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void missingObjectsAreRefusedInS3sWords() {
        InvalidParameterValueException noKey = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b
                .functionName(name()).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .code(c -> c.s3Bucket(BUCKET).s3Key("nothing.zip"))));
        assertEquals("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.",
                noKey.awsErrorDetails().errorMessage());
        InvalidParameterValueException noBucket = assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b
                .functionName(name()).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .code(c -> c.s3Bucket("no-such-bucket-here").s3Key("x.zip"))));
        assertTrue(noBucket.awsErrorDetails().errorMessage().startsWith(
                "Error occurred while GetObject. S3 Error Code: NoSuchBucket."), noBucket.awsErrorDetails().errorMessage());
    }

    @Test
    void aZipOverFiftyMegabytesInTheRequestIsRefused() {
        byte[] big = new byte[50 * 1024 * 1024 + 1];
        // AWS answers RequestEntityTooLargeException, a code the model does not declare: the SDK raises its base exception
        LambdaException e = assertThrows(LambdaException.class, () -> lambda.createFunction(b -> b
                .functionName(name()).runtime("python3.12").role(LambdaFunctionsSdkV2IT.ROLE).handler("app.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArrayUnsafe(big)))));
        assertEquals("Request must be smaller than 69905067 bytes for the CreateFunction operation", e.awsErrorDetails().errorMessage());
        assertEquals("RequestEntityTooLargeException", e.awsErrorDetails().errorCode());
        assertEquals(413, e.statusCode());
    }
}
