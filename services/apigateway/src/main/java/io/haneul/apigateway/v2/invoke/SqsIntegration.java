package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The {@code SQS-SendMessage} service integration ({@code AWS_PROXY} with that
 * {@code IntegrationSubtype}): {@code QueueUrl} and {@code MessageBody} (and optional
 * {@code MessageGroupId}, {@code MessageDeduplicationId}) come from the integration's request
 * parameters; the message goes through {@link QueueDelivery}, and the answer is SQS's JSON
 * SendMessage response. A queue that cannot take it is a 500; a missing parameter a 400.
 */
final class SqsIntegration {

    private static final Pattern QUEUE_URL = Pattern.compile("https?://[^/]*?(?:sqs\\.([a-z0-9-]+)\\.[^/]*)?/(\\d{12})/([^/?]+)");

    private final Supplier<Optional<QueueDelivery>> queues;
    private final ObjectMapper json;

    SqsIntegration(Supplier<Optional<QueueDelivery>> queues, ObjectMapper json) {
        this.queues = queues;
        this.json = json;
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
