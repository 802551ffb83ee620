package io.haneul.apigateway.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAPI 3 definitions of HTTP APIs, both ways: {@code paths} with their
 * {@code x-amazon-apigateway-integration} become routes and integrations (the
 * {@code x-amazon-apigateway-any-method} is {@code ANY}, the path {@code /$default} the default
 * route), {@code x-amazon-apigateway-cors} the CORS configuration; export writes the same shapes
 * with {@code x-amazon-apigateway-importexport-version} 1.0; authorizers as security schemes
 * ({@link OpenApiAuthorizers}). JSON or YAML.
 */
final class OpenApiDocuments {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}+]+)\\+?}");

    /** A route and the integration it targets, as an import reads them. */
    record ImportedRoute(String routeKey, ObjectNode integration, OpenApiAuthorizers.RouteAuth auth) {
    }

    /** What an import makes: the API, its authorizers (CreateAuthorizer inputs) and its routes. */
    record Imported(ObjectNode api, List<ObjectNode> authorizers, List<ImportedRoute> routes) {
    }

    private final ObjectMapper json;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final OpenApiAuthorizers authorizers;

    OpenApiDocuments(ObjectMapper json) {
        this.json = json;
        this.authorizers = new OpenApiAuthorizers(json);
    }

    Imported read(String body) {
        JsonNode doc;
        try {
            String text = body == null ? "" : body.trim();
            doc = text.startsWith("{") ? json.readTree(text) : yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiGatewayException.badRequest("Invalid OpenAPI input: " + e.getOriginalMessage());
        }
        if (doc == null || !doc.isObject() || !(doc.has("openapi") || doc.has("swagger"))) {
            throw ApiGatewayException.badRequest("Invalid OpenAPI input: the document is not an OpenAPI definition");
        }
        ObjectNode api = json.createObjectNode();
        api.put("name", doc.path("info").path("title").asText("imported"));
        if (doc.path("info").has("version")) {
            api.put("version", doc.path("info").path("version").asText());
        }
        if (doc.path("info").has("description")) {
            api.put("description", doc.path("info").path("description").asText());
        }
        api.put("protocolType", "HTTP");
        if (doc.has("x-amazon-apigateway-cors")) {
            api.set("corsConfiguration", doc.get("x-amazon-apigateway-cors"));
        }
        List<ImportedRoute> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toLowerCase(Locale.ROOT);
                String verb = method.equals("x-amazon-apigateway-any-method") ? "ANY" : METHODS.contains(method) ? method.toUpperCase(Locale.ROOT) : null;
                if (verb == null) {
                    continue;
                }
                String key = path.getKey().equals("/$default") ? "$default" : verb + " " + path.getKey();
                routes.add(new ImportedRoute(key, integration(op.getValue().path("x-amazon-apigateway-integration")),
                        authorizers.route(doc, op.getValue())));
            }
        }
        return new Imported(api, authorizers.read(doc), routes);
    }

    private ObjectNode integration(JsonNode x) {
        if (!x.isObject()) {
            return null;
        }
        ObjectNode out = json.createObjectNode();
        out.put("integrationType", x.path("type").asText("aws_proxy").toUpperCase(Locale.ROOT));
        copy(x, "uri", out, "integrationUri");
        copy(x, "httpMethod", out, "integrationMethod");
        copy(x, "payloadFormatVersion", out, "payloadFormatVersion");
        copy(x, "connectionType", out, "connectionType");
        copy(x, "connectionId", out, "connectionId");
        copy(x, "credentials", out, "credentialsArn");
        if (x.has("timeoutInMillis")) {
            out.put("timeoutInMillis", x.get("timeoutInMillis").asInt());
        }
        return out;
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        if (from.hasNonNull(name)) {
            to.put(as, from.get(name).asText());
        }
    }

    /** The API as OpenAPI 3.0.1, in JSON or YAML. */
    String write(ObjectNode api, List<ObjectNode> routes, Map<String, ObjectNode> integrations, Map<String, ObjectNode> routeAuthorizers,
                 boolean extensions, boolean asYaml) {
        ObjectNode out = json.createObjectNode();
        out.put("openapi", "3.0.1");
        ObjectNode info = out.putObject("info");
        info.put("title", api.path("name").asText());
        if (api.has("description")) {
            info.put("description", api.get("description").asText());
        }
        info.put("version", api.path("version").asText(api.path("createdDate").asText("1.0")));
        ObjectNode paths = out.putObject("paths");
        for (ObjectNode route : routes) {
            String key = route.path("routeKey").asText();
            String path = key.equals("$default") ? "/$default" : key.substring(key.indexOf(' ') + 1);
            String method = key.equals("$default") || key.startsWith("ANY ") ? "x-amazon-apigateway-any-method"
                    : key.substring(0, key.indexOf(' ')).toLowerCase(Locale.ROOT);
            ObjectNode pathItem = paths.get(path) instanceof ObjectNode existing ? existing : paths.putObject(path);
            ObjectNode op = pathItem.putObject(method);
            Matcher m = VARIABLE.matcher(path);
            ArrayNode params = null;
            while (m.find()) {
                if (params == null) {
                    params = op.putArray("parameters");
                }
                ObjectNode p = params.addObject();
                p.put("name", m.group(1));
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "string");
            }
            op.putObject("responses").putObject("default").put("description", "Default response for " + key);
            authorizers.writeRoute(op, route, routeAuthorizers);
            String target = route.path("target").asText("");
            ObjectNode integration = integrations.get(target.startsWith("integrations/") ? target.substring(13) : "");
            if (extensions && integration != null) {
                ObjectNode x = op.putObject("x-amazon-apigateway-integration");
                x.put("payloadFormatVersion", integration.path("payloadFormatVersion").asText("1.0"));
                x.put("type", integration.path("integrationType").asText().toLowerCase(Locale.ROOT));
                x.put("httpMethod", integration.path("integrationMethod").asText("POST"));
                x.put("uri", integration.path("integrationUri").asText());
                x.put("connectionType", integration.path("connectionType").asText("INTERNET"));
                x.put("timeoutInMillis", integration.path("timeoutInMillis").asInt(30000));
            }
            if (key.equals("$default")) {
                op.put("isDefaultRoute", true);
            }
        }
        authorizers.writeSchemes(out, routes, routeAuthorizers, extensions);
        if (extensions) {
            if (api.has("corsConfiguration")) {
                out.set("x-amazon-apigateway-cors", api.get("corsConfiguration"));
            }
            out.put("x-amazon-apigateway-importexport-version", "1.0");
        }
        try {
            return asYaml ? yaml.writeValueAsString(out) : json.writerWithDefaultPrettyPrinter().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
