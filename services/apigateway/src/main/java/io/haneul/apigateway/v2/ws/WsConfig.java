package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one stage of a WebSocket API serves: the API (its selection expressions), the stage (its
 * variables), and the routes, integrations, authorizers, route responses and integration responses
 * of the deployment the stage points at (or of the API as it is, for an auto-deploying stage).
 *
 * @param routes               routes by route key ({@code $connect}, {@code $default}, {@code echo}...)
 * @param integrations         integrations by id
 * @param authorizers          authorizers by id
 * @param routeResponses       route responses by route id
 * @param integrationResponses integration responses by integration id
 */
record WsConfig(String account, String region, ObjectNode api, ObjectNode stage, Map<String, JsonNode> routes,
                Map<String, JsonNode> integrations, Map<String, JsonNode> authorizers,
                Map<String, List<JsonNode>> routeResponses, Map<String, List<JsonNode>> integrationResponses) {

    String apiId() {
        return api.path("apiId").asText();
    }

    String stageName() {
        return stage.path("stageName").asText();
    }

    Optional<JsonNode> route(String routeKey) {
        return Optional.ofNullable(routes.get(routeKey));
    }

    /** The integration a route targets ({@code integrations/{id}}), if it has one. */
    Optional<JsonNode> integrationOf(JsonNode route) {
        String target = route.path("target").asText("");
        return Optional.ofNullable(target.startsWith("integrations/") ? integrations.get(target.substring(13)) : null);
    }

    /** A two-way route: it has a route response selection expression and a route response to answer with. */
    boolean twoWay(JsonNode route) {
        return !route.path("routeResponseSelectionExpression").asText("").isEmpty()
                && !routeResponses.getOrDefault(route.path("routeId").asText(), List.of()).isEmpty();
    }

    Map<String, String> stageVariables() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        stage.path("stageVariables").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
