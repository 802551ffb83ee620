package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.spi.QueueConsumer;
import io.haneul.core.spi.QueueDelivery;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQS service integrations ({@code SQS-ReceiveMessage} and {@code SQS-DeleteMessage} through
 * {@link QueueConsumer}, below). The {@code SQS-SendMessage} service integration ({@code AWS_PROXY} with that
 * {@code IntegrationSubtype}): {@code QueueUrl} and {@code MessageBody} (and optional
 * {@code MessageGroupId}, {@code MessageDeduplicationId}) come from the integration's request
 * parameters; the message goes through {@link QueueDelivery}, and the answer is SQS's JSON
 * SendMessage response. A queue that cannot take it is a 500; a missing parameter a 400.
 */
final class SqsIntegration {

    private static final Pattern QUEUE_URL = Pattern.compile("https?://[^/]*?(?:sqs\\.([a-z0-9-]+)\\.[^/]*)?/(\\d{12})/([^/?]+)");

    private final Supplier<Optional<QueueDelivery>> queues;
    private final Supplier<Optional<QueueConsumer>> consumers;
    private final ObjectMapper json;

    SqsIntegration(Supplier<Optional<QueueDelivery>> queues, Supplier<Optional<QueueConsumer>> consumers, ObjectMapper json) {
        this.queues = queues;
        this.consumers = consumers;
        this.json = json;
    }

