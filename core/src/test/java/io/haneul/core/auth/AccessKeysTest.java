package io.haneul.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessKeysTest {

    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-2/sqs/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=" + "ab".repeat(32);

    @Test
    void scopeFromAuthorizationHeader() {
        CredentialScope s = AccessKeys.fromAuthorizationHeader(AUTH).orElseThrow();
        assertEquals(new CredentialScope("AKIDEXAMPLE", "20250101", "eu-west-2", "sqs", false), s);
        assertEquals("20250101/eu-west-2/sqs/aws4_request", s.scope());
        assertEquals(Optional.of("AKIDEXAMPLE"), AccessKeys.accessKeyId(request(AUTH, "")));
        // no spaces after commas is valid too
        assertEquals("sqs", AccessKeys.fromAuthorizationHeader(AUTH.replace(", ", ",")).orElseThrow().service());
    }

    @Test
    void scopeFromPresignedQuery() {
        SignedRequest r = request(null, "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=123456789012%2F20250101%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Signature=00");
        CredentialScope s = AccessKeys.scope(r).orElseThrow();
        assertEquals("123456789012", s.accessKeyId());
        assertEquals("s3", s.service());
        assertEquals("us-east-1", s.region());
        assertTrue(s.presigned());
        assertTrue(AccessKeys.isSigned(r));
        assertEquals("123456789012", AccessKeys.permissiveAccountId(r));
    }

    @Test
    void malformedOrMissingCredentialYieldsNothing() {
        assertTrue(AccessKeys.fromAuthorizationHeader("AWS4-HMAC-SHA256 Credential=AKID/20250101/sqs/aws4_request").isEmpty());
        assertTrue(AccessKeys.fromAuthorizationHeader("Bearer x").isEmpty());
        assertTrue(AccessKeys.fromCredentialParameter("AKID/20250101/us-east-1/sqs/aws5_request").isEmpty());
        SignedRequest unsigned = request(null, "Action=ListQueues");
        assertTrue(AccessKeys.scope(unsigned).isEmpty());
        assertFalse(AccessKeys.isSigned(unsigned));
        assertEquals(AccessKeys.DEFAULT_ACCOUNT_ID, AccessKeys.permissiveAccountId(unsigned));
    }

    @Test
    void permissiveAccountMapping() {
        assertEquals("111122223333", AccessKeys.permissiveAccountId("111122223333"));
        assertEquals("000000000000", AccessKeys.permissiveAccountId("AKIAIOSFODNN7EXAMPLE"));
        assertEquals("000000000000", AccessKeys.permissiveAccountId("1111222233334"));
        assertEquals("000000000000", AccessKeys.permissiveAccountId((String) null));
        assertEquals("000000000000", AccessKeys.permissiveAccountId(request(AUTH, "")));
    }

    private static SignedRequest request(String authorization, String query) {
        SignedRequest.Builder b = SignedRequest.builder().method("GET").rawPath("/").rawQuery(query).header("Host", "localhost");
        if (authorization != null) {
            b.header("authorization", authorization);
        }
        return b.build();
    }
}
