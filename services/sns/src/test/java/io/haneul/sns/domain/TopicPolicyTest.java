package io.haneul.sns.domain;

import io.haneul.core.engine.RequestContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicPolicyTest {

    private static final String ARN = "arn:aws:sns:us-east-1:111111111111:t";
    private static final String OWNER = "111111111111";
    private static final String OTHER = "222222222222";
    private final TopicAccess access = new TopicAccess(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    private static RequestContext caller(String account) {
        return new RequestContext(account, "us-east-1", "req", "AKID", "localhost:4566", "http", Instant.now(), null, "192.0.2.10");
    }

    @Test
    void defaultPolicyAllowsOnlyTheOwner() {
        String p = TopicPolicy.defaultPolicy(ARN, OWNER);
        assertTrue(access.allows(p, ARN, OWNER, caller(OWNER), "Publish"));
        assertFalse(access.allows(p, ARN, OWNER, caller(OTHER), "Publish"));
        assertFalse(access.allows(null, ARN, OWNER, caller(OTHER), "Subscribe"));
    }

    @Test
    void permissionsAddAndRemove() {
        String p = TopicPolicy.addStatement(null, ARN, OWNER, "pub", List.of(OTHER), List.of("Publish"));
        assertTrue(access.allows(p, ARN, OWNER, caller(OTHER), "Publish"));
        assertFalse(access.allows(p, ARN, OWNER, caller(OTHER), "Subscribe"));
        assertThrows(SnsException.class, () -> TopicPolicy.addStatement(TopicPolicy.addStatement(null, ARN, OWNER, "x", List.of(OTHER),
                List.of("Publish")), ARN, OWNER, "x", List.of(OTHER), List.of("Publish")));
        String removed = TopicPolicy.removeStatement(p, ARN, OWNER, "pub");
        assertFalse(access.allows(removed, ARN, OWNER, caller(OTHER), "Publish"));
        assertThrows(SnsException.class, () -> TopicPolicy.removeStatement(removed, ARN, OWNER, "pub"));
    }

    @Test
    void wildcardsConditionsAndDeny() {
        String p = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sns:*\",\"Resource\":\"arn:aws:sns:*:111111111111:*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":[\"" + OTHER + "\"]}}},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},\"Action\":\"SNS:DeleteTopic\",\"Resource\":\"*\"}]}";
        assertTrue(access.allows(p, ARN, OWNER, caller(OTHER), "Publish"));
        assertFalse(access.allows(p, ARN, OWNER, caller("333333333333"), "Publish"));
        assertFalse(access.allows(p, ARN, OWNER, caller(OTHER), "DeleteTopic"));
        String service = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"SNS:Publish\","
                + "\"Resource\":\"" + ARN + "\",\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:s3:::my-*\"}}}]}";
        assertTrue(access.allowsDelivery(service, ARN, OWNER, OTHER, "arn:aws:s3:::my-bucket", "Publish"));
        assertFalse(access.allowsDelivery(service, ARN, OWNER, OTHER, "arn:aws:s3:::other", "Publish"));
        assertFalse(access.allows(service, ARN, OWNER, caller(OTHER), "Publish"), "a service statement grants accounts nothing");
        assertThrows(SnsException.class, () -> TopicPolicy.validate("{\"Version\":\"1\"}", ""));
    }

    @Test
    void principalAccountAndSourceIpConditionsAndAResourceElsewhere() {
        String p = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"SNS:Publish\",\"Resource\":\"" + ARN + "\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"" + OTHER + "\"},\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}]}";
        assertTrue(access.allows(p, ARN, OWNER, caller(OTHER), "Publish"));
        assertFalse(access.allows(p, ARN, OWNER, caller("333333333333"), "Publish"));
        assertFalse(access.allows(p, ARN + "2", OWNER, caller(OTHER), "Publish"), "the statement names another topic");
        String unknown = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"SNS:Publish\","
                + "\"Condition\":{\"StringMaybe\":{\"aws:PrincipalAccount\":\"" + OTHER + "\"}}}]}";
        assertFalse(access.allows(unknown, ARN, OWNER, caller(OTHER), "Publish"), "an unknown operator never grants");
    }
}
