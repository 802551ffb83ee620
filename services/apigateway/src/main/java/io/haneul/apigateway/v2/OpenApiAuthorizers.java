package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Authorizers in HTTP APIs' OpenAPI definitions, as AWS exports and imports them: each authorizer
 * is a {@code components.securitySchemes} entry named after it with an
 * {@code x-amazon-apigateway-authorizer} (JWT: {@code type: oauth2} with {@code jwtConfiguration};
 * REQUEST: {@code type: apiKey} with {@code authorizerUri}, payload format, TTL, simple responses),
 * {@code AWS_IAM} is the {@code sigv4} scheme with {@code x-amazon-apigateway-authtype: awsSigv4},
 * and a route names its scheme (with its scopes) in the operation's {@code security}; a top-level
 * {@code security} applies to operations that have none.
 */
final class OpenApiAuthorizers {

    static final String SIGV4 = "sigv4";
    private static final String X_AUTHORIZER = "x-amazon-apigateway-authorizer";

    /** How an imported route is authorized: {@code NONE}, {@code AWS_IAM}, or an authorizer by name with scopes. */
    record RouteAuth(String type, String authorizerName, List<String> scopes) {
        static final RouteAuth NONE = new RouteAuth("NONE", null, List.of());
    }

    private final ObjectMapper json;

    OpenApiAuthorizers(ObjectMapper json) {
        this.json = json;
    }

    // import

