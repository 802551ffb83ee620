package io.haneul.s3.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PostPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    static PostPolicy policy(String json) {
        return PostPolicy.parse(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    static final PostPolicy UPLOADS = policy("""
            {"expiration": "2026-11-27T13:00:00Z", "conditions": [
              {"bucket": "b"}, ["starts-with", "$key", "user/"], ["eq", "$Content-Type", "image/png"],
              ["content-length-range", 10, 2048], ["starts-with", "$x-amz-meta-tag", ""]]}""");

    static S3Exception refusal(Map<String, String> fields, Instant now) {
        return assertThrows(S3Exception.class, () -> UPLOADS.check(fields, now));
    }

    @Test
    void aFormThatMeetsEveryConditionPasses() {
        UPLOADS.check(Map.of("bucket", "b", "key", "user/a.png", "content-type", "image/png", "X-Amz-Meta-Tag", "anything",
                "policy", "p", "x-amz-signature", "s", "x-ignore-me", "1"), NOW);
        assertEquals(10, UPLOADS.minLength());
        assertEquals(2048, UPLOADS.maxLength());
    }

    @Test
    void failuresNameWhatFailed() {
        Map<String, String> ok = Map.of("bucket", "b", "key", "user/a.png", "Content-Type", "image/png");
        assertTrue(refusal(ok, Instant.parse("2026-11-27T13:00:00Z")).getMessage().contains("Policy expired"));
        assertTrue(refusal(Map.of("bucket", "b", "key", "other/a.png", "Content-Type", "image/png"), NOW).getMessage()
                .contains("[\"starts-with\", \"$key\", \"user/\"]"));
        assertTrue(refusal(Map.of("bucket", "b", "key", "user/a", "Content-Type", "image/png", "acl", "public-read"), NOW)
                .getMessage().endsWith("Extra input fields: acl"));
        assertEquals(S3Error.AccessDenied, refusal(Map.of("bucket", "c", "key", "user/a", "Content-Type", "image/png"), NOW).error());
    }

    @Test
    void malformedPoliciesAreInvalidDocuments() {
        for (String bad : new String[]{"not json", "{\"conditions\": []}", "{\"expiration\": \"soon\", \"conditions\": []}",
                "{\"expiration\": \"2026-11-27T13:00:00Z\"}", "{\"expiration\": \"2026-11-27T13:00:00Z\", \"conditions\": [[\"gt\", \"$a\", \"1\"]]}"}) {
            assertEquals(S3Error.InvalidPolicyDocument, assertThrows(S3Exception.class, () -> policy(bad)).error(), bad);
        }
    }
}
