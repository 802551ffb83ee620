package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.Set;

/** AWS's checks and defaults for an integration, by the API's protocol. */
final class IntegrationRules {

    private static final Set<String> TYPES = Set.of("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK");
    /** AWS's service integration subtypes (Haneul runs the SQS ones; the others answer 500 when invoked). */
    private static final Set<String> SUBTYPES = Set.of("SQS-SendMessage", "SQS-ReceiveMessage", "SQS-DeleteMessage", "SQS-PurgeQueue",
            "EventBridge-PutEvents", "AppConfig-GetConfiguration", "Kinesis-PutRecord", "StepFunctions-StartExecution",
            "StepFunctions-StartSyncExecution", "StepFunctions-StopExecution");

    private IntegrationRules() {
    }

    /** The defaults a new integration gets. */
    static ObjectNode defaults(ObjectNode in, String protocol) {
        boolean http = protocol.equals("HTTP");
        if (!in.has("connectionType")) {
            in.put("connectionType", "INTERNET");
        }
        if (!in.has("timeoutInMillis")) {
            in.put("timeoutInMillis", http ? 30000 : 29000);
        }
        if (!http && !in.has("passthroughBehavior")) {
            in.put("passthroughBehavior", "WHEN_NO_MATCH");
        }
        if (!in.has("payloadFormatVersion")) {
            in.put("payloadFormatVersion", "1.0");
        }
        return in;
    }

    static void check(ObjectNode merged, String protocol) {
        String type = V2Items.require(merged, "integrationType", "IntegrationType is required");
        if (!TYPES.contains(type)) {
            throw ApiGatewayException.badRequest("Invalid integration type " + type);
        }
        boolean http = protocol.equals("HTTP");
        if (http && (type.equals("AWS") || type.equals("HTTP") || type.equals("MOCK"))) {
            throw ApiGatewayException.badRequest("Unsupported integration type " + type + " for HTTP APIs");
        }
        if (merged.has("integrationSubtype") && !SUBTYPES.contains(merged.path("integrationSubtype").asText())) {
            throw ApiGatewayException.badRequest("Invalid integration subtype " + merged.path("integrationSubtype").asText());
        }
        if (!merged.has("integrationSubtype") && !type.equals("MOCK") && merged.path("integrationUri").asText("").isEmpty()) {
            throw ApiGatewayException.badRequest("IntegrationUri is required for integration type " + type);
        }
        String version = merged.path("payloadFormatVersion").asText("1.0");
        if (!version.equals("1.0") && !version.equals("2.0")) {
            throw ApiGatewayException.badRequest("Invalid PayloadFormatVersion " + version + ". Supported values are 1.0 and 2.0");
        }
        if (version.equals("2.0") && !(http && type.equals("AWS_PROXY"))) {
            throw ApiGatewayException.badRequest("PayloadFormatVersion 2.0 is only supported for AWS_PROXY integrations of HTTP APIs");
        }
        int timeout = merged.path("timeoutInMillis").asInt(30000);
        if (timeout < 50 || timeout > (http ? 30000 : 29000)) {
            throw ApiGatewayException.badRequest("TimeoutInMillis must be between 50 and " + (http ? 30000 : 29000));
        }
    }
}
