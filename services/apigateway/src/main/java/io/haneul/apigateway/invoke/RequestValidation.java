package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The method's request validator, as deployed ({@code requestValidatorId}): with
 * {@code validateRequestParameters} every request parameter marked required
 * ({@code method.request.querystring.x: true}) must be present and not blank, else 400
 * {@code Missing required request parameters: [x, y]} (BAD_REQUEST_PARAMETERS); with
 * {@code validateRequestBody} the body must be valid against the model the method names for the
 * request's Content-Type (application/json when none is sent), else {@code $default}'s, else it is
 * not checked; an invalid one is 400 {@code Invalid request body} (BAD_REQUEST_BODY). Both are
 * {@code BadRequestException}s.
 */
public final class RequestValidation implements InvokeStep {

    private final DeployedItems items;
    private final BodyValidator bodies;

    public RequestValidation(DeployedItems items, BodyValidator bodies) {
        this.items = items;
        this.bodies = bodies;
    }

    @Override
    public InvokeRequest apply(InvokeRequest r) {
        JsonNode method = r.match().method();
        String validatorId = method.path("requestValidatorId").asText("");
        if (validatorId.isBlank()) {
            return r;
        }
        JsonNode validator = items.of(r.apiId(), r.deploymentId(), DeployedItems.REQUEST_VALIDATORS).get(validatorId);
        if (validator == null) {
            return r;
        }
        if (validator.path("validateRequestParameters").asBoolean(false)) {
            List<String> missing = missingParameters(method, r);
            if (!missing.isEmpty()) {
                String message = "Missing required request parameters: [" + String.join(", ", missing) + "]";
                throw new GatewayFailure(GatewayResponseType.BAD_REQUEST_PARAMETERS, 0, message, "BadRequestException", null, message);
            }
        }
        if (validator.path("validateRequestBody").asBoolean(false)) {
            String model = model(method.path("requestModels"), r.headers().first("Content-Type"));
            if (model != null) {
                Map<String, String> schemas = new HashMap<>();
                ObjectNode models = items.of(r.apiId(), r.deploymentId(), DeployedItems.MODELS);
                models.fields().forEachRemaining(m -> schemas.put(m.getKey(), m.getValue().path("schema").asText()));
                List<String> errors = bodies.validate(r.apiId(), r.deploymentId(), model, schemas, new String(r.body(), StandardCharsets.UTF_8));
                if (!errors.isEmpty()) {
                    throw new GatewayFailure(GatewayResponseType.BAD_REQUEST_BODY, 0, "Invalid request body", "BadRequestException", null,
                            "[" + String.join(", ", errors) + "]");
                }
            }
        }
        return r;
    }

    /** The model for the request's content type, else the {@code $default} one, else null. */
    static String model(JsonNode requestModels, String contentType) {
        String type = contentType == null ? "application/json" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        JsonNode name = requestModels.get(type);
        if (name == null) {
            name = requestModels.get("$default");
        }
        return name == null || name.asText().isEmpty() ? null : name.asText();
    }

    /** The names of required parameters the request lacks or sends blank, in the order of their expressions. */
    private static List<String> missingParameters(JsonNode method, InvokeRequest r) {
        Map<String, String> required = new TreeMap<>();
        method.path("requestParameters").fields().forEachRemaining(p -> {
            if (p.getValue().asBoolean(false)) {
                required.put(p.getKey(), p.getKey().substring(p.getKey().lastIndexOf('.') + 1));
            }
        });
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> query = r.query();
        required.forEach((expression, name) -> {
            String location = expression.substring("method.request.".length(), expression.lastIndexOf('.'));
            boolean present = switch (location) {
                case "querystring", "multivaluequerystring" -> query.getOrDefault(name, List.of()).stream().anyMatch(v -> !v.isBlank());
                case "header", "multivalueheader" -> r.headers().all(name).stream().anyMatch(v -> !v.isBlank());
                case "path" -> !r.match().pathParameters().getOrDefault(name, "").isBlank();
                default -> true;
            };
            if (!present) {
                missing.add(name);
            }
        });
        return missing;
    }
}
