package io.haneul.sqs;

import io.haneul.sqs.store.QueueRecord;
import io.haneul.sqs.store.StoredMessage;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds received messages as ReceiveMessage answers them: only the system and user attributes
 * asked for ({@code All}, exact names, or {@code prefix.*}), with the MD5 of the user attributes
 * returned.
 */
final class ReceivedMessages {

    private final MessageAttributeJson attributeJson;

    ReceivedMessages(MessageAttributeJson attributeJson) {
        this.attributeJson = attributeJson;
    }

    Message toSdk(QueueRecord q, MessageService.Delivered d, Collection<String> systemNames, List<String> userNames) {
        StoredMessage m = d.message();
        MessageAttributeJson.Attributes attrs = attributeJson.read(m.attributesJson());
        Map<String, MessageAttributeValue> user = selectUser(attrs.user(), userNames);
        Message.Builder b = Message.builder().messageId(m.messageId()).receiptHandle(d.receiptHandle()).body(m.body())
                .md5OfBody(m.md5Body());
        if (!user.isEmpty()) {
            b.messageAttributes(user).md5OfMessageAttributes(MessageService.md5OfSelected(user));
        }
        Map<String, String> system = selectSystem(q, m, attrs.system(), systemNames);
        if (!system.isEmpty()) {
            b.attributesWithStrings(system);
        }
        return b.build();
    }

    private static Map<String, MessageAttributeValue> selectUser(Map<String, MessageAttributeValue> all, List<String> names) {
        if (names == null || names.isEmpty() || all.isEmpty()) {
            return Map.of();
        }
        Map<String, MessageAttributeValue> out = new LinkedHashMap<>();
        all.forEach((name, v) -> {
            for (String wanted : names) {
                if (wanted.equals("All") || wanted.equals(".*") || wanted.equals(name)
                        || (wanted.endsWith(".*") && name.startsWith(wanted.substring(0, wanted.length() - 1)))) {
                    out.put(name, v);
                    break;
                }
            }
        });
        return out;
    }

    private static Map<String, String> selectSystem(QueueRecord q, StoredMessage m, Map<String, MessageSystemAttributeValue> sent,
                                                    Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return Map.of();
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("SenderId", m.senderId());
        all.put("SentTimestamp", Long.toString(m.sentAt()));
        all.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
        all.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveAt()));
        if (q.fifo()) {
            all.put("SequenceNumber", m.sequenceNumber());
            all.put("MessageDeduplicationId", m.dedupId());
            all.put("MessageGroupId", m.groupId());
        } else if (m.groupId() != null) {
            all.put("MessageGroupId", m.groupId());
        }
        MessageSystemAttributeValue trace = sent.get("AWSTraceHeader");
        if (trace != null) {
            all.put("AWSTraceHeader", trace.stringValue());
        }
        if (m.sourceArn() != null) {
            all.put("DeadLetterQueueSourceArn", m.sourceArn());
        }
        all.values().removeIf(java.util.Objects::isNull);
        if (names.contains("All")) {
            return all;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            String v = all.get(n);
            if (v != null) {
                out.put(n, v);
            }
        }
        return out;
    }
}
