package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;

/**
 * Picks the route of an incoming message the way API Gateway does: the API's route selection
 * expression ({@code $request.body.action}, nested as {@code $request.body.a.b}, also written
 * {@code ${request.body.action}}) is evaluated on the message parsed as JSON; a value naming a
 * route selects it, anything else (no value, a body that is not JSON, an unknown key) selects
 * {@code $default}, and with no {@code $default} route the message has no route.
 */
final class RouteSelection {

    static final String DEFAULT = "$default";

    private final ObjectMapper json;

    RouteSelection(ObjectMapper json) {
        this.json = json;
    }

    /** The selected route key, or null when neither a matching route nor {@code $default} exists. */
    String select(String expression, String message, Map<String, JsonNode> routes) {
        String key = evaluate(expression, message);
        if (key != null && !key.startsWith("$") && routes.containsKey(key)) {
            return key;
        }
        return routes.containsKey(DEFAULT) ? DEFAULT : null;
    }

    /** The expression's value on the message, or null when it has none. */
    String evaluate(String expression, String message) {
        String e = expression == null ? "" : expression.trim();
        if (e.startsWith("${") && e.endsWith("}")) {
            e = "$" + e.substring(2, e.length() - 1);
        }
        if (!e.startsWith("$request.body")) {
            return e.startsWith("$") ? null : e; // a literal expression names one route
        }
        JsonNode node;
        try {
            node = json.readTree(message);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
        String rest = e.substring("$request.body".length());
        for (String part : rest.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.asText();
    }
}
