package io.haneul.sqs;

import io.haneul.core.engine.RequestContext;
import io.haneul.sqs.store.QueueRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueuePoliciesTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:222222222222:topic";
    private final QueuePolicies policies = new QueuePolicies(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    private static QueueRecord queueWithPolicy(String policy) {
        return new QueueRecord(1, "111111111111", "us-east-1", "q", false, Map.of("Policy", policy), Map.of(), 0, 0, 0);
    }

    private static RequestContext caller(String account, String scheme, String ip) {
        return new RequestContext(account, "us-east-1", "req", "AKID", "localhost:4566", scheme, Instant.now(), null, ip);
    }

    @Test
    void servicePrincipalWithSourceArnConditionAllowsThatSourceOnly() {
        QueueRecord q = queueWithPolicy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                "Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111111111111:q",
                "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:222222222222:topic"}}}]}""");
        assertTrue(policies.allowsDelivery(q, "222222222222", TOPIC, "SendMessage"));
        assertFalse(policies.allowsDelivery(q, "222222222222", "arn:aws:sns:us-east-1:222222222222:other", "SendMessage"));
        assertFalse(policies.allows(q, caller("222222222222", "http", null), "SendMessage"));
    }

    @Test
    void everyoneConditionedOnTheTopicGrantsNoAccountDirectly() {
        QueueRecord q = queueWithPolicy("""
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111111111111:q",
                "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:222222222222:topic"}}}]}""");
        assertFalse(policies.allows(q, caller("333333333333", "http", null), "SendMessage"));
        assertTrue(policies.allowsDelivery(q, "222222222222", TOPIC, "SendMessage"));
    }

    @Test
    void accountPrincipalAllowsThatAccountOnItsResourceOnly() {
        QueueRecord q = queueWithPolicy("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"SQS:SendMessage"}]}""");
        assertTrue(policies.allows(q, caller("222222222222", "http", null), "SendMessage"));
        assertFalse(policies.allows(q, caller("333333333333", "http", null), "SendMessage"));
        assertFalse(policies.allows(q, caller("222222222222", "http", null), "DeleteQueue"));
        QueueRecord elsewhere = queueWithPolicy("""
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"arn:aws:sqs:us-east-1:111111111111:other"}]}""");
        assertFalse(policies.allows(elsewhere, caller("222222222222", "http", null), "SendMessage"));
    }

    @Test
    void batchOperationsAreJudgedAsTheActionsTheyBatch() {
        QueueRecord q = queueWithPolicy("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":["sqs:SendMessage","sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility"]},{"Effect":"Deny","Principal":"*","Action":"sqs:DeleteMessage"}]}""");
        assertTrue(policies.allows(q, caller("222222222222", "http", null), "SendMessageBatch"));
        assertTrue(policies.allows(q, caller("222222222222", "http", null), "ChangeMessageVisibilityBatch"));
        assertFalse(policies.allows(q, caller("222222222222", "http", null), "DeleteMessageBatch"), "the Deny of DeleteMessage");
    }

    @Test
    void transportAndSourceIpConditionsUseTheRequest() {
        QueueRecord q = queueWithPolicy("""
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Condition":{"IpAddress":{"aws:SourceIp":"10.1.0.0/16"}}},
                {"Effect":"Deny","Principal":"*","Action":"sqs:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""");
        assertTrue(policies.allows(q, caller("222222222222", "https", "10.1.2.3"), "SendMessage"));
        assertFalse(policies.allows(q, caller("222222222222", "http", "10.1.2.3"), "SendMessage"));
        assertFalse(policies.allows(q, caller("222222222222", "https", "10.2.0.1"), "SendMessage"));
    }
}
