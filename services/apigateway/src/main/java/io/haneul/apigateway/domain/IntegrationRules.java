package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What PutIntegration and UpdateIntegration accept, and the defaults AWS fills in: a backend method
 * for every type but MOCK, an http(s) URL for HTTP types, an {@code arn:aws:apigateway:} service
 * URI for AWS types (Lambda or Firehose for AWS_PROXY), a timeout of 50 ms to 29 s.
 */
public final class IntegrationRules {

    public static final Set<String> TYPES = Set.of("HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY", "MOCK");
    private static final Set<String> PASSTHROUGH = Set.of("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER");
    private static final Pattern SERVICE_URI = Pattern.compile("arn:aws[a-z-]*:apigateway:[a-z0-9-]+:[a-z0-9.-]+:(path|action)/.+");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");

    private IntegrationRules() {
    }

    /** Fills AWS's defaults into a new integration of a method on {@code resourceId}. */
    public static void defaults(ObjectNode integration, String resourceId) {
        integration.put("passthroughBehavior", integration.path("passthroughBehavior").asText("WHEN_NO_MATCH"));
        if (!integration.has("timeoutInMillis")) {
            integration.put("timeoutInMillis", 29_000);
        }
        if (!integration.has("cacheNamespace")) {
            integration.put("cacheNamespace", resourceId);
        }
        if (!integration.has("cacheKeyParameters")) {
            integration.putArray("cacheKeyParameters");
        }
        if (integration.path("type").asText().startsWith("HTTP") && !integration.has("connectionType")) {
            integration.put("connectionType", "INTERNET");
        }
    }

    public static void check(ObjectNode integration) {
        String type = integration.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw new ApiGatewayException("ValidationException", "1 validation error detected: Value '" + type
                    + "' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]", 400);
        }
        String backendMethod = integration.path("httpMethod").asText("");
        if (!type.equals("MOCK")) {
            if (backendMethod.isEmpty()) {
                throw ApiGatewayException.badRequest("Enumeration value for HttpMethod must be non-empty");
            }
            if (!METHODS.contains(backendMethod)) {
                throw ApiGatewayException.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
            }
        }
        String uri = integration.path("uri").asText("");
        if (type.startsWith("HTTP") && !"VPC_LINK".equals(integration.path("connectionType").asText()) && !httpUrl(uri)) {
            throw ApiGatewayException.badRequest("Invalid HTTP endpoint specified for URI");
        }
        if (type.startsWith("AWS")) {
            if (!SERVICE_URI.matcher(uri).matches()) {
                throw ApiGatewayException.badRequest("AWS ARN for integration must contain path or action");
            }
            if (type.equals("AWS_PROXY") && !uri.contains(":lambda:path/") && !uri.contains(":firehose:")) {
                throw ApiGatewayException.badRequest(
                        "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
            }
        }
        int timeout = integration.path("timeoutInMillis").asInt(29_000);
        if (timeout < 50 || timeout > 29_000) {
            throw ApiGatewayException.badRequest("Timeout should be between 50 ms and 29000 ms");
        }
        String passthrough = integration.path("passthroughBehavior").asText("WHEN_NO_MATCH");
        if (!PASSTHROUGH.contains(passthrough)) {
            throw ApiGatewayException.badRequest("Invalid passthrough behavior specified: " + passthrough
                    + ". Valid values are WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER");
        }
    }

    private static boolean httpUrl(String uri) {
        try {
            // stage variables may stand for a host or a port, path variables for segments
            URI u = new URI(uri.replaceAll("\\$\\{[^}]*}", "1").replaceAll("\\{[^}]*}", "x"));
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether {@code method} names an HTTP method a REST API method may have. */
    public static boolean isMethod(String method) {
        return METHODS.contains(method);
    }

    /** A status code as method and integration responses name them: three digits, 1xx to 5xx. */
    public static void checkStatusCode(String statusCode) {
        if (statusCode == null || !statusCode.matches("[1-5]\\d\\d")) {
            throw ApiGatewayException.badRequest("Invalid status code specified: " + statusCode);
        }
    }
}