    /** The authorizers the document defines, as CreateAuthorizer inputs (wire names). */
    List<ObjectNode> read(JsonNode doc) {
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> scheme : doc.path("components").path("securitySchemes").properties()) {
            JsonNode x = scheme.getValue().path(X_AUTHORIZER);
            if (!x.isObject()) {
                continue;
            }
            ObjectNode a = json.createObjectNode();
            a.put("name", scheme.getKey());
            String type = x.path("type").asText("request");
            a.put("authorizerType", type.equalsIgnoreCase("jwt") ? "JWT" : "REQUEST");
            ArrayNode sources = a.putArray("identitySource");
            JsonNode source = x.path("identitySource");
            if (source.isArray()) {
                source.forEach(s -> sources.add(s.asText()));
            } else if (!source.asText("").isEmpty()) {
                for (String s : source.asText().split(",")) {
                    sources.add(s.trim());
                }
            }
            if (x.has("jwtConfiguration")) {
                ObjectNode jwt = a.putObject("jwtConfiguration");
                JsonNode c = x.get("jwtConfiguration");
                if (c.has("issuer")) {
                    jwt.put("issuer", c.get("issuer").asText());
                }
                ArrayNode audience = jwt.putArray("audience");
                c.path("audience").forEach(v -> audience.add(v.asText()));
            }
            copy(x, "authorizerUri", a);
            copy(x, "authorizerCredentials", a, "authorizerCredentialsArn");
            copy(x, "authorizerPayloadFormatVersion", a);
            if (x.has("authorizerResultTtlInSeconds")) {
                a.put("authorizerResultTtlInSeconds", x.get("authorizerResultTtlInSeconds").asInt());
            }
            if (x.has("enableSimpleResponses")) {
                a.put("enableSimpleResponses", x.get("enableSimpleResponses").asBoolean());
            }
            out.add(a);
        }
        return out;
    }

    /** An operation's authorization: its own {@code security}, else the document's. */
    RouteAuth route(JsonNode doc, JsonNode operation) {
        JsonNode security = operation.has("security") ? operation.get("security") : doc.path("security");
        JsonNode schemes = doc.path("components").path("securitySchemes");
        for (JsonNode requirement : security) {
            for (Map.Entry<String, JsonNode> e : requirement.properties()) {
                JsonNode scheme = schemes.path(e.getKey());
                if ("awsSigv4".equals(scheme.path("x-amazon-apigateway-authtype").asText())) {
                    return new RouteAuth("AWS_IAM", null, List.of());
                }
                if (scheme.has(X_AUTHORIZER)) {
                    List<String> scopes = new ArrayList<>();
                    e.getValue().forEach(s -> scopes.add(s.asText()));
                    String type = scheme.get(X_AUTHORIZER).path("type").asText("request").equalsIgnoreCase("jwt") ? "JWT" : "CUSTOM";
                    return new RouteAuth(type, e.getKey(), scopes);
                }
            }
        }
        return RouteAuth.NONE;
    }

    // export

    /** Adds the route's {@code security} requirement to its operation. */
    void writeRoute(ObjectNode operation, JsonNode route, Map<String, ObjectNode> authorizers) {
        String type = route.path("authorizationType").asText("NONE");
        if (type.equals("AWS_IAM")) {
            operation.putArray("security").addObject().putArray(SIGV4);
        } else if (type.equals("JWT") || type.equals("CUSTOM")) {
            ObjectNode authorizer = authorizers.get(route.path("authorizerId").asText());
            if (authorizer != null) {
                ArrayNode scopes = operation.putArray("security").addObject().putArray(authorizer.path("name").asText());
                route.path("authorizationScopes").forEach(s -> scopes.add(s.asText()));
            }
        }
    }

    /** {@code components.securitySchemes}: one per authorizer, and {@code sigv4} when a route uses IAM. */
    void writeSchemes(ObjectNode doc, List<ObjectNode> routes, Map<String, ObjectNode> authorizers, boolean extensions) {
        boolean iam = routes.stream().anyMatch(r -> r.path("authorizationType").asText().equals("AWS_IAM"));
        if (authorizers.isEmpty() && !iam) {
            return;
        }
        ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
        for (ObjectNode a : authorizers.values()) {
            ObjectNode scheme = schemes.putObject(a.path("name").asText());
            boolean jwt = a.path("authorizerType").asText().equals("JWT");
            String source = String.join(",", a.path("identitySource").valueStream().map(JsonNode::asText).toList());
            if (jwt) {
                scheme.put("type", "oauth2");
                scheme.putObject("flows");
            } else {
                scheme.put("type", "apiKey");
                scheme.put("name", headerOf(source));
                scheme.put("in", "header");
            }
            if (!extensions) {
                continue;
            }
            ObjectNode x = scheme.putObject(X_AUTHORIZER);
            x.put("identitySource", source);
            if (jwt) {
                x.set("jwtConfiguration", a.path("jwtConfiguration").deepCopy());
                x.put("type", "jwt");
            } else {
                copy(a, "authorizerUri", x);
                copy(a, "authorizerCredentialsArn", x, "authorizerCredentials");
                copy(a, "authorizerPayloadFormatVersion", x);
                if (a.has("authorizerResultTtlInSeconds")) {
                    x.put("authorizerResultTtlInSeconds", a.get("authorizerResultTtlInSeconds").asInt());
                }
                if (a.has("enableSimpleResponses")) {
                    x.put("enableSimpleResponses", a.get("enableSimpleResponses").asBoolean());
                }
                x.put("type", "request");
            }
        }
        if (iam) {
            ObjectNode sigv4 = schemes.putObject(SIGV4);
            sigv4.put("type", "apiKey");
            sigv4.put("name", "Authorization");
            sigv4.put("in", "header");
            if (extensions) {
                sigv4.put("x-amazon-apigateway-authtype", "awsSigv4");
            }
        }
    }

    /** The header an identity source names ({@code $request.header.X}), else Authorization. */
    private static String headerOf(String source) {
        String first = source.split(",")[0].trim();
        return first.startsWith("$request.header.") ? first.substring("$request.header.".length()) : "Authorization";
    }

    private static void copy(JsonNode from, String name, ObjectNode to) {
        copy(from, name, to, name);
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        if (from.hasNonNull(name)) {
            to.put(as, from.get(name).asText());
        }
    }
}
