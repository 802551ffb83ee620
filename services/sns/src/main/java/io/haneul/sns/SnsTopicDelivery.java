package io.haneul.sns;

import io.haneul.core.spi.TopicDelivery;
import io.haneul.sns.domain.SnsException;

/**
 * SNS as other services publish into it (S3 event notifications, SES feedback and receipts): the
 * same validation, fan-out and durability as Publish, with the topic policy checked for the sender.
 */
final class SnsTopicDelivery implements TopicDelivery {

    private final PublishService publisher;

    SnsTopicDelivery(PublishService publisher) {
        this.publisher = publisher;
    }

    @Override
    public String publish(String topicArn, String senderAccount, String sourceArn, String subject, String message) {
        try {
            return publisher.publishAsService(topicArn, senderAccount, sourceArn, subject, message).messageId();
        } catch (SnsException e) {
            String shape = e.shape();
            throw new TopicDeliveryException(shape.endsWith("Exception") ? shape.substring(0, shape.length() - 9) : shape, e.getMessage());
        }
    }

    @Override
    public boolean topicExists(String topicArn) {
        return publisher.topicExists(topicArn);
    }
}
