package io.haneul.apigateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * What GetExport writes of a deployment's other items, in the form {@link OpenApiImporter} reads
 * back: models as {@code components/schemas} (Swagger: {@code definitions}) with their
 * {@code https://apigateway.amazonaws.com/restapis/.../models/X} references made local, and the
 * methods' request and response models as references to them; authorizers as security schemes with
 * {@code x-amazon-apigateway-authorizer} (and AWS_IAM as the {@code sigv4} scheme), each method's
 * {@code security}; request validators as {@code x-amazon-apigateway-request-validators} and each
 * method's {@code x-amazon-apigateway-request-validator}.
 *
 * @param items the deployment's frozen items, {@code {kind: {key: doc}}}
 */
record ExportedItems(JsonNode items, boolean oas3, boolean authorizers, boolean validators) {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL_URL = "https://apigateway.amazonaws.com/restapis/[^/\"]+/models/";

    /** Adds the API-wide parts to the exported document. */
    void addTo(ObjectNode doc) {
        ObjectNode schemas = F.objectNode();
        for (JsonNode model : items.path("model")) {
            try {
                String schema = model.path("schema").asText("{}").replaceAll(MODEL_URL, oas3 ? "#/components/schemas/" : "#/definitions/");
                schemas.set(model.path("name").asText(), JSON.readTree(schema));
            } catch (Exception e) {
                // a model whose schema is not JSON has no OpenAPI form
            }
        }
        if (!schemas.isEmpty()) {
            (oas3 ? components(doc) : doc).set(oas3 ? "schemas" : "definitions", schemas);
        }
        if (authorizers) {
            ObjectNode schemes = F.objectNode();
            for (JsonNode a : items.path("authorizer")) {
                schemes.set(a.path("name").asText(), scheme(a));
            }
            if (!schemes.isEmpty()) {
                ObjectNode target = oas3 ? components(doc).with("securitySchemes") : doc.with("securityDefinitions");
                target.setAll(schemes);
            }
        }
        if (validators) {
            ObjectNode out = F.objectNode();
            for (JsonNode v : items.path("requestvalidator")) {
                out.putObject(v.path("name").asText()).put("validateRequestBody", v.path("validateRequestBody").asBoolean(false))
                        .put("validateRequestParameters", v.path("validateRequestParameters").asBoolean(false));
            }
            if (!out.isEmpty()) {
                doc.set("x-amazon-apigateway-request-validators", out);
            }
        }
    }

    /** True when the document will have the {@code sigv4} scheme some method needs. */
    static void addSigv4(ObjectNode doc, boolean oas3) {
        ObjectNode target = oas3 ? components(doc).with("securitySchemes") : doc.with("securityDefinitions");
        target.putObject("sigv4").put("type", "apiKey").put("name", "Authorization").put("in", "header")
                .put("x-amazon-apigateway-authtype", "awsSigv4");
    }

    /** Adds one method's models, security and validator to its operation. */
    void addTo(ObjectNode op, JsonNode method) {
        JsonNode requestModels = method.path("requestModels");
        if (!requestModels.isEmpty()) {
            if (oas3) {
                ObjectNode content = op.putObject("requestBody").putObject("content");
                requestModels.fields().forEachRemaining(e -> content.putObject(e.getKey()).set("schema", ref(e.getValue().asText())));
                ((ObjectNode) op.get("requestBody")).put("required", true);
            } else {
                ArrayNode consumes = op.putArray("consumes");
                requestModels.fieldNames().forEachRemaining(consumes::add);
                ArrayNode parameters = op.has("parameters") ? (ArrayNode) op.get("parameters") : op.putArray("parameters");
                String model = requestModels.elements().next().asText();
                parameters.addObject().put("in", "body").put("name", model).put("required", true).set("schema", ref(model));
            }
        }
        for (JsonNode response : method.path("methodResponses")) {
            JsonNode models = response.path("responseModels");
            ObjectNode r = (ObjectNode) op.path("responses").get(response.path("statusCode").asText());
            if (models.isEmpty() || r == null) {
                continue;
            }
            if (oas3) {
                ObjectNode content = r.putObject("content");
                models.fields().forEachRemaining(e -> content.putObject(e.getKey()).set("schema", ref(e.getValue().asText())));
            } else {
                r.set("schema", ref(models.elements().next().asText()));
            }
        }
        if (authorizers) {
            String type = method.path("authorizationType").asText("NONE");
            JsonNode authorizer = type.equals("CUSTOM") || type.equals("COGNITO_USER_POOLS")
                    ? items.path("authorizer").path(method.path("authorizerId").asText()) : null;
            ArrayNode security = op.has("security") ? (ArrayNode) op.get("security") : F.arrayNode();
            if (authorizer != null && !authorizer.isMissingNode()) {
                ArrayNode scopes = security.addObject().putArray(authorizer.path("name").asText());
                method.path("authorizationScopes").forEach(s -> scopes.add(s.asText()));
            } else if (type.equals("AWS_IAM")) {
                security.addObject().putArray("sigv4");
            }
            if (!security.isEmpty()) {
                op.set("security", security);
            }
        }
        if (validators && method.hasNonNull("requestValidatorId")) {
            JsonNode v = items.path("requestvalidator").path(method.get("requestValidatorId").asText());
            if (!v.isMissingNode()) {
                op.put("x-amazon-apigateway-request-validator", v.path("name").asText());
            }
        }
    }

    private ObjectNode ref(String model) {
        return F.objectNode().put("$ref", (oas3 ? "#/components/schemas/" : "#/definitions/") + model);
    }

    private static ObjectNode components(ObjectNode doc) {
        return doc.with("components");
    }

    private static ObjectNode scheme(JsonNode a) {
        String type = a.path("type").asText("TOKEN");
        ObjectNode s = F.objectNode().put("type", "apiKey");
        String source = a.path("identitySource").asText("");
        s.put("name", type.equals("TOKEN") || type.equals("COGNITO_USER_POOLS") && source.startsWith("method.request.header.")
                ? source.replaceFirst("^method\\.request\\.header\\.", "") : "Unused");
        s.put("in", "header");
        s.put("x-amazon-apigateway-authtype", type.equals("COGNITO_USER_POOLS") ? "cognito_user_pools" : a.path("authType").asText("custom"));
        ObjectNode ext = s.putObject("x-amazon-apigateway-authorizer");
        ext.put("type", type.toLowerCase(Locale.ROOT));
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "authorizerUri", "authorizerCredentials", "identitySource", "identityValidationExpression",
                     "authorizerResultTtlInSeconds", "providerARNs" -> ext.set(e.getKey(), e.getValue().deepCopy());
                default -> {
                }
            }
        }
        return s;
    }
}
