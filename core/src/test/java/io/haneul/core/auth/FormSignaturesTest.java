package io.haneul.core.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Browser-form signatures with long-term and temporary keys: a temporary key's policy must come with
 * its session token in the form (none: InvalidAccessKeyId, another: InvalidToken), a long-term key's
 * needs none, and a key good for other services only is not accepted for a form.
 */
class FormSignaturesTest {

    private static final String POLICY = Base64.getEncoder().encodeToString(
            "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[]}".getBytes(StandardCharsets.UTF_8));
    private static final Credentials LONG_TERM = new Credentials("AKIAFORMTEST00000001", "longSecret", "111111111111");
    private static final Credentials TEMPORARY = new Credentials("ASIAFORMTEST00000001", "tempSecret", "222222222222", "the-token");
    private static final Credentials OTHER_SERVICE = new Credentials("ASIAFORMTEST00000002", "otherSecret", "333333333333", "other-token");

    private final FormSignatures signatures = new FormSignatures(new CredentialsStore() {
        @Override
        public java.util.Optional<Credentials> find(String key) {
            return CredentialsStore.of(LONG_TERM, TEMPORARY, OTHER_SERVICE).find(key);
        }

        @Override
        public java.util.Optional<Credentials> find(String key, String signingName) {
            return find(key).filter(c -> c != OTHER_SERVICE || signingName.equals("sqs"));
        }
    });

    private static String credential(Credentials c) {
        return c.accessKeyId() + "/20261208/us-east-1/s3/aws4_request";
    }

    private static String v4(Credentials c) {
        return SigV4.sign(SigV4.signingKey(c.secretAccessKey(), "20261208", "us-east-1", "s3"), POLICY);
    }

    private static String v2(Credentials c) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(c.secretAccessKey().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(POLICY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTemporaryKeyActsWithItsOwnTokenOnly() throws Exception {
        assertEquals("222222222222", signatures.verifyV4(credential(TEMPORARY), POLICY, v4(TEMPORARY), "the-token", null));
        assertEquals("222222222222", signatures.verifyV2(TEMPORARY.accessKeyId(), POLICY, v2(TEMPORARY), "the-token"));

        AuthException missing = assertThrows(AuthException.class,
                () -> signatures.verifyV4(credential(TEMPORARY), POLICY, v4(TEMPORARY), null, null));
        assertEquals("InvalidAccessKeyId", missing.code());
        assertEquals(403, missing.status());
        assertEquals(TEMPORARY.accessKeyId(), missing.details().get("AWSAccessKeyId"));
        assertEquals("InvalidAccessKeyId", assertThrows(AuthException.class,
                () -> signatures.verifyV2(TEMPORARY.accessKeyId(), POLICY, v2(TEMPORARY), null)).code());

        AuthException wrong = assertThrows(AuthException.class,
                () -> signatures.verifyV4(credential(TEMPORARY), POLICY, v4(TEMPORARY), "not-it", null));
        assertEquals("InvalidToken", wrong.code());
        assertEquals(400, wrong.status());
        assertEquals("InvalidToken", assertThrows(AuthException.class,
                () -> signatures.verifyV2(TEMPORARY.accessKeyId(), POLICY, v2(TEMPORARY), "not-it")).code());
    }

    @Test
    void aLongTermKeyNeedsNoTokenAndTheSignatureIsStillChecked() throws Exception {
        assertEquals("111111111111", signatures.verifyV4(credential(LONG_TERM), POLICY, v4(LONG_TERM), null, null));
        assertEquals("111111111111", signatures.verifyV2(LONG_TERM.accessKeyId(), POLICY, v2(LONG_TERM), null));
        assertEquals("SignatureDoesNotMatch", assertThrows(AuthException.class,
                () -> signatures.verifyV4(credential(TEMPORARY), POLICY, v4(LONG_TERM), "the-token", null)).code());
    }

    @Test
    void aKeyNotGoodForS3IsUnknownToForms() {
        assertEquals("InvalidAccessKeyId", assertThrows(AuthException.class,
                () -> signatures.verifyV4(credential(OTHER_SERVICE), POLICY, v4(OTHER_SERVICE), "other-token", null)).code());
    }

    @Test
    void anS3ExpressSessionsPolicyCarriesItsS3SessionToken() {
        String scope = TEMPORARY.accessKeyId() + "/20261208/us-east-1/s3express/aws4_request";
        String signature = SigV4.sign(SigV4.signingKey(TEMPORARY.secretAccessKey(), "20261208", "us-east-1", "s3express"), POLICY);
        assertEquals("222222222222", signatures.verifyV4(scope, POLICY, signature, null, "the-token"));
        assertEquals("InvalidToken", assertThrows(AuthException.class,
                () -> signatures.verifyV4(scope, POLICY, signature, "the-token", "not-it")).code());
        assertEquals("InvalidToken", assertThrows(AuthException.class,
                () -> signatures.verifyV4(credential(TEMPORARY), POLICY, v4(TEMPORARY), "not-it", "the-token")).code(),
                "the S3 Express field counts for an s3express scope only");
    }
}
