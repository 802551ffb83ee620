package io.haneul.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The invocation record an asynchronous invocation's destination receives, in AWS's shape:
 * <pre>
 * {"version": "1.0", "timestamp": "2026-12-07T04:30:00.000Z",
 *  "requestContext": {"requestId", "functionArn" (qualified), "condition": Success | RetriesExhausted | EventAgeExceeded,
 *                     "approximateInvokeCount"},
 *  "requestPayload": the event,
 *  "responseContext": {"statusCode", "executedVersion", "functionError" (failures only)},
 *  "responsePayload": the function's answer or error document}
 * </pre>
 * Payloads are embedded as JSON when they are JSON, as a string otherwise. An event that expired
 * before any attempt has no response members.
 */
final class InvocationRecords {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    InvocationRecords(ObjectMapper json) {
        this.json = json;
    }

    /** What the last attempt answered; null when the function never ran. */
    record Response(int statusCode, String executedVersion, String functionError, byte[] payload) {
    }

    String record(Instant at, String requestId, String qualifiedArn, String condition, int invokeCount, byte[] event, Response response) {
        ObjectNode r = json.createObjectNode().put("version", "1.0").put("timestamp", TIMESTAMP.format(at));
        r.putObject("requestContext").put("requestId", requestId).put("functionArn", qualifiedArn).put("condition", condition)
                .put("approximateInvokeCount", invokeCount);
        r.set("requestPayload", payload(event));
        if (response != null) {
            ObjectNode ctx = r.putObject("responseContext").put("statusCode", response.statusCode())
                    .put("executedVersion", response.executedVersion());
            if (response.functionError() != null) {
                ctx.put("functionError", response.functionError());
            }
            r.set("responsePayload", payload(response.payload()));
        }
        return r.toString();
    }

    /** The {@code errorMessage} of an error document (what a dead-letter message's ErrorMessage carries), at most 1 KB. */
    String errorMessage(byte[] errorDocument) {
        String message;
        try {
            JsonNode doc = json.readTree(errorDocument);
            message = doc != null && doc.hasNonNull("errorMessage") ? doc.get("errorMessage").asText()
                    : new String(errorDocument, StandardCharsets.UTF_8);
        } catch (IOException e) {
            message = new String(errorDocument, StandardCharsets.UTF_8);
        }
        return message.length() > 1024 ? message.substring(0, 1024) : message;
    }

    private JsonNode payload(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return json.nullNode();
        }
        try {
            JsonNode node = json.readTree(bytes);
            return node == null ? json.nullNode() : node;
        } catch (IOException e) {
            return json.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
