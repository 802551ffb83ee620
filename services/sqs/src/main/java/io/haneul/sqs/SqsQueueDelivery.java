package io.haneul.sqs;

import io.haneul.core.spi.QueueDelivery;
import io.haneul.sqs.domain.QueueArn;
import io.haneul.sqs.domain.QueueArns;
import io.haneul.sqs.domain.SqsException;
import io.haneul.sqs.domain.ValidatedSend;
import io.haneul.sqs.store.QueueRecord;
import io.haneul.sqs.store.SqlQueueStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQS as other services deliver into it (SNS subscriptions, S3 and SES notifications): the same
 * validation and durability as SendMessage. A sender from another account needs the queue's
 * policy to allow it (by account, or by the delivering service as principal).
 */
final class SqsQueueDelivery implements QueueDelivery {

    private final SqlQueueStore store;
    private final MessageService messages;
    private final QueuePolicies policies;
    private final MessageAttributeJson attributeJson = new MessageAttributeJson();

    SqsQueueDelivery(SqlQueueStore store, MessageService messages, QueuePolicies policies) {
        this.store = store;
        this.messages = messages;
        this.policies = policies;
    }

    @Override
    public String deliver(String queueArn, String senderAccount, String sourceArn, String body, Map<String, Attribute> attributes,
                          String groupId, String dedupId) {
        QueueArn arn = QueueArns.tryParse(queueArn)
                .orElseThrow(() -> new QueueDeliveryException("InvalidParameter", "Invalid queue ARN " + queueArn));
        QueueRecord q = store.find(arn.accountId(), arn.region(), arn.queueName())
                .orElseThrow(() -> new QueueDeliveryException("AWS.SimpleQueueService.NonExistentQueue",
                        "The specified queue does not exist: " + queueArn));
        if (!q.account().equals(senderAccount) && !policies.allowsDelivery(q, senderAccount, sourceArn, "SendMessage")) {
            throw new QueueDeliveryException("AccessDenied", "Access to " + queueArn + " is not allowed for " + sourceArn);
        }
        Map<String, MessageAttributeValue> sdkAttributes = new LinkedHashMap<>();
        attributes.forEach((name, a) -> sdkAttributes.put(name, MessageAttributeValue.builder().dataType(a.dataType())
                .stringValue(a.stringValue()).binaryValue(a.binaryValue() == null ? null : SdkBytes.fromByteArray(a.binaryValue()))
                .build()));
        MessageService.Outgoing m = new MessageService.Outgoing(body, null, sdkAttributes, null, groupId, dedupId);
        try {
            ValidatedSend v = messages.validate(q, m);
            return messages.send(senderAccount, q, List.of(m), List.of(v), attributeJson).getFirst().messageId();
        } catch (SqsException e) {
            throw new QueueDeliveryException(e.error().shape(), e.getMessage());
        }
    }
}
