package io.haneul.core.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyDocumentTest {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:111111111111:jobs";
    private static final String TOPIC = "arn:aws:sns:us-east-1:111111111111:events";
    private static final PolicyPrincipal OTHER = PolicyPrincipal.account("222222222222");

    private static String policy(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    private static String allow(String principal, String action, String resource, String condition) {
        return "{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\""
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    private static Decision decide(String policy, PolicyPrincipal who, String action, String resource, ContextKeys keys) {
        return PolicyDocument.parse(policy).evaluate(new AccessRequest(who, action, resource, keys));
    }

    private static ContextKeys keys(String... pairs) {
        ContextKeys.Builder b = ContextKeys.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.put(pairs[i], pairs[i + 1]);
        }
        return b.build();
    }

    private static boolean holds(String condition, ContextKeys keys) {
        return decide(policy(allow("\"*\"", "sqs:SendMessage", QUEUE, condition)), OTHER, "sqs:SendMessage", QUEUE, keys).allowed();
    }

    @Test
    void theSnsToSqsPatternGrantsOnlyTheNamedTopic() {
        String p = policy(allow("\"*\"", "sqs:SendMessage", QUEUE, "{\"ArnEquals\":{\"aws:SourceArn\":\"" + TOPIC + "\"}}"));
        assertEquals(Decision.NOT_GRANTED, decide(p, OTHER, "sqs:SendMessage", QUEUE, keys()));
        assertEquals(Decision.ALLOW, decide(p, PolicyPrincipal.serviceOf(TOPIC), "sqs:SendMessage", QUEUE,
                keys("aws:SourceArn", TOPIC)));
        assertEquals(Decision.NOT_GRANTED, decide(p, PolicyPrincipal.serviceOf(TOPIC), "sqs:SendMessage", QUEUE,
                keys("aws:SourceArn", TOPIC + "-other")));
    }

    @Test
    void explicitDenyWinsAndDefaultIsNotGranted() {
        String allowAll = allow("\"*\"", "sqs:*", "*", null);
        String deny = "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"222222222222\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}";
        assertEquals(Decision.DENY, decide(policy(allowAll + "," + deny), OTHER, "sqs:SendMessage", QUEUE, keys()));
        assertEquals(Decision.ALLOW, decide(policy(allowAll + "," + deny), OTHER, "sqs:ReceiveMessage", QUEUE, keys()));
        assertEquals(Decision.NOT_GRANTED, decide(policy(deny), OTHER, "sqs:ReceiveMessage", QUEUE, keys()));
    }

    @Test
    void principalsByAccountArnServiceAndNotPrincipal() {
        String byRoot = policy(allow("{\"AWS\":\"arn:aws:iam::222222222222:root\"}", "sqs:SendMessage", QUEUE, null));
        assertTrue(decide(byRoot, OTHER, "sqs:SendMessage", QUEUE, keys()).allowed());
        assertFalse(decide(byRoot, PolicyPrincipal.account("333333333333"), "sqs:SendMessage", QUEUE, keys()).allowed());
        assertFalse(decide(byRoot, PolicyPrincipal.anonymous(), "sqs:SendMessage", QUEUE, keys()).allowed());
        String byUser = policy(allow("{\"AWS\":[\"arn:aws:iam::222222222222:user/bob\"]}", "sqs:SendMessage", QUEUE, null));
        assertFalse(decide(byUser, OTHER, "sqs:SendMessage", QUEUE, keys()).allowed(), "a user ARN is not the whole account");
        String bySns = policy(allow("{\"Service\":\"sns.amazonaws.com\"}", "sqs:SendMessage", QUEUE, null));
        assertTrue(decide(bySns, PolicyPrincipal.serviceOf(TOPIC), "sqs:SendMessage", QUEUE, keys()).allowed());
        assertFalse(decide(bySns, OTHER, "sqs:SendMessage", QUEUE, keys()).allowed());
        assertFalse(decide(bySns, PolicyPrincipal.service("s3.amazonaws.com"), "sqs:SendMessage", QUEUE, keys()).allowed());
        String awsStar = policy(allow("{\"AWS\":\"*\"}", "s3:GetObject", "*", null));
        assertTrue(decide(awsStar, PolicyPrincipal.anonymous(), "s3:GetObject", "arn:aws:s3:::b/k", keys()).allowed());
        String notPrincipal = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"222222222222\"},\"Action\":\"sqs:*\",\"Resource\":\"*\"}");
        assertEquals(Decision.ALLOW, decide(notPrincipal, OTHER, "sqs:SendMessage", QUEUE, keys()));
        assertEquals(Decision.DENY, decide(notPrincipal, PolicyPrincipal.account("333333333333"), "sqs:SendMessage", QUEUE, keys()));
    }

    @Test
    void actionsMatchCaseInsensitivelyWithWildcardsAndNotAction() {
        String p = policy(allow("\"*\"", "SQS:send*", QUEUE, null));
        assertTrue(decide(p, OTHER, "sqs:SendMessage", QUEUE, keys()).allowed());
        assertTrue(decide(p, OTHER, "sqs:SendMessageBatch", QUEUE, keys()).allowed());
        assertFalse(decide(p, OTHER, "sqs:DeleteQueue", QUEUE, keys()).allowed());
        assertFalse(decide(p, OTHER, "sns:SendMessage", QUEUE, keys()).allowed());
        String q = policy(allow("\"*\"", "sqs:?etQueueUrl", QUEUE, null));
        assertTrue(decide(q, OTHER, "sqs:GetQueueUrl", QUEUE, keys()).allowed());
        String notAction = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"sqs:Delete*\",\"Resource\":\"*\"}");
        assertTrue(decide(notAction, OTHER, "sqs:SendMessage", QUEUE, keys()).allowed());
        assertFalse(decide(notAction, OTHER, "sqs:DeleteQueue", QUEUE, keys()).allowed());
    }

    @Test
    void resourcesMatchWithWildcardsAndNotResource() {
        String other = policy(allow("\"*\"", "sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:other", null));
        assertFalse(decide(other, OTHER, "sqs:SendMessage", QUEUE, keys()).allowed());
        String star = policy(allow("\"*\"", "sqs:SendMessage", "arn:aws:sqs:*:111111111111:jo?s", null));
        assertTrue(decide(star, OTHER, "sqs:SendMessage", QUEUE, keys()).allowed());
        assertFalse(decide(star, OTHER, "sqs:SendMessage", QUEUE + "2", keys()).allowed());
        String bucket = policy(allow("\"*\"", "s3:GetObject", "arn:aws:s3:::site/public/*", null));
        assertTrue(decide(bucket, OTHER, "s3:GetObject", "arn:aws:s3:::site/public/a/b.html", keys()).allowed());
        assertFalse(decide(bucket, OTHER, "s3:GetObject", "arn:aws:s3:::site/private/a", keys()).allowed());
        String notResource = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"NotResource\":\"arn:aws:s3:::site/private/*\"}");
        assertTrue(decide(notResource, OTHER, "s3:GetObject", "arn:aws:s3:::site/index.html", keys()).allowed());
        assertFalse(decide(notResource, OTHER, "s3:GetObject", "arn:aws:s3:::site/private/x", keys()).allowed());
    }

    @Test
    void stringOperators() {
        ContextKeys k = keys("aws:SourceAccount", "222222222222", "s3:prefix", "Home/Bob/");
        assertTrue(holds("{\"StringEquals\":{\"aws:SourceAccount\":[\"333333333333\",\"222222222222\"]}}", k), "values are OR");
        assertFalse(holds("{\"StringEquals\":{\"s3:prefix\":\"home/bob/\"}}", k));
        assertTrue(holds("{\"StringEqualsIgnoreCase\":{\"s3:prefix\":\"home/bob/\"}}", k));
        assertTrue(holds("{\"StringNotEquals\":{\"aws:SourceAccount\":\"333333333333\"}}", k));
        assertFalse(holds("{\"StringNotEquals\":{\"aws:SourceAccount\":[\"333333333333\",\"222222222222\"]}}", k), "negated values are NOR");
        assertFalse(holds("{\"StringNotEqualsIgnoreCase\":{\"s3:prefix\":\"HOME/BOB/\"}}", k));
        assertTrue(holds("{\"StringLike\":{\"s3:prefix\":\"Home/*\"}}", k));
        assertFalse(holds("{\"StringLike\":{\"s3:prefix\":\"home/*\"}}", k));
        assertTrue(holds("{\"StringNotLike\":{\"s3:prefix\":\"Work/*\"}}", k));
        assertTrue(holds("{\"stringequals\":{\"AWS:SOURCEACCOUNT\":\"222222222222\"}}", k), "keys and operators are case-insensitive");
        assertTrue(holds("{\"StringEquals\":{\"aws:SourceAccount\":\"222222222222\"},\"StringLike\":{\"s3:prefix\":\"Home/*\"}}", k));
        assertFalse(holds("{\"StringEquals\":{\"aws:SourceAccount\":\"222222222222\"},\"StringLike\":{\"s3:prefix\":\"Work/*\"}}", k),
                "operators are AND");
        assertFalse(holds("{\"StringEquals\":{\"aws:SourceAccount\":\"222222222222\",\"s3:prefix\":\"x\"}}", k), "keys are AND");
    }

    @Test
    void arnOperators() {
        ContextKeys k = keys("aws:SourceArn", TOPIC);
        assertTrue(holds("{\"ArnEquals\":{\"aws:SourceArn\":\"" + TOPIC + "\"}}", k));
        assertTrue(holds("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:111111111111:*\"}}", k));
        assertFalse(holds("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:222222222222:*\"}}", k));
        assertFalse(holds("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:*:111111111111:events\"}}", k), "a wildcard stays in its component");
        assertTrue(holds("{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:111111111111:other\"}}", k));
        assertFalse(holds("{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:sns:*\"}}", k));
    }

    @Test
    void numericDateAndBoolOperators() {
        ContextKeys k = keys("s3:max-keys", "10", "aws:SecureTransport", "false");
        assertTrue(holds("{\"NumericEquals\":{\"s3:max-keys\":\"10.0\"}}", k));
        assertTrue(holds("{\"NumericNotEquals\":{\"s3:max-keys\":\"11\"}}", k));
        assertTrue(holds("{\"NumericLessThan\":{\"s3:max-keys\":\"11\"}}", k));
        assertFalse(holds("{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}", k));
        assertTrue(holds("{\"NumericLessThanEquals\":{\"s3:max-keys\":10}}", k));
        assertFalse(holds("{\"NumericGreaterThan\":{\"s3:max-keys\":\"10\"}}", k));
        assertTrue(holds("{\"NumericGreaterThanEquals\":{\"s3:max-keys\":\"10\"}}", k));
        ContextKeys now = ContextKeys.builder().time(Instant.parse("2026-06-01T12:00:00Z")).build();
        assertTrue(holds("{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-12-31T23:59:59Z\"}}", now));
        assertFalse(holds("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-12-31\"}}", now));
        assertTrue(holds("{\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"2026-06-01T12:00:00Z\"}}", now));
        assertTrue(holds("{\"DateLessThanEquals\":{\"aws:EpochTime\":\"1780315200\"}}", now));
        assertTrue(holds("{\"DateEquals\":{\"aws:CurrentTime\":\"2026-06-01T14:00:00+02:00\"}}", now));
        assertTrue(holds("{\"DateNotEquals\":{\"aws:CurrentTime\":\"2026-06-02\"}}", now));
        assertTrue(holds("{\"Bool\":{\"aws:SecureTransport\":false}}", k));
        assertFalse(holds("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", k));
    }

    @Test
    void ipAddressOperatorsForIpv4AndIpv6() {
        ContextKeys v4 = keys("aws:SourceIp", "203.0.113.7");
        ContextKeys v6 = keys("aws:SourceIp", "2001:db8:0:12::1");
        assertTrue(holds("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", v4));
        assertFalse(holds("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.112.0/24\"}}", v4));
        assertTrue(holds("{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"203.0.113.7\"]}}", v4));
        assertTrue(holds("{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", v4));
        assertTrue(holds("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}", v6));
        assertFalse(holds("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db9::/32\"}}", v6));
        assertFalse(holds("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}", v4));
        assertTrue(holds("{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}", v4));
    }

    @Test
    void missingKeysIfExistsAndNull() {
        ContextKeys none = keys();
        assertFalse(holds("{\"StringEquals\":{\"aws:SourceAccount\":\"222222222222\"}}", none));
        assertTrue(holds("{\"StringNotEquals\":{\"aws:SourceAccount\":\"222222222222\"}}", none), "a negated operator holds on a missing key");
        assertTrue(holds("{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", none));
        assertTrue(holds("{\"StringEqualsIfExists\":{\"aws:SourceAccount\":\"222222222222\"}}", none));
        assertTrue(holds("{\"ArnLikeIfExists\":{\"aws:SourceArn\":\"arn:aws:sns:*\"}}", none));
        assertFalse(holds("{\"ArnLikeIfExists\":{\"aws:SourceArn\":\"arn:aws:s3:*\"}}", keys("aws:SourceArn", TOPIC)));
        assertTrue(holds("{\"Null\":{\"aws:SourceArn\":\"true\"}}", none));
        assertFalse(holds("{\"Null\":{\"aws:SourceArn\":\"false\"}}", none));
        assertTrue(holds("{\"Null\":{\"aws:SourceArn\":\"false\"}}", keys("aws:SourceArn", TOPIC)));
    }

    @Test
    void setQualifiers() {
        ContextKeys tags = ContextKeys.builder().putAll("aws:TagKeys", List.of("env", "team")).build();
        assertTrue(holds("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"env\",\"team\",\"cost\"]}}", tags));
        assertFalse(holds("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"env\"]}}", tags));
        assertTrue(holds("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"env\"]}}", keys()), "ForAllValues holds with no values");
        assertTrue(holds("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}", tags));
        assertFalse(holds("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"cost\"]}}", tags));
        assertFalse(holds("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}", keys()));
        assertTrue(holds("{\"ForAnyValue:StringLikeIfExists\":{\"aws:TagKeys\":[\"t*\"]}}", keys()));
        assertFalse(holds("{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":[\"team\"]}}", tags));
        assertTrue(holds("{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":[\"team\"]}}", tags));
    }

    @Test
    void anUnknownOperatorNeverGrantsAndStillDenies() {
        String unknownAllow = policy(allow("\"*\"", "sqs:SendMessage", QUEUE, "{\"StringSoundsLike\":{\"aws:SourceAccount\":\"x\"}}"));
        assertEquals(Decision.NOT_GRANTED, decide(unknownAllow, OTHER, "sqs:SendMessage", QUEUE, keys("aws:SourceAccount", "x")));
        String badValue = policy(allow("\"*\"", "sqs:SendMessage", QUEUE, "{\"DateLessThan\":{\"aws:CurrentTime\":\"tomorrow\"}}"));
        assertEquals(Decision.NOT_GRANTED, decide(badValue, OTHER, "sqs:SendMessage", QUEUE, ContextKeys.builder().time(Instant.EPOCH).build()));
        assertFalse(holds("{\"IpAddress\":{\"aws:SourceIp\":\"localhost\"}}", keys("aws:SourceIp", "127.0.0.1")), "no name lookups");
        assertFalse(holds("{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}", keys("aws:SourceIp", "127.0.0.1")));
        assertFalse(holds("{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}", keys("aws:SecureTransport", "yes")));
        assertFalse(holds("{\"NullIfExists\":{\"aws:SourceArn\":\"true\"}}", keys()));
        String unknownDeny = policy(allow("\"*\"", "sqs:*", "*", null) + ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sqs:*\","
                + "\"Resource\":\"*\",\"Condition\":{\"BinaryEquals\":{\"aws:SourceAccount\":\"eA==\"}}}");
        assertEquals(Decision.DENY, decide(unknownDeny, OTHER, "sqs:SendMessage", QUEUE, keys()));
    }

    @Test
    void malformedDocumentsAreRefused() {
        assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parse("not json"));
        assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parse("{\"Version\":\"2012-10-17\"}"));
        assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parse(policy("{\"Effect\":\"Maybe\",\"Action\":\"*\"}")));
        assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parse(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\"}")));
        // a misspelt or repeated element, an empty operator block, or both forms of an element: the
        // conditions must never be dropped silently, so the document is refused (and grants nothing)
        String conditioned = "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"";
        for (String statement : java.util.List.of(
                "{" + conditioned + ",\"condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:1:t\"}}}",
                "{" + conditioned + ",\"Condition\":{\"ArnEquals\":{}}}",
                "{" + conditioned + ",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"x\"}},\"Condition\":{}}",
                "{" + conditioned + ",\"NotAction\":\"sqs:DeleteMessage\"}")) {
            assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parse(policy(statement)), statement);
        }
        assertThrows(MalformedPolicyException.class,
                () -> PolicyDocument.parse("{\"Statement\":[],\"Statment\":[{" + conditioned + "}]}"));
        PolicyCache cache = new PolicyCache(4);
        assertEquals(Decision.NOT_GRANTED, cache.evaluate(policy("{" + conditioned + ",\"condition\":{}}"),
                new AccessRequest(OTHER, "sqs:SendMessage", QUEUE, keys())));
        assertEquals(Decision.NOT_GRANTED, cache.evaluate("not json", new AccessRequest(OTHER, "sqs:SendMessage", QUEUE, keys())));
        assertTrue(cache.get(policy(allow("\"*\"", "s3:GetObject", "*", null))).orElseThrow().grantsEveryoneUnconditionally());
    }
}
