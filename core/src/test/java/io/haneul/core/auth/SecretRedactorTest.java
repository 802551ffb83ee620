package io.haneul.core.auth;

import static io.haneul.core.auth.SdkSigning.SIGNED_AT;
import static io.haneul.core.auth.SdkSigning.http;
import static io.haneul.core.auth.SdkSigning.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;

class SecretRedactorTest {

    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENvalue+/=";

    @Test
    void headerSignedRequestLogHasNoSignatureOrToken() {
        var signed = sign(http(SdkHttpMethod.POST, "sqs.us-east-1.amazonaws.com", "/")
                .putHeader("X-Amz-Security-Token", TOKEN)
                .putHeader("x-amz-server-side-encryption-customer-key", "c2VjcmV0a2V5").build(), "{}".getBytes(), "sqs", false);
        SignedRequest req = signed.toSignedRequest();
        String signature = signatureOf(signed.header("Authorization"));
        String log = SecretRedactor.request(req);
        assertFalse(log.contains(signature), log);
        assertFalse(log.contains(TOKEN), log);
        assertFalse(log.contains("c2VjcmV0a2V5"), log);
        assertFalse(log.contains(SdkSigning.SECRET), log);
        assertTrue(log.contains("Credential=AKIDEXAMPLE/20250101/us-east-1/sqs/aws4_request"), log);
        assertTrue(log.contains("Signature=****"), log);
        assertFalse(req.toString().contains(signature));
        assertFalse(req.toString().contains(TOKEN));
    }

    @Test
    void presignedQueryLogHasNoSignatureOrToken() {
        var signed = sign(http(SdkHttpMethod.GET, "bucket.s3.amazonaws.com", "/k")
                        .putRawQueryParameter("X-Amz-Security-Token", TOKEN).build(), null, "s3", true,
                r -> r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(1)));
        String rawQuery = signed.request().getUri().getRawQuery();
        Matcher m = Pattern.compile("X-Amz-Signature=([0-9a-f]{64})").matcher(rawQuery);
        assertTrue(m.find(), rawQuery);
        String redacted = SecretRedactor.query(rawQuery);
        assertFalse(redacted.contains(m.group(1)), redacted);
        assertFalse(redacted.contains(java.net.URLEncoder.encode(TOKEN, java.nio.charset.StandardCharsets.UTF_8)), redacted);
        assertTrue(redacted.contains("X-Amz-Signature=****"));
        assertTrue(redacted.contains("X-Amz-Credential=AKIDEXAMPLE"));
    }

    @Test
    void otherSchemesAndFormBodies() {
        assertEquals("AWS AKID:****", SecretRedactor.authorization("AWS AKID:frJIUN8DYpKDtOLCwo//yllqDzg="));
        assertEquals("Bearer ****", SecretRedactor.authorization("Bearer eyJhbGciOi"));
        assertEquals("Action=AssumeRole&SecretAccessKey=****&Password=****&NextToken=abc",
                SecretRedactor.query("Action=AssumeRole&SecretAccessKey=abc%2Fdef&Password=hunter2&NextToken=abc"));
        assertEquals("Cookie: ****; Host: h", SecretRedactor.headers(
                new java.util.TreeMap<>(java.util.Map.of("Cookie", List.of("session=1"), "Host", List.of("h")))));
    }

    @Test
    void authErrorsCarryNoSignature() {
        var signed = sign(http(SdkHttpMethod.POST, "sqs.us-east-1.amazonaws.com", "/")
                .putHeader("X-Amz-Security-Token", TOKEN).build(), "{}".getBytes(), "sqs", false);
        String auth = signed.header("Authorization");
        String signature = signatureOf(auth);
        var req = signed.builder().payload("{ }".getBytes()).build();
        var store = CredentialsStore.of(new Credentials(SdkSigning.AKID, SdkSigning.SECRET, SdkSigning.ACCOUNT, TOKEN));
        AuthException e = assertThrows(AuthException.class,
                () -> new SigV4Verifier(store, SdkSigning.clockAt(SIGNED_AT)).verify(req));
        assertEquals("SignatureDoesNotMatch", e.code());
        String all = e.getMessage() + e.details();
        assertFalse(all.contains(signature), all);
        assertFalse(all.contains(TOKEN), all);

        var broken = SignedRequest.builder().method("GET").rawPath("/").header("Host", "h")
                .header("Authorization", auth.replace("SignedHeaders=", "SignedHeaders ")).build();
        e = assertThrows(AuthException.class, () -> new SigV4Verifier(store, SdkSigning.clockAt(SIGNED_AT)).verify(broken));
        assertEquals("IncompleteSignature", e.code());
        assertFalse(e.getMessage().contains(signature), e.getMessage());
    }

    private static String signatureOf(String authorization) {
        Matcher m = Pattern.compile("Signature=([0-9a-f]{64})").matcher(authorization);
        assertTrue(m.find());
        return m.group(1);
    }
}
