package io.haneul.sqs;

import io.haneul.sqs.store.QueueRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueuePoliciesTest {

    private static QueueRecord queueWithPolicy(String policy) {
        return new QueueRecord(1, "111111111111", "us-east-1", "q", false, Map.of("Policy", policy), Map.of(), 0, 0, 0);
    }

    @Test
    void servicePrincipalWithSourceArnConditionAllowsThatSourceOnly() {
        QueueRecord q = queueWithPolicy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                "Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111111111111:q",
                "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:222222222222:topic"}}}]}""");
        QueuePolicies policies = new QueuePolicies();
        assertTrue(policies.allowsService(q, "arn:aws:sns:us-east-1:222222222222:topic", "SendMessage"));
        assertFalse(policies.allowsService(q, "arn:aws:sns:us-east-1:222222222222:other", "SendMessage"));
    }

    @Test
    void accountPrincipalAllowsThatAccount() {
        QueueRecord q = queueWithPolicy("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"SQS:SendMessage"}]}""");
        QueuePolicies policies = new QueuePolicies();
        assertTrue(policies.allows(q, "222222222222", "SendMessage"));
        assertFalse(policies.allows(q, "333333333333", "SendMessage"));
        assertFalse(policies.allows(q, "222222222222", "DeleteQueue"));
    }
}
