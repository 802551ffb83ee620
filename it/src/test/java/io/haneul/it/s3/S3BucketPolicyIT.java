package io.haneul.it.s3;

import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;

import static io.haneul.it.s3.S3Clients.ACCOUNT_A;
import static io.haneul.it.s3.S3Clients.ACCOUNT_B;
import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bucket policies judged on S3's REST endpoint: a Deny binds every caller, the owner included (but
 * the owner may always replace or delete the policy), and an Allow lets another account read or
 * write what it names, with its conditions (here the caller's address and transport).
 */
class S3BucketPolicyIT {

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    @Test
    void aDenyOnInsecureTransportBindsTheOwnerButNotThePolicyCalls() throws Exception {
        try (TestServer server = TestServer.start(); S3Client a = S3Clients.client(server, ACCOUNT_A)) {
            String b = S3Clients.bucket("tls-only");
            a.createBucket(r -> r.bucket(b));
            a.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("v"));
            a.putBucketPolicy(r -> r.bucket(b).policy(policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::"
                    + b + "\",\"arn:aws:s3:::" + b + "/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}")));
            expectError("AccessDenied", 403, () -> a.getObject(r -> r.bucket(b).key("k")));
            expectError("AccessDenied", 403, () -> a.putObject(r -> r.bucket(b).key("k2"), RequestBody.fromString("v")));
            expectError("AccessDenied", 403, () -> a.listObjectsV2(r -> r.bucket(b)));
            String elsewhere = S3Clients.bucket("copy-target");
            a.createBucket(r -> r.bucket(elsewhere));
            expectError("AccessDenied", 403, () -> a.copyObject(r -> r.sourceBucket(b).sourceKey("k")
                    .destinationBucket(elsewhere).destinationKey("k")));
            a.getBucketPolicy(r -> r.bucket(b));
            a.deleteBucketPolicy(r -> r.bucket(b));
            assertEquals("v", a.getObjectAsBytes(r -> r.bucket(b).key("k")).asUtf8String());
        }
    }

    /**
     * {@code aws:SecureTransport} follows the connection: an absolute {@code https://} request target sent
     * to the plain port is still insecure transport (permissive mode reads the caller from the credential).
     */
    @Test
    void anHttpsRequestTargetOnThePlainPortIsNotSecureTransport() throws Exception {
        try (TestServer server = TestServer.start(); S3Client a = S3Clients.client(server, ACCOUNT_A)) {
            String b = S3Clients.bucket("tls-target");
            a.createBucket(r -> r.bucket(b));
            a.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("v"));
            String target = "https://127.0.0.1:" + server.port() + "/" + b + "/k";
            Map<String, String> owner = Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCOUNT_A
                    + "/20261208/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00");
            RawHttp.Response before = RawHttp.send(server.port(), "GET", target, owner, (byte[]) null);
            assertEquals(200, before.status(), before::toString);
            a.putBucketPolicy(r -> r.bucket(b).policy(policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::"
                    + b + "/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}")));
            RawHttp.Response after = RawHttp.send(server.port(), "GET", target, owner, (byte[]) null);
            assertEquals(403, after.status(), after::toString);
            assertTrue(after.text().contains("<Code>AccessDenied</Code>"), after::toString);
        }
    }

    /**
     * An x-id does not outrank the request's own parameters: {@code GET /b/k?uploadId=u&x-id=GetObject} is
     * ListParts, as the policy judges it, and never reads an object a Deny on s3:GetObject protects.
     */
    @Test
    void anXIdCannotTurnAnotherRequestIntoADeniedGetObject() throws Exception {
        try (TestServer server = TestServer.start(); S3Client a = S3Clients.client(server, ACCOUNT_A)) {
            String b = S3Clients.bucket("no-reads");
            a.createBucket(r -> r.bucket(b));
            a.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("secret"));
            a.putBucketPolicy(r -> r.bucket(b).policy(policy("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::" + b + "/*\"}")));
            expectError("AccessDenied", 403, () -> a.getObject(r -> r.bucket(b).key("k")));
            // the SDK sends x-id=GetObject; with an uploadId the request is ListParts
            expectError("NoSuchUpload", 404, () -> a.getObjectAsBytes(r -> r.bucket(b).key("k")
                    .overrideConfiguration(o -> o.putRawQueryParameter("uploadId", "u"))));
        }
    }

    @Test
    void anAllowLetsAnotherAccountReadWhatItNamesWithinItsConditions() throws Exception {
        try (TestServer server = TestServer.start(); S3Client a = S3Clients.client(server, ACCOUNT_A);
             S3Client other = S3Clients.client(server, ACCOUNT_B)) {
            String b = S3Clients.bucket("shared");
            a.createBucket(r -> r.bucket(b));
            a.putObject(r -> r.bucket(b).key("public/k"), RequestBody.fromString("shared"));
            a.putObject(r -> r.bucket(b).key("private/k"), RequestBody.fromString("mine"));
            expectError("AccessDenied", 403, () -> other.getObject(r -> r.bucket(b).key("public/k")));

            String grant = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT_B + ":root\"},\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::" + b + "/public/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":%s}}}";
            a.putBucketPolicy(r -> r.bucket(b).policy(policy(grant.formatted("[\"127.0.0.0/8\",\"::1/128\"]"))));
            assertEquals("shared", other.getObjectAsBytes(r -> r.bucket(b).key("public/k")).asUtf8String());
            expectError("AccessDenied", 403, () -> other.getObject(r -> r.bucket(b).key("private/k")));
            expectError("AccessDenied", 403, () -> other.listObjectsV2(r -> r.bucket(b)));
            expectError("AccessDenied", 403, () -> other.putObject(r -> r.bucket(b).key("public/x"), RequestBody.fromString("x")));
            expectError("AccessDenied", 403, () -> other.deleteBucketPolicy(r -> r.bucket(b)));

            a.putBucketPolicy(r -> r.bucket(b).policy(policy(grant.formatted("\"203.0.113.0/24\""))));
            expectError("AccessDenied", 403, () -> other.getObject(r -> r.bucket(b).key("public/k")));
        }
    }
}
