package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.Set;
import java.util.regex.Pattern;

/** An HTTP API's route keys ({@code $default} or {@code METHOD /path}), and what a route may target. */
final class RouteRules {

    private static final Set<String> METHODS = Set.of("ANY", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final Pattern PATH = Pattern.compile("/|(/(\\{[A-Za-z0-9._:-]+\\+?}|[^/{}+ ]+))+");

    private RouteRules() {
    }

    static void checkKey(String key, String protocol) {
        if (key == null || key.isEmpty()) {
            throw ApiGatewayException.badRequest("RouteKey is required");
        }
        if (!protocol.equals("HTTP") || key.equals("$default")) {
            return;
        }
        int space = key.indexOf(' ');
        String method = space < 0 ? "" : key.substring(0, space);
        String path = space < 0 ? "" : key.substring(space + 1);
        if (!METHODS.contains(method) || !PATH.matcher(path).matches() || greedyNotLast(path)) {
            throw ApiGatewayException.badRequest("Unable to create route. Invalid route key: " + key
                    + ". Route keys must be $default or of the form 'METHOD /path'.");
        }
    }

    private static boolean greedyNotLast(String path) {
        int plus = path.indexOf("+}");
        return plus >= 0 && plus != path.length() - 2;
    }

    static void checkTarget(ObjectNode route) {
        String target = route.path("target").asText("");
        if (!target.isEmpty() && !target.startsWith("integrations/")) {
            throw ApiGatewayException.badRequest("Invalid target " + target + ". Targets must be of the form integrations/{integrationId}");
        }
        String auth = route.path("authorizationType").asText("NONE");
        if (!Set.of("NONE", "AWS_IAM", "CUSTOM", "JWT").contains(auth)) {
            throw ApiGatewayException.badRequest("Invalid authorization type " + auth);
        }
        if ((auth.equals("CUSTOM") || auth.equals("JWT")) && route.path("authorizerId").asText("").isEmpty()) {
            throw ApiGatewayException.badRequest("AuthorizerId is required for authorization type " + auth);
        }
    }
}
