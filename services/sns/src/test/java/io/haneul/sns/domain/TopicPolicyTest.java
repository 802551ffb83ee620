package io.haneul.sns.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicPolicyTest {

    private static final String ARN = "arn:aws:sns:us-east-1:111111111111:t";
    private static final String OWNER = "111111111111";
    private static final String OTHER = "222222222222";

    @Test
    void defaultPolicyAllowsOnlyTheOwner() {
        String p = TopicPolicy.defaultPolicy(ARN, OWNER);
        assertTrue(TopicPolicy.allows(p, ARN, OWNER, OWNER, "Publish"));
        assertFalse(TopicPolicy.allows(p, ARN, OWNER, OTHER, "Publish"));
        assertFalse(TopicPolicy.allows(null, ARN, OWNER, OTHER, "Subscribe"));
    }

    @Test
    void permissionsAddAndRemove() {
        String p = TopicPolicy.addStatement(null, ARN, OWNER, "pub", List.of(OTHER), List.of("Publish"));
        assertTrue(TopicPolicy.allows(p, ARN, OWNER, OTHER, "Publish"));
        assertFalse(TopicPolicy.allows(p, ARN, OWNER, OTHER, "Subscribe"));
        assertThrows(SnsException.class, () -> TopicPolicy.addStatement(TopicPolicy.addStatement(null, ARN, OWNER, "x", List.of(OTHER),
                List.of("Publish")), ARN, OWNER, "x", List.of(OTHER), List.of("Publish")));
        String removed = TopicPolicy.removeStatement(p, ARN, OWNER, "pub");
        assertFalse(TopicPolicy.allows(removed, ARN, OWNER, OTHER, "Publish"));
        assertThrows(SnsException.class, () -> TopicPolicy.removeStatement(removed, ARN, OWNER, "pub"));
    }

    @Test
    void wildcardsConditionsAndDeny() {
        String p = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sns:*\",\"Resource\":\"arn:aws:sns:*:111111111111:*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":[\"" + OTHER + "\"]}}},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},\"Action\":\"SNS:DeleteTopic\",\"Resource\":\"*\"}]}";
        assertTrue(TopicPolicy.allows(p, ARN, OWNER, OTHER, "Publish"));
        assertFalse(TopicPolicy.allows(p, ARN, OWNER, "333333333333", "Publish"));
        assertFalse(TopicPolicy.allows(p, ARN, OWNER, OTHER, "DeleteTopic"));
        String service = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"SNS:Publish\","
                + "\"Resource\":\"" + ARN + "\",\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:s3:::my-*\"}}}]}";
        assertTrue(TopicPolicy.allowsService(service, ARN, OWNER, OTHER, "arn:aws:s3:::my-bucket", "Publish"));
        assertFalse(TopicPolicy.allowsService(service, ARN, OWNER, OTHER, "arn:aws:s3:::other", "Publish"));
        assertFalse(TopicPolicy.allows(service, ARN, OWNER, OTHER, "Publish"), "a service statement grants accounts nothing");
        assertThrows(SnsException.class, () -> TopicPolicy.validate("{\"Version\":\"1\"}", ""));
    }
}
