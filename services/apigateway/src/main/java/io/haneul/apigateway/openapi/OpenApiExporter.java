package io.haneul.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deployed stage as GetExport writes it: OpenAPI 3.0.1 ({@code oas30}) or Swagger 2.0
 * ({@code swagger}), with the {@code x-amazon-apigateway-*} extensions the {@code extensions}
 * parameter asks for ({@code integrations}, {@code apigateway} for all of them, {@code postman} for
 * none) so that the export can be imported again.
 */
public final class OpenApiExporter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OpenApiExporter() {
    }

    /**
     * @param api       the REST API document
     * @param stageName the exported stage
     * @param resources the stage's deployed resources (with {@code path})
     * @param host      the invoke host, e.g. {@code abc123.execute-api.us-east-1.amazonaws.com}
     */
    public static ObjectNode export(JsonNode api, String stageName, ArrayNode resources, String host, boolean oas3, Set<String> extensions) {
        return export(api, stageName, resources, JsonNodeFactory.instance.objectNode(), host, oas3, extensions);
    }

    /**
     * @param items the deployment's frozen models, authorizers and validators ({@code {kind: {key: doc}}}), see {@link ExportedItems}
     */
    public static ObjectNode export(JsonNode api, String stageName, ArrayNode resources, JsonNode items, String host, boolean oas3,
                                    Set<String> extensions) {
        ExportedItems exported = new ExportedItems(items, oas3, extensions.contains("authorizers") || extensions.contains("apigateway"),
                extensions.contains("validators") || extensions.contains("apigateway"));
        boolean sigv4 = false;
        boolean integrations = extensions.contains("integrations") || extensions.contains("apigateway");
        boolean apigateway = extensions.contains("apigateway");
        ObjectNode doc = F.objectNode();
        if (oas3) {
            doc.put("openapi", "3.0.1");
        } else {
            doc.put("swagger", "2.0");
        }
        ObjectNode info = doc.putObject("info");
        if (api.hasNonNull("description")) {
            info.put("description", api.get("description").asText());
        }
        info.put("version", api.hasNonNull("version") ? api.get("version").asText()
                : Instant.ofEpochSecond(api.path("createdDate").asLong()).toString());
        info.put("title", api.path("name").asText());
        if (oas3) {
            ObjectNode server = doc.putArray("servers").addObject();
            server.put("url", "https://" + host + "/{basePath}");
            server.putObject("variables").putObject("basePath").put("default", stageName);
        } else {
            doc.put("host", host);
            doc.put("basePath", "/" + stageName);
            doc.putArray("schemes").add("https");
        }
        ObjectNode paths = doc.putObject("paths");
        for (JsonNode resource : resources) {
            JsonNode methods = resource.path("resourceMethods");
            if (methods.isEmpty()) {
                continue;
            }
            ObjectNode item = paths.putObject(resource.path("path").asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = methods.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String verb = e.getKey().equals("ANY") ? "x-amazon-apigateway-any-method" : e.getKey().toLowerCase(Locale.ROOT);
                ObjectNode op = operation(e.getValue(), oas3, integrations);
                exported.addTo(op, e.getValue());
                sigv4 |= op.path("security").toString().contains("\"sigv4\"");
                item.set(verb, op);
            }
        }
        exported.addTo(doc);
        if (sigv4) {
            ExportedItems.addSigv4(doc, oas3);
        }
        if (doc.toString().contains("\"api_key\"")) {
            ObjectNode scheme = (oas3 ? doc.with("components").with("securitySchemes") : doc.with("securityDefinitions"))
                    .putObject("api_key");
            scheme.put("type", "apiKey").put("name", "x-api-key").put("in", "header");
        }
        if (apigateway) {
            if (api.has("binaryMediaTypes") && !api.get("binaryMediaTypes").isEmpty()) {
                doc.set("x-amazon-apigateway-binary-media-types", api.get("binaryMediaTypes").deepCopy());
            }
            if (api.has("apiKeySource")) {
                doc.put("x-amazon-apigateway-api-key-source", api.get("apiKeySource").asText());
            }
            if (api.has("minimumCompressionSize")) {
                doc.put("x-amazon-apigateway-minimum-compression-size", api.get("minimumCompressionSize").asInt());
            }
        }
        return doc;
    }

    private static ObjectNode operation(JsonNode method, boolean oas3, boolean integrations) {
        ObjectNode op = F.objectNode();
        if (method.hasNonNull("operationName")) {
            op.put("operationId", method.get("operationName").asText());
        }
        ArrayNode parameters = F.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = method.path("requestParameters").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] parts = e.getKey().split("\\.", 4);
            if (parts.length < 4) {
                continue;
            }
            String in = switch (parts[2]) {
                case "path" -> "path";
                case "querystring", "multivaluequerystring" -> "query";
                default -> "header";
            };
            ObjectNode p = parameters.addObject().put("name", parts[3]).put("in", in).put("required", in.equals("path") || e.getValue().asBoolean());
            if (oas3) {
                p.putObject("schema").put("type", "string");
            } else {
                p.put("type", "string");
            }
        }
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        ObjectNode responses = op.putObject("responses");
        for (JsonNode response : method.path("methodResponses")) {
            ObjectNode r = responses.putObject(response.path("statusCode").asText());
            r.put("description", response.path("statusCode").asText() + " response");
            ObjectNode headers = F.objectNode();
            response.path("responseParameters").fieldNames().forEachRemaining(name -> {
                ObjectNode h = headers.putObject(name.substring(name.lastIndexOf('.') + 1));
                if (oas3) {
                    h.putObject("schema").put("type", "string");
                } else {
                    h.put("type", "string");
                }
            });
            if (!headers.isEmpty()) {
                r.set("headers", headers);
            }
        }
        if (responses.isEmpty() && !oas3) {
            responses.putObject("200").put("description", "200 response");
        }
        if (method.path("apiKeyRequired").asBoolean(false)) {
            op.putArray("security").addObject().putArray("api_key");
        }
        if (integrations && method.has("methodIntegration")) {
            op.set(IntegrationExtension.NAME, IntegrationExtension.toExtension(method.get("methodIntegration")));
        }
        return op;
    }

    /** The extension names GetExport's {@code extensions} parameter lists, lower-cased. */
    public static Set<String> extensions(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Set.of();
        }
        return Set.copyOf(List.of(parameter.toLowerCase(Locale.ROOT).split("\\s*,\\s*")));
    }
}
