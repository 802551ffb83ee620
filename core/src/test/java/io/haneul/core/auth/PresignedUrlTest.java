package io.haneul.core.auth;

import static io.haneul.core.auth.SdkSigning.AKID;
import static io.haneul.core.auth.SdkSigning.SIGNED_AT;
import static io.haneul.core.auth.SdkSigning.http;
import static io.haneul.core.auth.SdkSigning.sign;
import static io.haneul.core.auth.SdkSigning.verifierAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;

class PresignedUrlTest {

    private static SdkSigning.Signed presignS3(String path, Duration expires) {
        return sign(http(SdkHttpMethod.GET, "bucket.s3.us-east-1.amazonaws.com", path)
                        .putRawQueryParameter("response-content-type", "text/plain; charset=utf-8")
                        .putRawQueryParameter("x-id", "GetObject").build(),
                null, "s3", true, r -> r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    }

    @Test
    void validS3PresignedUrl() {
        var signed = presignS3("/photos/my%20photo%20%2B%20more.jpg", Duration.ofMinutes(10));
        assertTrue(signed.request().getUri().getRawQuery().contains("X-Amz-Signature="));
        SignedRequest req = signed.toSignedRequest(null);
        SigV4Identity id = verifierAt(SIGNED_AT.plus(Duration.ofMinutes(9))).verify(req);
        assertEquals(AKID, id.accessKeyId());
        assertTrue(id.presigned());
        assertEquals(PayloadMode.UNSIGNED, id.payloadMode());
        assertEquals("s3", AccessKeys.scope(req).orElseThrow().service());
    }

    @Test
    void expiredS3PresignedUrl() {
        SignedRequest req = presignS3("/photos/a.jpg", Duration.ofMinutes(10)).toSignedRequest(null);
        AuthException e = assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(11))).verify(req));
        assertEquals("AccessDenied", e.code());
        assertEquals("Request has expired", e.getMessage());
        assertEquals(403, e.status());
        assertEquals("600", e.details().get("X-Amz-Expires"));
    }

    @Test
    void presignedUrlFromTheFutureIsNotValidYet() {
        SignedRequest req = presignS3("/photos/a.jpg", Duration.ofMinutes(10)).toSignedRequest(null);
        AuthException e = assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT.minus(Duration.ofMinutes(20))).verify(req));
        assertEquals("AccessDenied", e.code());
        assertEquals("Request is not valid yet", e.getMessage());
    }

    @Test
    void tamperedPresignedQueryFails() {
        SignedRequest req = presignS3("/photos/a.jpg", Duration.ofMinutes(10)).toSignedRequest(null);
        var tampered = SignedRequest.builder().method("GET").rawPath(req.rawPath())
                .rawQuery(req.rawQuery().replace("X-Amz-Expires=600", "X-Amz-Expires=6000"))
                .headers(req.headers()).build();
        AuthException e = assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT).verify(tampered));
        assertEquals("SignatureDoesNotMatch", e.code());
        var otherKey = SignedRequest.builder().method("GET").rawPath("/photos/b.jpg").rawQuery(req.rawQuery())
                .headers(req.headers()).build();
        assertEquals("SignatureDoesNotMatch", assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT).verify(otherKey)).code());
    }

    @Test
    void malformedPresignedParameters() {
        SignedRequest req = presignS3("/photos/a.jpg", Duration.ofMinutes(10)).toSignedRequest(null);
        var noDate = SignedRequest.builder().method("GET").rawPath(req.rawPath())
                .rawQuery(req.rawQuery().replaceAll("X-Amz-Date=[^&]*&?", "")).headers(req.headers()).build();
        AuthException e = assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT).verify(noDate));
        assertEquals("AuthorizationQueryParametersError", e.code());
        assertEquals(400, e.status());
        var tooLong = SignedRequest.builder().method("GET").rawPath(req.rawPath())
                .rawQuery(req.rawQuery().replace("X-Amz-Expires=600", "X-Amz-Expires=604801")).headers(req.headers()).build();
        e = assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT).verify(tooLong));
        assertEquals("X-Amz-Expires must be less than a week (in seconds) that is 604800", e.getMessage());
    }

    @Test
    void aSecondSignatureAppendedToAPresignedUrlIsRefused() {
        SignedRequest req = presignS3("/photos/a.jpg", Duration.ofMinutes(10)).toSignedRequest(null);
        var doubled = SignedRequest.builder().method("GET").rawPath(req.rawPath())
                .rawQuery(req.rawQuery() + "&X-Amz-Signature=" + "0".repeat(64)).headers(req.headers()).build();
        AuthException e = assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT).verify(doubled));
        assertEquals("AuthorizationQueryParametersError", e.code());
        assertEquals("The query parameter X-Amz-Signature must appear only once.", e.getMessage());
        var doubledFirst = SignedRequest.builder().method("GET").rawPath(req.rawPath())
                .rawQuery("X-Amz-Signature=" + "0".repeat(64) + "&" + req.rawQuery()).headers(req.headers()).build();
        assertEquals("AuthorizationQueryParametersError",
                assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT).verify(doubledFirst)).code());
    }

    @Test
    void aPresignedUrlIsGoodOnlyForTheServiceItWasSignedFor() {
        SignedRequest req = presignS3("/photos/a.jpg", Duration.ofMinutes(10)).toSignedRequest(null);
        assertEquals("s3", verifierAt(SIGNED_AT).verify(req, new SigV4Verifier.Endpoint("s3", null)).service());
        AuthException e = assertThrows(AuthException.class,
                () -> verifierAt(SIGNED_AT).verify(req, new SigV4Verifier.Endpoint("sqs", null)));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals("Credential should be scoped to correct service: 'sqs'. ", e.getMessage());
    }

    @Test
    void presignedSqsUrlValidAndExpired() {
        var signed = sign(http(SdkHttpMethod.GET, "sqs.us-east-1.amazonaws.com", "/123456789012/queue")
                        .putRawQueryParameter("Action", "ReceiveMessage")
                        .putRawQueryParameter("MaxNumberOfMessages", "10").build(),
                new byte[0], "sqs", false, r -> r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION,
                                AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
        SignedRequest req = signed.toSignedRequest(new byte[0]);
        SigV4Identity id = verifierAt(SIGNED_AT.plus(Duration.ofMinutes(4))).verify(req);
        assertEquals("sqs", id.service());
        assertTrue(id.presigned());

        AuthException e = assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT.plus(Duration.ofMinutes(6))).verify(req));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(403, e.status());
        assertTrue(e.getMessage().startsWith("Signature expired: 20250101T120500Z is now earlier than 20250101T120600Z"),
                e.getMessage());
    }

    @Test
    void bothMechanismsAreRejectedByS3() {
        SignedRequest presigned = presignS3("/photos/a.jpg", Duration.ofMinutes(10)).toSignedRequest(null);
        var both = SignedRequest.builder().method("GET").rawPath(presigned.rawPath()).rawQuery(presigned.rawQuery())
                .headers(presigned.headers())
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + AKID + "/20250101/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host, Signature=00").build();
        assertEquals("InvalidArgument", assertThrows(AuthException.class, () -> verifierAt(SIGNED_AT).verify(both)).code());
    }
}