    /** {@code SQS-ReceiveMessage}: {@code QueueUrl}, optional {@code MaxNumberOfMessages}, {@code WaitTimeSeconds}, {@code VisibilityTimeout}. */
    WireResponse receiveMessage(HttpApiRequest r, Headers headers) {
        JsonNode params = r.integration().path("requestParameters");
        String arn = queueArn(ParameterMapping.value(params.path("QueueUrl").asText(""), r, json), r);
        Optional<QueueConsumer> consumer = consumers.get();
        if (arn == null || consumer.isEmpty()) {
            return HttpApiPlane.message(arn == null ? 400 : 500, arn == null ? "Bad Request" : "Internal Server Error", headers);
        }
        try {
            int max = Math.max(1, Math.min(10, number(params, "MaxNumberOfMessages", r, 1)));
            int wait = Math.max(0, Math.min(20, number(params, "WaitTimeSeconds", r, 0)));
            Integer visibility = params.has("VisibilityTimeout") ? number(params, "VisibilityTimeout", r, 30) : null;
            ObjectNode out = json.createObjectNode();
            ObjectNode response = out.putObject("ReceiveMessageResponse");
            var messages = response.putObject("ReceiveMessageResult").putArray("messages");
            for (QueueConsumer.Message m : consumer.get().receive(arn, max, wait, visibility)) {
                ObjectNode node = messages.addObject();
                node.putNull("Attributes");
                node.put("Body", m.body());
                node.put("MD5OfBody", m.md5OfBody());
                node.put("MD5OfMessageAttributes", m.md5OfMessageAttributes());
                node.putNull("MessageAttributes");
                node.put("MessageId", m.messageId());
                node.put("ReceiptHandle", m.receiptHandle());
            }
            response.putObject("ResponseMetadata").put("RequestId", r.requestId());
            headers.set("Content-Type", "application/json");
            return new WireResponse(200, headers, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (QueueDelivery.QueueDeliveryException | NumberFormatException e) {
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        }
    }

    /** {@code SQS-DeleteMessage}: {@code QueueUrl} and {@code ReceiptHandle}. */
    WireResponse deleteMessage(HttpApiRequest r, Headers headers) {
        JsonNode params = r.integration().path("requestParameters");
        String arn = queueArn(ParameterMapping.value(params.path("QueueUrl").asText(""), r, json), r);
        String handle = ParameterMapping.value(params.path("ReceiptHandle").asText(""), r, json);
        Optional<QueueConsumer> consumer = consumers.get();
        if (arn == null || handle.isEmpty() || consumer.isEmpty()) {
            return HttpApiPlane.message(consumer.isEmpty() ? 500 : 400, consumer.isEmpty() ? "Internal Server Error" : "Bad Request", headers);
        }
        if (consumer.get().describe(arn).isEmpty()) {
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        }
        consumer.get().delete(arn, java.util.List.of(handle));
        ObjectNode out = json.createObjectNode();
        out.putObject("DeleteMessageResponse").putObject("ResponseMetadata").put("RequestId", r.requestId());
        headers.set("Content-Type", "application/json");
        return new WireResponse(200, headers, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code SQS-PurgeQueue}: {@code QueueUrl}, through {@link QueueConsumer#purge}; a second purge within
     * a minute is SQS's {@code PurgeQueueInProgress} error passed through (403), as a service's error is.
     */
    WireResponse purgeQueue(HttpApiRequest r, Headers headers) {
        JsonNode params = r.integration().path("requestParameters");
        String arn = queueArn(ParameterMapping.value(params.path("QueueUrl").asText(""), r, json), r);
        Optional<QueueConsumer> consumer = consumers.get();
        if (arn == null || consumer.isEmpty()) {
            return HttpApiPlane.message(arn == null ? 400 : 500, arn == null ? "Bad Request" : "Internal Server Error", headers);
        }
        try {
            consumer.get().purge(arn);
        } catch (QueueDelivery.QueueDeliveryException e) {
            ObjectNode error = json.createObjectNode();
            error.putObject("Error").put("Code", e.code()).put("Message", e.getMessage()).put("Type", "Sender");
            error.put("RequestId", r.requestId());
            headers.set("Content-Type", "application/json");
            return new WireResponse(e.code().endsWith("PurgeQueueInProgress") ? 403 : 400, headers, error.toString().getBytes(StandardCharsets.UTF_8));
        } catch (UnsupportedOperationException e) {
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        }
        ObjectNode out = json.createObjectNode();
        out.putObject("PurgeQueueResponse").putObject("ResponseMetadata").put("RequestId", r.requestId());
        headers.set("Content-Type", "application/json");
        return new WireResponse(200, headers, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private int number(JsonNode params, String name, HttpApiRequest r, int fallback) {
        String v = params.has(name) ? ParameterMapping.value(params.get(name).asText(), r, json).trim() : "";
        return v.isEmpty() ? fallback : Integer.parseInt(v);
    }

    private static String queueArn(String url, HttpApiRequest r) {
        Matcher m = QUEUE_URL.matcher(url);
        return m.matches() ? "arn:aws:sqs:" + (m.group(1) == null ? r.region() : m.group(1)) + ":" + m.group(2) + ":" + m.group(3) : null;
    }

    WireResponse sendMessage(HttpApiRequest r, Headers headers) {
        JsonNode params = r.integration().path("requestParameters");
        String url = ParameterMapping.value(params.path("QueueUrl").asText(""), r, json);
        String body = ParameterMapping.value(params.path("MessageBody").asText(""), r, json);
        Matcher m = QUEUE_URL.matcher(url);
        if (!m.matches() || body.isEmpty()) {
            return HttpApiPlane.message(400, "Bad Request", headers);
        }
        String region = m.group(1) == null ? r.region() : m.group(1);
        String arn = "arn:aws:sqs:" + region + ":" + m.group(2) + ":" + m.group(3);
        Optional<QueueDelivery> delivery = queues.get();
        if (delivery.isEmpty()) {
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        }
        String group = params.has("MessageGroupId") ? ParameterMapping.value(params.get("MessageGroupId").asText(), r, json) : null;
        String dedup = params.has("MessageDeduplicationId") ? ParameterMapping.value(params.get("MessageDeduplicationId").asText(), r, json) : null;
        String messageId;
        try {
            messageId = delivery.get().deliver(arn, r.account(), "arn:aws:execute-api:" + r.region() + ":" + r.account() + ":" + r.apiId(),
                    body, Map.of(), group, dedup);
        } catch (QueueDelivery.QueueDeliveryException e) {
            return HttpApiPlane.message(500, "Internal Server Error", headers);
        }
        ObjectNode out = json.createObjectNode();
        ObjectNode response = out.putObject("SendMessageResponse");
        response.putObject("ResponseMetadata").put("RequestId", r.requestId());
        ObjectNode result = response.putObject("SendMessageResult");
        result.put("MD5OfMessageBody", md5(body));
        result.put("MessageId", messageId);
        headers.set("Content-Type", "application/json");
        return new WireResponse(200, headers, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
