package io.haneul.core.auth;

import static io.haneul.core.auth.SdkSigning.ACCOUNT;
import static io.haneul.core.auth.SdkSigning.AKID;
import static io.haneul.core.auth.SdkSigning.SIGNED_AT;
import static io.haneul.core.auth.SdkSigning.http;
import static io.haneul.core.auth.SdkSigning.sign;
import static io.haneul.core.auth.SdkSigning.verifierAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

class SigV4VerifierTest {

    private static final byte[] SQS_BODY = "{\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/123456789012/q\",\"MessageBody\":\"hi there\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final SigV4Verifier verifier = verifierAt(SIGNED_AT.plusSeconds(30));

    private static SdkSigning.Signed sqsPost(byte[] body) {
        return sign(http(SdkHttpMethod.POST, "sqs.us-east-1.amazonaws.com", "/")
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "AmazonSQS.SendMessage").build(), body, "sqs", false);
    }

    @Test
    void sqsHeaderSignedPostVerifies() {
        SigV4Identity id = verifier.verify(sqsPost(SQS_BODY).toSignedRequest());
        assertEquals(AKID, id.accessKeyId());
        assertEquals(ACCOUNT, id.accountId());
        assertEquals("us-east-1", id.region());
        assertEquals("sqs", id.service());
        assertEquals(PayloadMode.SIGNED, id.payloadMode());
        assertFalse(id.presigned());
        assertTrue(id.contentSha256().isEmpty());
    }

    @Test
    void aSignatureForAnotherServiceOrRegionIsRefusedAtAnEndpoint() {
        SignedRequest request = sqsPost(SQS_BODY).toSignedRequest();
        assertEquals("sqs", verifier.verify(request, new SigV4Verifier.Endpoint("sqs", "us-east-1")).service());
        assertEquals("sqs", verifier.verify(request, new SigV4Verifier.Endpoint("sqs", null)).service());
        AuthException service = assertThrows(AuthException.class, () -> verifier.verify(request, new SigV4Verifier.Endpoint("sns", null)));
        assertEquals("SignatureDoesNotMatch", service.code());
        assertEquals(403, service.status());
        assertEquals("Credential should be scoped to correct service: 'sns'. ", service.getMessage());
        AuthException json = assertThrows(AuthException.class,
                () -> verifier.verify(request, new SigV4Verifier.Endpoint("logs", null)));
        assertEquals("InvalidSignatureException", json.code());
        AuthException region = assertThrows(AuthException.class,
                () -> verifier.verify(request, new SigV4Verifier.Endpoint("sqs", "eu-west-1")));
        assertEquals("Credential should be scoped to a valid region. ", region.getMessage());
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        SignedRequest one = sqsPost(SQS_BODY).toSignedRequest();
        SignedRequest two = SignedRequest.builder().method(one.method()).rawPath(one.rawPath()).rawQuery(one.rawQuery())
                .headers(one.headers()).header("Authorization", one.firstHeader("Authorization").orElseThrow())
                .payload(SQS_BODY).build();
        assertEquals("IncompleteSignature", assertThrows(AuthException.class, () -> verifier.verify(two)).code());
    }

    @Test
    void sqsGetWithRepeatedQueryParamsAndOddPathVerifies() {
        var req = http(SdkHttpMethod.GET, "sqs.us-east-1.amazonaws.com", "/123456789012/my%20queue/a%2Bb/./c/../d")
                .putRawQueryParameter("Action", "ReceiveMessage")
                .appendRawQueryParameter("AttributeName", "b value")
                .appendRawQueryParameter("AttributeName", "a&value=1")
                .appendRawQueryParameter("AttributeName", "All")
                .putRawQueryParameter("Emoji", "\u2603 snow/man~*")
                .putRawQueryParameter("Empty", (String) null)
                .build();
        var signed = sign(req, new byte[0], "sqs", false);
        SigV4Identity id = verifier.verify(signed.toSignedRequest());
        assertEquals("sqs", id.service());
    }

    @Test
    void headerValuesAreTrimmedAndSpacesCollapsed() {
        var req = http(SdkHttpMethod.POST, "sqs.us-east-1.amazonaws.com", "/")
                .putHeader("X-Custom", "  a   b \t c  ")
                .appendHeader("X-Multi", "one")
                .appendHeader("X-Multi", " two  2 ")
                .build();
        var signed = sign(req, SQS_BODY, "sqs", false);
        assertTrue(signed.header("Authorization").contains("x-custom;"), "custom header must be signed");
        verifier.verify(signed.toSignedRequest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bucket/my%20key%20with%20spaces.txt", "/bucket/a/b%2Bc%3D%26%40%21%24%27%28%29%2A%2C%3B%3A",
            "/bucket/dir//double/./dot/../x", "/bucket/%E2%98%83%20snow~_-.txt", "/bucket/"})
    void s3HeaderSignedGetWithSpecialPathsVerifies(String path) {
        var req = http(SdkHttpMethod.GET, "s3.us-east-1.amazonaws.com", path)
                .putRawQueryParameter("versionId", "v 1")
                .appendRawQueryParameter("tag", "z")
                .appendRawQueryParameter("tag", "a")
                .putRawQueryParameter("acl", (String) null)
                .build();
        var signed = sign(req, null, "s3", true);
        SigV4Identity id = verifier.verify(signed.toSignedRequest(null));
        assertEquals("s3", id.service());
        assertEquals(PayloadMode.SIGNED, id.payloadMode());
        assertEquals(Optional.of(SigV4.EMPTY_SHA256), id.contentSha256(), "unchecked digest handed to the caller");
    }

    @Test
    void s3PutWithBodyVerifiesAndChecksDigest() {
        byte[] body = "object content".getBytes(StandardCharsets.UTF_8);
        var signed = sign(http(SdkHttpMethod.PUT, "bucket.s3.amazonaws.com", "/key%20one").build(), body, "s3", true);
        SigV4Identity id = verifier.verify(signed.toSignedRequest());
        assertTrue(id.contentSha256().isEmpty());

        AuthException e = assertThrows(AuthException.class,
                () -> verifier.verify(signed.toSignedRequest("tampered content".getBytes(StandardCharsets.UTF_8))));
        assertEquals("XAmzContentSHA256Mismatch", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void s3StreamedBodyIsCheckedByContentSha256Stream() throws Exception {
        byte[] body = "streamed".getBytes(StandardCharsets.UTF_8);
        var signed = sign(http(SdkHttpMethod.PUT, "bucket.s3.amazonaws.com", "/k").build(), body, "s3", true);
        SigV4Identity id = verifier.verify(signed.toSignedRequest(null));
        try (var in = ContentSha256InputStream.wrap(new java.io.ByteArrayInputStream(body), id)) {
            assertEquals("streamed", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        var bad = ContentSha256InputStream.wrap(new java.io.ByteArrayInputStream("other".getBytes()), id);
        BodyVerificationException e = assertThrows(BodyVerificationException.class, bad::readAllBytes);
        assertEquals("XAmzContentSHA256Mismatch", e.error().code());
    }

    @Test
    void tamperedSqsBodyFails() {
        var signed = sqsPost(SQS_BODY);
        byte[] tampered = new String(SQS_BODY, StandardCharsets.UTF_8).replace("hi there", "hi th3re").getBytes(StandardCharsets.UTF_8);
        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(signed.toSignedRequest(tampered)));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(403, e.status());
        assertEquals(AuthErrors.SIGNATURE_MISMATCH, e.getMessage());
        assertTrue(e.details().get("CanonicalRequest").startsWith("POST\n/\n"));
    }

    @Test
    void tamperedSignedHeaderFails() {
        var signed = sqsPost(SQS_BODY);
        var req = signed.builder().payload(SQS_BODY).build();
        var headers = new java.util.TreeMap<String, java.util.List<String>>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(req.headers());
        headers.put("X-Amz-Target", java.util.List.of("AmazonSQS.DeleteQueue"));
        var tampered = SignedRequest.builder().method("POST").rawPath("/").headers(headers).payload(SQS_BODY).build();
        assertEquals("SignatureDoesNotMatch", assertThrows(AuthException.class, () -> verifier.verify(tampered)).code());
    }

    @Test
    void tamperedS3QueryAndPathFail() {
        var signed = sign(http(SdkHttpMethod.GET, "bucket.s3.amazonaws.com", "/key")
                .putRawQueryParameter("versionId", "1").build(), null, "s3", true);
        var base = signed.toSignedRequest(null);
        var otherQuery = SignedRequest.builder().method("GET").rawPath("/key").rawQuery("versionId=2")
                .headers(base.headers()).build();
        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(otherQuery));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(AuthErrors.SIGNATURE_MISMATCH_S3, e.getMessage());
        assertEquals(AKID, e.details().get("AWSAccessKeyId"));
        assertTrue(e.details().get("StringToSign").startsWith("AWS4-HMAC-SHA256\n20250101T120000Z\n20250101/us-east-1/s3/aws4_request\n"));

        var otherPath = SignedRequest.builder().method("GET").rawPath("/key2").rawQuery("versionId=1")
                .headers(base.headers()).build();
        assertEquals("SignatureDoesNotMatch", assertThrows(AuthException.class, () -> verifier.verify(otherPath)).code());
        var otherMethod = SignedRequest.builder().method("DELETE").rawPath("/key").rawQuery("versionId=1")
                .headers(base.headers()).build();
        assertEquals("SignatureDoesNotMatch", assertThrows(AuthException.class, () -> verifier.verify(otherMethod)).code());
    }

    @Test
    void wrongSecretFails() {
        var other = new SigV4Verifier(CredentialsStore.of(new Credentials(AKID, "not-the-secret", ACCOUNT)),
                SdkSigning.clockAt(SIGNED_AT));
        assertEquals("SignatureDoesNotMatch",
                assertThrows(AuthException.class, () -> other.verify(sqsPost(SQS_BODY).toSignedRequest())).code());
    }

    @Test
    void skewedDateIsRejectedAsAwsDoes() {
        var sqs = sqsPost(SQS_BODY).toSignedRequest();
        SigV4Verifier late = verifierAt(SIGNED_AT.plus(Duration.ofMinutes(16)));
        AuthException e = assertThrows(AuthException.class, () -> late.verify(sqs));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(403, e.status());
        assertEquals("Signature expired: 20250101T120000Z is now earlier than 20250101T120100Z (20250101T121600Z - 15 min.)",
                e.getMessage());

        SigV4Verifier early = verifierAt(SIGNED_AT.minus(Duration.ofMinutes(20)));
        e = assertThrows(AuthException.class, () -> early.verify(sqs));
        assertEquals("Signature not yet current: 20250101T120000Z is still later than 20250101T115500Z (20250101T114000Z + 15 min.)",
                e.getMessage());

        // 14 minutes is fine
        verifierAt(SIGNED_AT.plus(Duration.ofMinutes(14))).verify(sqs);

        var s3 = sign(http(SdkHttpMethod.GET, "bucket.s3.amazonaws.com", "/k").build(), null, "s3", true).toSignedRequest(null);
        e = assertThrows(AuthException.class, () -> late.verify(s3));
        assertEquals("RequestTimeTooSkewed", e.code());
        assertEquals(403, e.status());
        assertEquals("20250101T120000Z", e.details().get("RequestTime"));
        assertEquals("2025-01-01T12:16:00Z", e.details().get("ServerTime"));
        assertEquals("900000", e.details().get("MaxAllowedSkewMilliseconds"));
    }

    @Test
    void jsonServicesAnswerInvalidSignatureException() {
        var dynamo = sign(http(SdkHttpMethod.POST, "dynamodb.us-east-1.amazonaws.com", "/")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.ListTables").build(), "{}".getBytes(), "dynamodb", false)
                .toSignedRequest();
        verifier.verify(dynamo);
        AuthException e = assertThrows(AuthException.class,
                () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(30))).verify(dynamo));
        assertEquals("InvalidSignatureException", e.code());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("Signature expired: 20250101T120000Z is now earlier than 20250101T121500Z"));

        var unknown = new SigV4Verifier(CredentialsStore.of(), SdkSigning.clockAt(SIGNED_AT));
        e = assertThrows(AuthException.class, () -> unknown.verify(dynamo));
        assertEquals("UnrecognizedClientException", e.code());

        // the dialect is pluggable: treat sqs like a JSON service
        var jsonSqs = new SigV4Verifier(SdkSigning.store(), SdkSigning.clockAt(SIGNED_AT.plus(Duration.ofHours(1))),
                s -> AuthDialect.JSON);
        e = assertThrows(AuthException.class, () -> jsonSqs.verify(sqsPost(SQS_BODY).toSignedRequest()));
        assertEquals("InvalidSignatureException", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void unknownAccessKey() {
        var empty = new SigV4Verifier(CredentialsStore.of(), SdkSigning.clockAt(SIGNED_AT));
        AuthException e = assertThrows(AuthException.class, () -> empty.verify(sqsPost(SQS_BODY).toSignedRequest()));
        assertEquals("InvalidClientTokenId", e.code());
        assertEquals("The security token included in the request is invalid.", e.getMessage());
        assertEquals(403, e.status());

        var s3 = sign(http(SdkHttpMethod.GET, "bucket.s3.amazonaws.com", "/k").build(), null, "s3", true).toSignedRequest(null);
        e = assertThrows(AuthException.class, () -> empty.verify(s3));
        assertEquals("InvalidAccessKeyId", e.code());
        assertEquals("The AWS Access Key Id you provided does not exist in our records.", e.getMessage());
        assertEquals(403, e.status());
    }

    @Test
    void malformedAuthorizationHeader() {
        var good = sqsPost(SQS_BODY).toSignedRequest();
        String auth = good.firstHeader("Authorization").orElseThrow();

        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(withAuthorization(good,
                auth.replaceAll(", Signature=[0-9a-f]+", ""))));
        assertEquals("IncompleteSignature", e.code());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("Authorization header requires 'Signature' parameter."), e.getMessage());

        e = assertThrows(AuthException.class, () -> verifier.verify(withAuthorization(good,
                auth.replace("Credential=", "Credential "))));
        assertEquals("IncompleteSignature", e.code());
        assertTrue(e.getMessage().contains("not a valid key=value pair (missing equal-sign)"), e.getMessage());

        e = assertThrows(AuthException.class, () -> verifier.verify(withAuthorization(good,
                auth.replace("/us-east-1/sqs/aws4_request", "/sqs/aws4_request"))));
        assertEquals("IncompleteSignature", e.code());
        assertTrue(e.getMessage().startsWith("Credential must have exactly 5 slash-delimited elements"), e.getMessage());

        e = assertThrows(AuthException.class, () -> verifier.verify(withAuthorization(good, "Bearer abc.def")));
        assertEquals("IncompleteSignature", e.code());

        var s3 = sign(http(SdkHttpMethod.GET, "bucket.s3.amazonaws.com", "/k").build(), null, "s3", true).toSignedRequest(null);
        e = assertThrows(AuthException.class, () -> verifier.verify(withAuthorization(s3,
                s3.firstHeader("Authorization").orElseThrow().replace("aws4_request", "aws5_request"))));
        assertEquals("AuthorizationHeaderMalformed", e.code());
        assertEquals(400, e.status());

        e = assertThrows(AuthException.class, () -> verifier.verify(withAuthorization(s3, "AWS AKID:c2lnbmF0dXJl"), "s3"));
        assertEquals("InvalidRequest", e.code());
        // messages never echo the signature
        assertFalse(e.getMessage().contains("c2lnbmF0dXJl"));
    }

    @Test
    void scopeDateMustMatchRequestDate() {
        var good = sqsPost(SQS_BODY).toSignedRequest();
        String auth = good.firstHeader("Authorization").orElseThrow().replace("/20250101/", "/20250102/");
        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(withAuthorization(good, auth)));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertTrue(e.getMessage().startsWith("Date in Credential scope does not match"), e.getMessage());
    }

    @Test
    void missingAuthentication() {
        var bare = SignedRequest.builder().method("GET").rawPath("/").header("Host", "sqs.us-east-1.amazonaws.com")
                .payload(new byte[0]).build();
        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(bare, "sqs"));
        assertEquals("MissingAuthenticationToken", e.code());
        assertEquals("Request is missing Authentication Token", e.getMessage());
        assertEquals(403, e.status());
        e = assertThrows(AuthException.class, () -> verifier.verify(bare, "s3"));
        assertEquals("AccessDenied", e.code());
        assertEquals(403, e.status());
        assertFalse(AccessKeys.isSigned(bare));
    }

    @Test
    void s3RequiresContentSha256Header() {
        var signed = sign(http(SdkHttpMethod.GET, "bucket.s3.amazonaws.com", "/k").build(), null, "s3", true).toSignedRequest(null);
        var headers = new java.util.TreeMap<String, java.util.List<String>>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signed.headers());
        headers.remove("x-amz-content-sha256");
        var without = SignedRequest.builder().method("GET").rawPath("/k").headers(headers).build();
        assertEquals("InvalidRequest", assertThrows(AuthException.class, () -> verifier.verify(without)).code());
        headers.put("x-amz-content-sha256", java.util.List.of("NOT-A-HASH"));
        var invalid = SignedRequest.builder().method("GET").rawPath("/k").headers(headers).build();
        assertEquals("InvalidArgument", assertThrows(AuthException.class, () -> verifier.verify(invalid)).code());
    }

    @Test
    void sessionTokenMustMatchTemporaryCredentials() {
        var store = CredentialsStore.of(new Credentials(AKID, SdkSigning.SECRET, ACCOUNT, "the-session-token"));
        var v = new SigV4Verifier(store, SdkSigning.clockAt(SIGNED_AT));
        var withToken = sign(http(SdkHttpMethod.POST, "sqs.us-east-1.amazonaws.com", "/")
                .putHeader("X-Amz-Security-Token", "the-session-token").build(), SQS_BODY, "sqs", false).toSignedRequest();
        assertEquals(ACCOUNT, v.verify(withToken).accountId());
        AuthException e = assertThrows(AuthException.class, () -> v.verify(sqsPost(SQS_BODY).toSignedRequest()));
        assertEquals("InvalidClientTokenId", e.code());
    }

    @Test
    void s3ExpressSessionsPresentTheirTokenInTheS3SessionHeader() {
        var store = CredentialsStore.of(new Credentials(AKID, SdkSigning.SECRET, ACCOUNT, "the-session-token"));
        var v = new SigV4Verifier(store, SdkSigning.clockAt(SIGNED_AT));
        var session = sign(http(SdkHttpMethod.GET, "photos--use1-az4--x-s3.s3express-use1-az4.us-east-1.amazonaws.com", "/k")
                .putHeader("x-amz-s3session-token", "the-session-token").build(), null, "s3express", true).toSignedRequest(null);
        assertEquals(ACCOUNT, v.verify(session).accountId());
        var wrong = sign(http(SdkHttpMethod.GET, "photos--use1-az4--x-s3.s3express-use1-az4.us-east-1.amazonaws.com", "/k")
                .putHeader("x-amz-s3session-token", "another-token").build(), null, "s3express", true).toSignedRequest(null);
        assertEquals("InvalidToken", assertThrows(AuthException.class, () -> v.verify(wrong)).code());
        // the S3 Express header means nothing to a signature made for s3
        var s3 = sign(http(SdkHttpMethod.GET, "bucket.s3.amazonaws.com", "/k")
                .putHeader("x-amz-s3session-token", "the-session-token").build(), null, "s3", true).toSignedRequest(null);
        assertEquals("InvalidToken", assertThrows(AuthException.class, () -> v.verify(s3)).code());
    }

    @Test
    void legacyAws4SignerRequestsVerify() {
        var request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).protocol("https")
                .host("sts.amazonaws.com").encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .contentStreamProvider(() -> new java.io.ByteArrayInputStream(
                        "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8)))
                .build();
        @SuppressWarnings("deprecation")
        var params = Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(AKID, SdkSigning.SECRET))
                .signingName("sts").signingRegion(Region.US_EAST_1)
                .signingClockOverride(SdkSigning.clockAt(SIGNED_AT)).build();
        @SuppressWarnings("deprecation")
        SdkHttpFullRequest signed = Aws4Signer.create().sign(request, params);
        var b = SignedRequest.builder().method("POST").rawPath("/")
                .payload("Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));
        signed.headers().forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
        SigV4Identity id = verifier.verify(b.build());
        assertEquals("sts", id.service());
    }

    @Test
    void httpDateHeaderIsAcceptedWhenXAmzDateIsAbsent() {
        // hand-computed SigV4 with a Date header (some clients sign Date instead of X-Amz-Date)
        String date = "Wed, 01 Jan 2025 12:00:00 GMT";
        String canonical = "GET\n/\nAction=ListQueues\ndate:" + date + "\nhost:sqs.us-east-1.amazonaws.com\n\ndate;host\n"
                + SigV4.EMPTY_SHA256;
        String scope = "20250101/us-east-1/sqs/aws4_request";
        String sig = SigV4.sign(SigV4.signingKey(SdkSigning.SECRET, "20250101", "us-east-1", "sqs"),
                SigV4.stringToSign("20250101T120000Z", scope, canonical));
        var req = SignedRequest.builder().method("GET").target("/?Action=ListQueues").header("Host", "sqs.us-east-1.amazonaws.com")
                .header("Date", date).payload(new byte[0])
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + AKID + "/" + scope + ",SignedHeaders=date;host,Signature=" + sig)
                .build();
        assertEquals(AKID, verifier.verify(req).accessKeyId());
    }

    private static SignedRequest withAuthorization(SignedRequest base, String authorization) {
        var headers = new java.util.TreeMap<String, java.util.List<String>>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(base.headers());
        headers.put("Authorization", java.util.List.of(authorization));
        return SignedRequest.builder().method(base.method()).rawPath(base.rawPath()).rawQuery(base.rawQuery()).headers(headers)
                .payload(base.payload().map(b -> {
                    byte[] copy = new byte[b.remaining()];
                    b.get(copy);
                    return copy;
                }).orElse(null)).build();
    }
}
