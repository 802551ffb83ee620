package io.haneul.sns.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.Map;

/**
 * The JSON documents SNS delivers (Notification, SubscriptionConfirmation, UnsubscribeConfirmation)
 * in AWS's key order, and the string AWS signs for each: {@code Key\nValue\n} for, in order,
 * Message, MessageId, Subject (only if present), Timestamp, TopicArn, Type (notifications) or
 * Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type (confirmations).
 */
public final class Envelope {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Envelope() {
    }

    /** Signs a string to sign; returns base64 of the signature. */
    @FunctionalInterface
    public interface Signer {
        String sign(String stringToSign, String signatureVersion);
    }

    /** What a Notification carries. */
    public record Notification(String messageId, String topicArn, String subject, String message, String timestamp,
                               String unsubscribeUrl, Map<String, MessageAttributes.Attribute> attributes,
                               String sequenceNumber) {
    }

    /**
     * The Notification JSON. FIFO notifications (a sequence number) carry SequenceNumber and no
     * signature, as AWS's do.
     */
    public static String notification(Notification n, String signatureVersion, String certUrl, Signer signer) {
        ObjectNode o = JSON.createObjectNode();
        o.put("Type", "Notification");
        o.put("MessageId", n.messageId());
        if (n.sequenceNumber() != null) {
            o.put("SequenceNumber", n.sequenceNumber());
        }
        o.put("TopicArn", n.topicArn());
        if (n.subject() != null) {
            o.put("Subject", n.subject());
        }
        o.put("Message", n.message());
        o.put("Timestamp", n.timestamp());
        if (n.sequenceNumber() == null) {
            o.put("SignatureVersion", signatureVersion);
            o.put("Signature", signer.sign(notificationStringToSign(n), signatureVersion));
            o.put("SigningCertURL", certUrl);
        }
        o.put("UnsubscribeURL", n.unsubscribeUrl());
        if (!n.attributes().isEmpty()) {
            ObjectNode attrs = o.putObject("MessageAttributes");
            n.attributes().forEach((name, a) -> {
                ObjectNode v = attrs.putObject(name);
                v.put("Type", a.dataType());
                v.put("Value", a.binary() ? Base64.getEncoder().encodeToString(a.binaryValue()) : a.stringValue());
            });
        }
        return o.toString();
    }

    public static String notificationStringToSign(Notification n) {
        StringBuilder sb = new StringBuilder();
        pair(sb, "Message", n.message());
        pair(sb, "MessageId", n.messageId());
        if (n.subject() != null) {
            pair(sb, "Subject", n.subject());
        }
        pair(sb, "Timestamp", n.timestamp());
        pair(sb, "TopicArn", n.topicArn());
        pair(sb, "Type", "Notification");
        return sb.toString();
    }

    /** What a SubscriptionConfirmation or UnsubscribeConfirmation carries. */
    public record Confirmation(String type, String messageId, String token, String topicArn, String message,
                               String subscribeUrl, String timestamp) {
    }

    public static String confirmation(Confirmation c, String signatureVersion, String certUrl, Signer signer) {
        ObjectNode o = JSON.createObjectNode();
        o.put("Type", c.type());
        o.put("MessageId", c.messageId());
        o.put("Token", c.token());
        o.put("TopicArn", c.topicArn());
        o.put("Message", c.message());
        o.put("SubscribeURL", c.subscribeUrl());
        o.put("Timestamp", c.timestamp());
        o.put("SignatureVersion", signatureVersion);
        o.put("Signature", signer.sign(confirmationStringToSign(c), signatureVersion));
        o.put("SigningCertURL", certUrl);
        return o.toString();
    }

    public static String confirmationStringToSign(Confirmation c) {
        StringBuilder sb = new StringBuilder();
        pair(sb, "Message", c.message());
        pair(sb, "MessageId", c.messageId());
        pair(sb, "SubscribeURL", c.subscribeUrl());
        pair(sb, "Timestamp", c.timestamp());
        pair(sb, "Token", c.token());
        pair(sb, "TopicArn", c.topicArn());
        pair(sb, "Type", c.type());
        return sb.toString();
    }

    private static void pair(StringBuilder sb, String key, String value) {
        sb.append(key).append('\n').append(value).append('\n');
    }

    public static String subscribeMessage(String topicArn) {
        return "You have chosen to subscribe to the topic " + topicArn
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.";
    }

    public static String unsubscribeMessage(String subscriptionArn) {
        return "You have chosen to deactivate subscription " + subscriptionArn
                + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.";
    }
}
