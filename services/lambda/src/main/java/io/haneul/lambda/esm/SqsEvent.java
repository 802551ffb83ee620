package io.haneul.lambda.esm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.spi.QueueConsumer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The {@code aws:sqs} event Lambda hands a function: {@code Records[]}, one per message, with the
 * message's system attributes and its message attributes in Lambda's camelCase shape
 * ({@code stringValue}, {@code binaryValue} base64, {@code stringListValues}, {@code binaryListValues},
 * {@code dataType}).
 */
final class SqsEvent {

    private final ObjectMapper json;

    SqsEvent(ObjectMapper json) {
        this.json = json;
    }

    /** One message as a record of the event. */
    ObjectNode record(QueueConsumer.Message m, String queueArn, String region) {
        ObjectNode r = json.createObjectNode();
        r.put("messageId", m.messageId());
        r.put("receiptHandle", m.receiptHandle());
        r.put("body", m.body());
        ObjectNode attributes = r.putObject("attributes");
        m.attributes().forEach(attributes::put);
        ObjectNode messageAttributes = r.putObject("messageAttributes");
        m.messageAttributes().forEach((name, a) -> messageAttributes.set(name, attribute(a)));
        r.put("md5OfBody", m.md5OfBody());
        if (m.md5OfMessageAttributes() != null) {
            r.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
        }
        r.put("eventSource", "aws:sqs");
        r.put("eventSourceARN", queueArn);
        r.put("awsRegion", region);
        return r;
    }

    /**
     * The record as filter patterns see it: the same fields, with {@code body} parsed when it is a
     * JSON object or array (a pattern on {@code body} fields matches only such bodies, as on AWS).
     */
    JsonNode filterView(ObjectNode record) {
        String body = record.path("body").asText();
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                ObjectNode copy = record.deepCopy();
                copy.set("body", json.readTree(body));
                return copy;
            } catch (JsonProcessingException e) {
                return record;
            }
        }
        return record;
    }

    /** The event of a batch, serialized. */
    byte[] event(List<ObjectNode> records) {
        ObjectNode root = json.createObjectNode();
        ArrayNode array = root.putArray("Records");
        records.forEach(array::add);
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The serialized size of one record, for splitting batches under the invocation payload limit. */
    int size(ObjectNode record) {
        try {
            return json.writeValueAsBytes(record).length + 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode attribute(QueueConsumer.Attribute a) {
        ObjectNode n = json.createObjectNode();
        if (a.stringValue() != null) {
            n.put("stringValue", a.stringValue());
        }
        if (a.binaryValue() != null) {
            n.put("binaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
        }
        ArrayNode strings = n.putArray("stringListValues");
        a.stringListValues().forEach(strings::add);
        ArrayNode binaries = n.putArray("binaryListValues");
        a.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b)));
        n.put("dataType", a.dataType());
        return n;
    }

    /** The item identifiers a function reported as failed, or null when the response reports the whole batch as failed. */
    java.util.Set<String> reportedFailures(byte[] payload, java.util.Set<String> batchIds) {
        java.util.Set<String> failed = new java.util.HashSet<>();
        JsonNode root;
        try {
            root = payload == null || payload.length == 0 ? null : json.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return failed; // an answer that is not JSON reports no failures: the batch succeeded
        }
        if (root == null || !root.isObject() || !root.has("batchItemFailures") || root.get("batchItemFailures").isNull()) {
            return failed;
        }
        JsonNode list = root.get("batchItemFailures");
        if (!list.isArray()) {
            return null;
        }
        for (JsonNode item : list) {
            JsonNode id = item.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty() || !batchIds.contains(id.asText())) {
                return null; // AWS treats a malformed or unknown identifier as a failure of the whole batch
            }
            failed.add(id.asText());
        }
        return failed;
    }
}
