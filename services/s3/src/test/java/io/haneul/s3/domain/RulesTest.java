package io.haneul.s3.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Bucket names, tags, CORS rules and notification filters. */
class RulesTest {

    @Test
    void bucketNames() {
        for (String ok : List.of("abc", "my-bucket", "my.bucket.1", "a".repeat(63))) {
            assertTrue(BucketNames.isValid(ok), ok);
        }
        for (String bad : List.of("ab", "a".repeat(64), "Upper", "under_score", "-dash", "dash-", "a..b", "192.168.1.1", "xn--abc",
                "a-.b", "x-s3alias".replace("x", "b") + "", "bucket-s3alias")) {
            assertFalse(BucketNames.isValid(bad), bad);
        }
        assertEquals(S3Error.InvalidBucketName, assertThrows(S3Exception.class, () -> BucketNames.check("A")).error());
    }

    @Test
    void tags() {
        assertEquals(Map.of("a", "1", "b", "two words"), Tags.fromHeader("a=1&b=two%20words"));
        assertEquals(Map.of(), Tags.fromHeader(null));
        List<Tags.Tag> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(new Tags.Tag("k" + i, "v"));
        }
        assertEquals(S3Error.BadRequest, assertThrows(S3Exception.class, () -> Tags.check(eleven, 10, true)).error());
        assertEquals(11, Tags.check(eleven, 50, false).size());
        assertEquals(S3Error.InvalidTag, assertThrows(S3Exception.class,
                () -> Tags.check(List.of(new Tags.Tag("a", "1"), new Tags.Tag("a", "2")), 10, true)).error());
        assertEquals(S3Error.InvalidTag, assertThrows(S3Exception.class, () -> Tags.check(List.of(new Tags.Tag("aws:x", "1")), 10, true))
                .error());
        assertEquals(S3Error.InvalidTag, assertThrows(S3Exception.class, () -> Tags.check(List.of(new Tags.Tag("", "1")), 10, true))
                .error());
        assertEquals(S3Error.InvalidTag, assertThrows(S3Exception.class,
                () -> Tags.check(List.of(new Tags.Tag("k", "v".repeat(257))), 10, true)).error());
    }

    @Test
    void corsRules() {
        CorsRule rule = new CorsRule(null, List.of("https://*.example.com"), List.of("GET", "PUT"), List.of("x-amz-*", "Content-Type"),
                List.of("ETag"), 300);
        rule.check();
        assertTrue(rule.allows("https://app.example.com", "GET", List.of("content-type", "x-amz-meta-a")));
        assertFalse(rule.allows("https://app.example.org", "GET", List.of()));
        assertFalse(rule.allows("https://app.example.com", "DELETE", List.of()));
        assertFalse(rule.allows("https://app.example.com", "PUT", List.of("authorization")));
        assertFalse(rule.anyOrigin());
        assertThrows(S3Exception.class, () -> new CorsRule(null, List.of("*"), List.of("PATCH"), null, null, null).check());
        assertThrows(S3Exception.class, () -> new CorsRule(null, List.of("*.*.com"), List.of("GET"), null, null, null).check());
        assertTrue(new CorsRule(null, List.of("*"), List.of("GET"), null, null, null).allows("http://x", "GET", List.of()));
    }

    @Test
    void notificationFilters() {
        NotificationRule rule = new NotificationRule("id", "queue", "arn", List.of("s3:ObjectCreated:*"), "in/", ".txt");
        rule.check();
        assertTrue(rule.matches("ObjectCreated:Put", "in/a.txt"));
        assertTrue(rule.matches("ObjectCreated:CompleteMultipartUpload", "in/b.txt"));
        assertFalse(rule.matches("ObjectRemoved:Delete", "in/a.txt"));
        assertFalse(rule.matches("ObjectCreated:Put", "out/a.txt"));
        assertFalse(rule.matches("ObjectCreated:Put", "in/a.png"));
        NotificationRule exact = new NotificationRule("id", "topic", "arn", List.of("s3:ObjectRemoved:DeleteMarkerCreated"), null, null);
        assertTrue(exact.matches("ObjectRemoved:DeleteMarkerCreated", "k"));
        assertFalse(exact.matches("ObjectRemoved:Delete", "k"));
        assertThrows(S3Exception.class, () -> new NotificationRule("i", "queue", "a", List.of("s3:Nope"), null, null).check());
    }
}
