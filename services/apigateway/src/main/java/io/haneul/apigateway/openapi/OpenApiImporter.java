package io.haneul.apigateway.openapi;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Walks an OpenAPI 3.0 or Swagger 2.0 document into an {@link ImportPlan}: paths and operations
 * become resources and methods (parameters, request and response models, response headers,
 * security), and the {@code x-amazon-apigateway-*} extensions become integrations, authorizers,
 * validators, gateway responses, documentation and the API's own settings, as API Gateway reads them.
 */
public final class OpenApiImporter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> VERBS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "x-amazon-apigateway-any-method");

    private final Supplier<String> ids;

    /** @param ids ids for the models, validators and authorizers the plan creates (AWS's are 6 characters) */
    public OpenApiImporter(Supplier<String> ids) {
        this.ids = ids;
    }

    public ImportPlan plan(ObjectNode doc, ImportOptions options) {
        boolean oas3 = doc.has("openapi");
        List<String> warnings = new ArrayList<>();
        ObjectNode api = apiMembers(doc, options);

        Map<String, String> modelIds = new LinkedHashMap<>();
        List<ObjectNode> models = new ArrayList<>();
        JsonNode schemas = oas3 ? doc.path("components").path("schemas") : doc.path("definitions");
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ObjectNode model = F.objectNode().put("id", ids.get()).put("name", e.getKey()).put("contentType", "application/json");
            model.put("schema", e.getValue().toString());
            modelIds.put(e.getKey(), model.get("id").asText());
            models.add(model);
        }

        Map<String, ObjectNode> validators = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("x-amazon-apigateway-request-validators").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            validators.put(e.getKey(), F.objectNode().put("id", ids.get()).put("name", e.getKey())
                    .put("validateRequestBody", e.getValue().path("validateRequestBody").asBoolean(false))
                    .put("validateRequestParameters", e.getValue().path("validateRequestParameters").asBoolean(false)));
        }

        JsonNode schemes = oas3 ? doc.path("components").path("securitySchemes") : doc.path("securityDefinitions");
        Map<String, ObjectNode> authorizers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().has("x-amazon-apigateway-authorizer")) {
                authorizers.put(e.getKey(), authorizer(e.getKey(), e.getValue()).put("id", ids.get()));
            }
        }

        Map<String, ObjectNode> methods = new LinkedHashMap<>();
        String prefix = basePath(doc, options.basePath());
        String defaultValidator = doc.path("x-amazon-apigateway-request-validator").asText(null);
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = join(prefix, e.getKey());
            ObjectNode byVerb = methods.computeIfAbsent(path, p -> F.objectNode());
            JsonNode item = resolve(doc, e.getValue());
            for (String verb : VERBS) {
                if (!item.has(verb)) {
                    continue;
                }
                String httpMethod = verb.startsWith("x-") ? "ANY" : verb.toUpperCase(Locale.ROOT);
                JsonNode op = item.get(verb);
                ObjectNode method = F.objectNode().put("httpMethod", httpMethod).put("authorizationType", "NONE").put("apiKeyRequired", false);
                if (op.hasNonNull("operationId")) {
                    method.put("operationName", op.get("operationId").asText());
                }
                requestParameters(doc, item.path("parameters"), op.path("parameters"), method);
                requestModels(doc, oas3, op, modelIds, method);
                methodResponses(doc, oas3, op, modelIds, method);
                JsonNode security = op.has("security") ? op.get("security") : doc.path("security");
                security(security, schemes, authorizers, method, warnings, httpMethod + " " + path);
                String validator = op.path("x-amazon-apigateway-request-validator").asText(defaultValidator);
                if (validator != null) {
                    if (validators.containsKey(validator)) {
                        method.put("requestValidatorId", validators.get(validator).get("id").asText());
                    } else {
                        warnings.add("Invalid request validator '" + validator + "' for method '" + httpMethod + " " + path + "'");
                    }
                }
                if (op.has(IntegrationExtension.NAME)) {
                    method.set("methodIntegration", IntegrationExtension.toIntegration(op.get(IntegrationExtension.NAME)));
                }
                byVerb.set(httpMethod, method);
            }
        }

        List<ObjectNode> gatewayResponses = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("x-amazon-apigateway-gateway-responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ObjectNode r = F.objectNode().put("responseType", e.getKey()).put("defaultResponse", false);
            if (e.getValue().has("statusCode")) {
                r.put("statusCode", e.getValue().get("statusCode").asText()); // a string on the wire, often a YAML number
            }
            for (String name : List.of("responseParameters", "responseTemplates")) {
                if (e.getValue().has(name)) {
                    r.set(name, e.getValue().get(name).deepCopy());
                }
            }
            gatewayResponses.add(r);
        }

        List<ObjectNode> parts = new ArrayList<>();
        String docVersion = null;
        JsonNode documentation = doc.path("x-amazon-apigateway-documentation");
        if (!options.ignoreDocumentation() && documentation.isObject()) {
            docVersion = documentation.path("version").asText(null);
            for (JsonNode part : documentation.path("documentationParts")) {
                ObjectNode p = F.objectNode().put("id", ids.get());
                p.set("location", part.path("location").deepCopy());
                JsonNode props = part.path("properties");
                p.put("properties", props.isTextual() ? props.asText() : props.toString());
                parts.add(p);
            }
        }
        return new ImportPlan(api, methods, models, List.copyOf(validators.values()), List.copyOf(authorizers.values()),
                gatewayResponses, parts, docVersion, warnings);
    }

    private static ObjectNode apiMembers(ObjectNode doc, ImportOptions options) {
        ObjectNode api = F.objectNode();
        String title = doc.path("info").path("title").asText("");
        if (title.isBlank()) {
            throw ApiGatewayException.badRequest("Invalid OpenAPI input: info.title is required to name the REST API.");
        }
        api.put("name", title);
        if (doc.path("info").hasNonNull("description")) {
            api.put("description", doc.path("info").get("description").asText());
        }
        if (doc.path("info").hasNonNull("version")) {
            api.put("version", doc.path("info").get("version").asText());
        }
        JsonNode binary = doc.get("x-amazon-apigateway-binary-media-types");
        if (binary != null && binary.isArray()) {
            api.set("binaryMediaTypes", binary.deepCopy());
        }
        if (doc.has("x-amazon-apigateway-api-key-source")) {
            api.put("apiKeySource", doc.get("x-amazon-apigateway-api-key-source").asText().toUpperCase(Locale.ROOT));
        }
        if (doc.has("x-amazon-apigateway-minimum-compression-size")) {
            api.put("minimumCompressionSize", doc.get("x-amazon-apigateway-minimum-compression-size").asInt());
        }
        JsonNode policy = doc.get("x-amazon-apigateway-policy");
        if (policy != null) {
            api.put("policy", policy.isTextual() ? policy.asText() : policy.toString());
        }
        JsonNode endpoint = doc.path("x-amazon-apigateway-endpoint-configuration");
        if (endpoint.has("disableExecuteApiEndpoint")) {
            api.put("disableExecuteApiEndpoint", endpoint.get("disableExecuteApiEndpoint").asBoolean());
        }
        if (!options.endpointTypes().isEmpty() || endpoint.has("vpcEndpointIds")) {
            ObjectNode config = api.putObject("endpointConfiguration");
            ArrayNode types = config.putArray("types");
            (options.endpointTypes().isEmpty() ? List.of("EDGE") : options.endpointTypes()).forEach(types::add);
            if (endpoint.has("vpcEndpointIds")) {
                config.set("vpcEndpointIds", endpoint.get("vpcEndpointIds").deepCopy());
            }
        }
        return api;
    }

    /** The prefix paths get: none ({@code ignore}), the base path ({@code prepend}) or the base path less its first part ({@code split}). */
    private static String basePath(ObjectNode doc, String mode) {
        if (mode.equals("ignore")) {
            return "";
        }
        String base;
        if (doc.has("basePath")) {
            base = doc.get("basePath").asText("");
        } else {
            JsonNode server = doc.path("servers").path(0);
            String url = server.path("url").asText("");
            for (Iterator<Map.Entry<String, JsonNode>> it = server.path("variables").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> v = it.next();
                url = url.replace("{" + v.getKey() + "}", v.getValue().path("default").asText(""));
            }
            try {
                base = url.contains("://") ? URI.create(url).getPath() : url;
            } catch (IllegalArgumentException e) {
                base = "";
            }
        }
        base = base == null ? "" : base.replaceAll("/+$", "");
        if (mode.equals("split")) {
            int second = base.indexOf('/', 1);
            base = second < 0 ? "" : base.substring(second);
        }
        return base;
    }

    private static String join(String prefix, String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        String joined = prefix.isEmpty() ? p : prefix + (p.equals("/") ? "" : p);
        return joined.length() > 1 ? joined.replaceAll("/+$", "") : joined;
    }

    private static void requestParameters(ObjectNode doc, JsonNode pathLevel, JsonNode opLevel, ObjectNode method) {
        ObjectNode params = F.objectNode();
        for (JsonNode list : List.of(pathLevel, opLevel)) {
            for (JsonNode raw : list) {
                JsonNode p = resolve(doc, raw);
                String in = p.path("in").asText();
                String location = switch (in) {
                    case "path" -> "path";
                    case "query" -> "querystring";
                    case "header" -> "header";
                    default -> null;
                };
                if (location != null) {
                    params.put("method.request." + location + "." + p.path("name").asText(),
                            in.equals("path") || p.path("required").asBoolean(false));
                }
            }
        }
        if (!params.isEmpty()) {
            method.set("requestParameters", params);
        }
    }

    private static void requestModels(ObjectNode doc, boolean oas3, JsonNode op, Map<String, String> modelIds, ObjectNode method) {
        ObjectNode models = F.objectNode();
        if (oas3) {
            JsonNode body = resolve(doc, op.path("requestBody"));
            for (Iterator<Map.Entry<String, JsonNode>> it = body.path("content").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String model = modelName(e.getValue().path("schema"), modelIds);
                if (model != null) {
                    models.put(e.getKey(), model);
                }
            }
        } else {
            for (JsonNode raw : op.path("parameters")) {
                JsonNode p = resolve(doc, raw);
                String model = p.path("in").asText().equals("body") ? modelName(p.path("schema"), modelIds) : null;
                if (model != null) {
                    for (String type : contentTypes(doc, op, "consumes")) {
                        models.put(type, model);
                    }
                }
            }
        }
        if (!models.isEmpty()) {
            method.set("requestModels", models);
        }
    }

    private static void methodResponses(ObjectNode doc, boolean oas3, JsonNode op, Map<String, String> modelIds, ObjectNode method) {
        ObjectNode responses = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("[1-5]\\d\\d")) {
                continue;
            }
            JsonNode r = resolve(doc, e.getValue());
            ObjectNode response = F.objectNode().put("statusCode", e.getKey());
            ObjectNode headers = F.objectNode();
            r.path("headers").fieldNames().forEachRemaining(h -> headers.put("method.response.header." + h, false));
            if (!headers.isEmpty()) {
                response.set("responseParameters", headers);
            }
            ObjectNode models = F.objectNode();
            if (oas3) {
                for (Iterator<Map.Entry<String, JsonNode>> c = r.path("content").fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> ct = c.next();
                    String model = modelName(ct.getValue().path("schema"), modelIds);
                    if (model != null) {
                        models.put(ct.getKey(), model);
                    }
                }
            } else {
                String model = modelName(r.path("schema"), modelIds);
                if (model != null) {
                    for (String type : contentTypes(doc, op, "produces")) {
                        models.put(type, model);
                    }
                }
            }
            if (!models.isEmpty()) {
                response.set("responseModels", models);
            }
            responses.set(e.getKey(), response);
        }
        if (!responses.isEmpty()) {
            method.set("methodResponses", responses);
        }
    }

    private static void security(JsonNode security, JsonNode schemes, Map<String, ObjectNode> authorizers, ObjectNode method,
                                 List<String> warnings, String where) {
        for (JsonNode requirement : security) {
            for (Iterator<Map.Entry<String, JsonNode>> it = requirement.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode scheme = schemes.path(e.getKey());
                if (authorizers.containsKey(e.getKey())) {
                    ObjectNode authorizer = authorizers.get(e.getKey());
                    boolean cognito = authorizer.path("type").asText().equals("COGNITO_USER_POOLS");
                    method.put("authorizationType", cognito ? "COGNITO_USER_POOLS" : "CUSTOM");
                    method.put("authorizerId", authorizer.get("id").asText());
                    if (cognito && !e.getValue().isEmpty()) {
                        method.set("authorizationScopes", e.getValue().deepCopy());
                    }
                } else if ("awsSigv4".equalsIgnoreCase(scheme.path("x-amazon-apigateway-authtype").asText())) {
                    method.put("authorizationType", "AWS_IAM");
                } else if (scheme.path("type").asText().equals("apiKey")) {
                    method.put("apiKeyRequired", true);
                } else {
                    warnings.add("Unsupported security scheme '" + e.getKey() + "' on method '" + where + "'; it was ignored.");
                }
            }
        }
    }

    private static ObjectNode authorizer(String name, JsonNode scheme) {
        JsonNode ext = scheme.get("x-amazon-apigateway-authorizer");
        String type = ext.path("type").asText("token").toUpperCase(Locale.ROOT);
        ObjectNode a = F.objectNode().put("name", name).put("type", type);
        for (String member : List.of("authorizerUri", "authorizerCredentials", "identitySource", "identityValidationExpression",
                "authorizerResultTtlInSeconds", "providerARNs")) {
            if (ext.has(member)) {
                a.set(member, ext.get(member).deepCopy());
            }
        }
        if (!a.has("identitySource") && type.equals("TOKEN") && scheme.path("in").asText().equals("header")) {
            a.put("identitySource", "method.request.header." + scheme.path("name").asText());
        }
        if (scheme.has("x-amazon-apigateway-authtype")) {
            a.put("authType", scheme.get("x-amazon-apigateway-authtype").asText());
        }
        return a;
    }

    private static List<String> contentTypes(ObjectNode doc, JsonNode op, String member) {
        JsonNode types = op.has(member) ? op.get(member) : doc.path(member);
        List<String> out = new ArrayList<>();
        types.forEach(t -> out.add(t.asText()));
        return out.isEmpty() ? List.of("application/json") : out;
    }

    /** The model a schema names: a {@code $ref} to a definition (or components schema) of the document. */
    private static String modelName(JsonNode schema, Map<String, String> modelIds) {
        String ref = schema.path("$ref").asText("");
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return modelIds.containsKey(name) ? name : null;
    }

    /** A node, or what its local {@code $ref} points at. */
    private static JsonNode resolve(ObjectNode doc, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        try {
            JsonNode target = doc.at(JsonPointer.compile(ref.substring(1)));
            return target.isMissingNode() ? node : target;
        } catch (IllegalArgumentException e) {
            throw ApiGatewayException.badRequest("Invalid OpenAPI input: unreadable reference " + ref);
        }
    }
}
