package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.List;
import java.util.Set;

/**
 * APIs (HTTP and WebSocket): AWS's defaults and checks on create and update, quick create (a
 * {@code Target} makes the integration, the route and an auto-deploying {@code $default} stage), and
 * deletion with everything under the API.
 */
final class HttpApiService {

    static final String ROUTE = "route";
    static final String INTEGRATION = "integration";
    static final String STAGE = "stage";

    private static final Set<String> PROTOCOLS = Set.of("HTTP", "WEBSOCKET");

    private final V2Items items;

    HttpApiService(V2Items items) {
        this.items = items;
    }

    /** @param baseHost the host (and port) clients reach Haneul on, for the API's endpoint */
    ObjectNode create(String account, String region, String scheme, String baseHost, ObjectNode in) {
        V2Items.require(in, "name", "Name is required");
        String protocol = V2Items.require(in, "protocolType", "ProtocolType is required");
        if (!PROTOCOLS.contains(protocol)) {
            throw ApiGatewayException.badRequest("Invalid protocol type " + protocol + ". Valid values are HTTP and WEBSOCKET");
        }
        boolean http = protocol.equals("HTTP");
        if (!http) {
            V2Items.require(in, "routeSelectionExpression", "RouteSelectionExpression is required for WEBSOCKET APIs");
            for (String quick : List.of("target", "routeKey", "credentialsArn", "corsConfiguration")) {
                if (in.has(quick)) {
                    throw ApiGatewayException.badRequest(quick.substring(0, 1).toUpperCase() + quick.substring(1)
                            + " is not supported for WEBSOCKET APIs");
                }
            }
        }
        if (http && !in.has("target") && (in.has("routeKey") || in.has("credentialsArn"))) {
            throw ApiGatewayException.badRequest("Target is required when RouteKey or CredentialsArn is specified");
        }
        String id = items.apiId();
        ObjectNode api = in.deepCopy();
        for (String quick : List.of("target", "routeKey", "credentialsArn")) {
            api.remove(quick);
        }
        api.put("apiId", id);
        api.put("apiEndpoint", (http ? scheme : scheme.equals("https") ? "wss" : "ws") + "://" + id + ".execute-api." + baseHost);
        api.put("apiKeySelectionExpression", in.path("apiKeySelectionExpression").asText("$request.header.x-api-key"));
        api.put("createdDate", items.now());
        api.put("disableExecuteApiEndpoint", in.path("disableExecuteApiEndpoint").asBoolean(false));
        if (http) {
            api.put("routeSelectionExpression", "$request.method $request.path");
        }
        if (!api.has("ipAddressType")) {
            api.put("ipAddressType", "ipv4");
        }
        V2Items.tags(api);
        items.insert(V2Items.API, V2Items.owner(account, region), id, api, "API " + id + " already exists");
        if (in.has("target")) {
            quickCreate(id, in);
        }
        return api;
    }

    private void quickCreate(String apiId, ObjectNode in) {
        String target = in.get("target").asText();
        boolean lambda = target.startsWith("arn:");
        ObjectNode integration = IntegrationRules.defaults(in.objectNode(), "HTTP");
        String integrationId = items.childId();
        integration.put("integrationId", integrationId);
        integration.put("integrationType", lambda ? "AWS_PROXY" : "HTTP_PROXY");
        integration.put("integrationUri", target);
        integration.put("integrationMethod", lambda ? "POST" : "ANY");
        integration.put("payloadFormatVersion", lambda ? "2.0" : "1.0");
        if (in.has("credentialsArn")) {
            integration.put("credentialsArn", in.get("credentialsArn").asText());
        }
        integration.put("apiGatewayManaged", true);
        items.insert(INTEGRATION, apiId, integrationId, integration, "Integration exists");
        ObjectNode route = in.objectNode();
        String routeId = items.childId();
        route.put("apiGatewayManaged", true);
        route.put("routeId", routeId);
        route.put("routeKey", in.path("routeKey").asText("$default"));
        route.put("apiKeyRequired", false);
        route.put("authorizationType", "NONE");
        route.put("target", "integrations/" + integrationId);
        items.insert(ROUTE, apiId, routeId, route, "Route exists");
        ObjectNode stage = in.objectNode();
        stage.put("stageName", "$default");
        stage.put("autoDeploy", true);
        stage.put("createdDate", items.now());
        stage.put("lastUpdatedDate", items.now());
        stage.putObject("defaultRouteSettings").put("detailedMetricsEnabled", false);
        stage.putObject("routeSettings");
        stage.putObject("stageVariables");
        stage.putObject("tags");
        items.insert(STAGE, apiId, "$default", stage, "Stage exists");
    }

    ObjectNode get(String account, String region, String apiId) {
        return items.api(account, region, apiId);
    }

    List<ObjectNode> list(String account, String region) {
        return items.list(V2Items.API, V2Items.owner(account, region));
    }

    ObjectNode update(String account, String region, String apiId, ObjectNode in) {
        ObjectNode api = items.api(account, region, apiId);
        boolean http = api.path("protocolType").asText().equals("HTTP");
        if (in.has("name") && in.get("name").asText().isEmpty()) {
            throw ApiGatewayException.badRequest("Name must not be empty");
        }
        if (http && in.has("routeSelectionExpression") && !in.get("routeSelectionExpression").asText().equals("$request.method $request.path")) {
            throw ApiGatewayException.badRequest("Unsupported RouteSelectionExpression for HTTP APIs: " + in.get("routeSelectionExpression").asText());
        }
        if (!http && in.has("corsConfiguration")) {
            throw ApiGatewayException.badRequest("CorsConfiguration is not supported for WEBSOCKET APIs");
        }
        for (String quick : List.of("target", "routeKey", "credentialsArn")) {
            in.remove(quick);
        }
        V2Items.merge(api, in);
        items.replace(V2Items.API, V2Items.owner(account, region), apiId, api);
        return api;
    }

    void deleteCors(String account, String region, String apiId) {
        ObjectNode api = items.api(account, region, apiId);
        api.remove("corsConfiguration");
        items.replace(V2Items.API, V2Items.owner(account, region), apiId, api);
    }

    void delete(String account, String region, String apiId) {
        items.api(account, region, apiId);
        items.store().delete(V2Items.API, V2Items.owner(account, region), apiId);
        items.store().deleteScope(apiId);
    }
}
