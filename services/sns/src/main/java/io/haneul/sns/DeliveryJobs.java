package io.haneul.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The payloads of SNS's durable jobs, as JSON. */
final class DeliveryJobs {

    /** Delivers one message to one subscription (HTTP/S always; SQS on retries). */
    static final String DELIVER = "sns.deliver";
    /** Sends a SubscriptionConfirmation or UnsubscribeConfirmation to an HTTP/S endpoint or SQS queue. */
    static final String CONFIRM = "sns.confirm";
    /** Mails a notification or SubscriptionConfirmation to an email/email-json subscriber through SES. */
    static final String EMAIL = "sns.email";
    /** Hands a notification to a lambda subscriber's function through Lambda's {@code FunctionInvoker} (an Event invocation). */
    static final String LAMBDA = "sns.lambda";

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private DeliveryJobs() {
    }

    /**
     * @param attempts delivery attempts already made (0 for the first)
     */
    record Deliver(String subscriptionArn, int attempts, Message message) {
    }

    /**
     * @param type  SubscriptionConfirmation or UnsubscribeConfirmation
     * @param owner account of the topic (the sender when delivering to a queue)
     */
    record Confirm(String type, String subscriptionArn, String topicArn, String owner, String protocol, String endpoint,
                   String token, String messageId, String timestamp, String baseUrl, String signatureVersion, int attempts) {
    }

    /**
     * @param account         account of the topic (the mail is captured under it in SES)
     * @param subscriptionArn the subscription; a notification is dropped when it is gone
     * @param kind            Notification or SubscriptionConfirmation
     */
    record Email(String account, String region, String subscriptionArn, String kind, String to, String subject, String body) {
    }

    /**
     * @param subscriptionArn the subscription; a notification is dropped when it is gone
     * @param event           the {@code Records[].Sns} event the function receives
     */
    record Lambda(String subscriptionArn, String functionArn, String topicArn, String event) {
    }

    static String write(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String payload, Class<T> type) {
        try {
            return JSON.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt SNS job payload", e);
        }
    }
}
