package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.IntegrationRules;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.domain.ResourceTree;
import io.haneul.apigateway.store.SqlRestApiStore;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Methods, method responses, integrations and integration responses: all kept inside their
 * resource's document ({@code resourceMethods.GET.methodIntegration.integrationResponses.200}), each
 * change one read-modify-write of that document in a transaction.
 */
public final class MethodService {

    static final Map<String, Kind> METHOD_PATCH = PatchApplier.spec(
            "/authorizationType", Kind.STRING, "/authorizerId", Kind.STRING, "/apiKeyRequired", Kind.BOOLEAN,
            "/requestValidatorId", Kind.STRING, "/operationName", Kind.STRING, "/requestParameters/*", Kind.BOOLEAN_MAP,
            "/requestModels/*", Kind.STRING_MAP, "/authorizationScopes/*", Kind.STRING_SET);
    static final Map<String, Kind> METHOD_RESPONSE_PATCH = PatchApplier.spec(
            "/responseParameters/*", Kind.BOOLEAN_MAP, "/responseModels/*", Kind.STRING_MAP);
    static final Map<String, Kind> INTEGRATION_PATCH = PatchApplier.spec(
            "/uri", Kind.STRING, "/httpMethod", Kind.STRING, "/passthroughBehavior", Kind.STRING, "/contentHandling", Kind.STRING,
            "/timeoutInMillis", Kind.INTEGER, "/credentials", Kind.STRING, "/connectionType", Kind.STRING,
            "/connectionId", Kind.STRING, "/cacheNamespace", Kind.STRING, "/requestParameters/*", Kind.STRING_MAP,
            "/requestTemplates/*", Kind.STRING_MAP, "/cacheKeyParameters/*", Kind.STRING_SET,
            "/tlsConfig/insecureSkipVerification", Kind.BOOLEAN);
    static final Map<String, Kind> INTEGRATION_RESPONSE_PATCH = PatchApplier.spec(
            "/selectionPattern", Kind.STRING, "/contentHandling", Kind.STRING, "/responseParameters/*", Kind.STRING_MAP,
            "/responseTemplates/*", Kind.STRING_MAP);
    private static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");

    private final SqlRestApiStore store;

    public MethodService(SqlRestApiStore store) {
        this.store = store;
    }

    /** Names one method: the API, the resource and the HTTP method. */
    public record MethodKey(String account, String region, String apiId, String resourceId, String httpMethod) {
    }

    // methods

    public ObjectNode putMethod(MethodKey key, ObjectNode in) {
        if (!IntegrationRules.isMethod(key.httpMethod())) {
            throw ApiGatewayException.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
        }
        return changeChecked(key, resource -> {
            ObjectNode methods = resource.has("resourceMethods") ? (ObjectNode) resource.get("resourceMethods")
                    : resource.putObject("resourceMethods");
            if (methods.has(key.httpMethod())) {
                throw ApiGatewayException.conflict("Method already exists for this resource");
            }
            ObjectNode method = in.deepCopy();
            method.put("httpMethod", key.httpMethod());
            if (!method.has("apiKeyRequired")) {
                method.put("apiKeyRequired", false);
            }
            checkMethod(method);
            methods.set(key.httpMethod(), method);
            return method.deepCopy();
        });
    }

    public ObjectNode getMethod(MethodKey key) {
        return look(key, resource -> method(resource, key).deepCopy());
    }

    public ObjectNode updateMethod(MethodKey key, List<PatchApplier.Operation> ops) {
        return changeChecked(key, resource -> {
            ObjectNode method = method(resource, key);
            PatchApplier.apply(method, ops, METHOD_PATCH);
            checkMethod(method);
            return method.deepCopy();
        });
    }

    public void deleteMethod(MethodKey key) {
        change(key, resource -> {
            method(resource, key);
            ((ObjectNode) resource.get("resourceMethods")).remove(key.httpMethod());
            return null;
        });
    }

    // method responses

    public ObjectNode putMethodResponse(MethodKey key, String statusCode, ObjectNode in) {
        IntegrationRules.checkStatusCode(statusCode);
        return changeChecked(key, resource -> {
            ObjectNode method = method(resource, key);
            ObjectNode responses = method.has("methodResponses") ? (ObjectNode) method.get("methodResponses")
                    : method.putObject("methodResponses");
            ObjectNode response = in.deepCopy();
            response.put("statusCode", statusCode);
            responses.set(statusCode, response);
            return response.deepCopy();
        });
    }

    public ObjectNode getMethodResponse(MethodKey key, String statusCode) {
        return look(key, resource -> methodResponse(method(resource, key), statusCode).deepCopy());
    }

    public ObjectNode updateMethodResponse(MethodKey key, String statusCode, List<PatchApplier.Operation> ops) {
        return changeChecked(key, resource -> {
            ObjectNode response = methodResponse(method(resource, key), statusCode);
            PatchApplier.apply(response, ops, METHOD_RESPONSE_PATCH);
            return response.deepCopy();
        });
    }

    public void deleteMethodResponse(MethodKey key, String statusCode) {
        change(key, resource -> {
            ObjectNode method = method(resource, key);
            methodResponse(method, statusCode);
            ((ObjectNode) method.get("methodResponses")).remove(statusCode);
            return null;
        });
    }

    // integrations

    public ObjectNode putIntegration(MethodKey key, ObjectNode in) {
        return change(key, resource -> {
            ObjectNode method = method(resource, key);
            ObjectNode integration = in.deepCopy();
            IntegrationRules.defaults(integration, key.resourceId());
            IntegrationRules.check(integration);
            method.set("methodIntegration", integration);
            return integration.deepCopy();
        });
    }

    public ObjectNode getIntegration(MethodKey key) {
        return look(key, resource -> integration(method(resource, key)).deepCopy());
    }

    public ObjectNode updateIntegration(MethodKey key, List<PatchApplier.Operation> ops) {
        return change(key, resource -> {
            ObjectNode integration = integration(method(resource, key));
            PatchApplier.apply(integration, ops, INTEGRATION_PATCH);
            IntegrationRules.check(integration);
            return integration.deepCopy();
        });
    }

    public void deleteIntegration(MethodKey key) {
        change(key, resource -> {
            ObjectNode method = method(resource, key);
            integration(method);
            method.remove("methodIntegration");
            return null;
        });
    }

    // integration responses

    public ObjectNode putIntegrationResponse(MethodKey key, String statusCode, ObjectNode in) {
        IntegrationRules.checkStatusCode(statusCode);
        return change(key, resource -> {
            ObjectNode method = method(resource, key);
            ObjectNode integration = integration(method);
            methodResponse(method, statusCode);
            ObjectNode responses = integration.has("integrationResponses") ? (ObjectNode) integration.get("integrationResponses")
                    : integration.putObject("integrationResponses");
            ObjectNode response = in.deepCopy();
            response.put("statusCode", statusCode);
            responses.set(statusCode, response);
            return response.deepCopy();
        });
    }

    public ObjectNode getIntegrationResponse(MethodKey key, String statusCode) {
        return look(key, resource -> integrationResponse(integration(method(resource, key)), statusCode).deepCopy());
    }

    public ObjectNode updateIntegrationResponse(MethodKey key, String statusCode, List<PatchApplier.Operation> ops) {
        return change(key, resource -> {
            ObjectNode response = integrationResponse(integration(method(resource, key)), statusCode);
            PatchApplier.apply(response, ops, INTEGRATION_RESPONSE_PATCH);
            return response.deepCopy();
        });
    }

    public void deleteIntegrationResponse(MethodKey key, String statusCode) {
        change(key, resource -> {
            ObjectNode integration = integration(method(resource, key));
            integrationResponse(integration, statusCode);
            ((ObjectNode) integration.get("integrationResponses")).remove(statusCode);
            return null;
        });
    }

    // lookups inside a resource document

    private static ObjectNode method(ObjectNode resource, MethodKey key) {
        JsonNode method = resource.path("resourceMethods").get(key.httpMethod());
        if (!(method instanceof ObjectNode m)) {
            throw ApiGatewayException.notFound("Invalid Method identifier specified");
        }
        return m;
    }

    private static ObjectNode methodResponse(ObjectNode method, String statusCode) {
        JsonNode response = method.path("methodResponses").get(statusCode);
        if (!(response instanceof ObjectNode r)) {
            throw ApiGatewayException.notFound("Invalid Response status code specified");
        }
        return r;
    }

    private static ObjectNode integration(ObjectNode method) {
        JsonNode integration = method.get("methodIntegration");
        if (!(integration instanceof ObjectNode i)) {
            throw ApiGatewayException.notFound("Invalid Integration identifier specified");
        }
        return i;
    }

    private static ObjectNode integrationResponse(ObjectNode integration, String statusCode) {
        JsonNode response = integration.path("integrationResponses").get(statusCode);
        if (!(response instanceof ObjectNode r)) {
            throw ApiGatewayException.notFound("Invalid Response status code specified");
        }
        return r;
    }

    private static void checkMethod(ObjectNode method) {
        String type = method.path("authorizationType").asText("");
        if (!AUTHORIZATION_TYPES.contains(type)) {
            throw ApiGatewayException.badRequest("Invalid authorization type specified: " + type
                    + ". Valid values are NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS");
        }
        if ((type.equals("CUSTOM") || type.equals("COGNITO_USER_POOLS")) && method.path("authorizerId").asText("").isEmpty()) {
            throw ApiGatewayException.badRequest("Invalid authorizer ID specified. "
                    + "Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.");
        }
        JsonNode params = method.path("requestParameters");
        java.util.Set<String> names = new java.util.HashSet<>();
        params.fieldNames().forEachRemaining(name -> {
            if (!names.add(name.substring(name.lastIndexOf('.') + 1))) {
                throw ApiGatewayException.badRequest("Parameter names must be unique across querystring, header and path");
            }
            if (!name.matches("method\\.request\\.(path|querystring|multivaluequerystring|header|multivalueheader)\\..+")) {
                throw ApiGatewayException.badRequest("Invalid mapping expression specified: " + name);
            }
        });
    }

    private <T> T look(MethodKey key, Function<ObjectNode, T> work) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, key.account(), key.region(), key.apiId());
            return work.apply(new ResourceTree(tx.resources(key.apiId())).require(key.resourceId()));
        });
    }

    /**
     * A change after which the method's {@code requestValidatorId}, {@code requestModels} and its
     * responses' {@code responseModels} must name items the API has, as AWS checks them.
     */
    private <T> T changeChecked(MethodKey key, Function<ObjectNode, T> work) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, key.account(), key.region(), key.apiId());
            ObjectNode resource = new ResourceTree(tx.resources(key.apiId())).require(key.resourceId());
            T result = work.apply(resource);
            JsonNode method = resource.path("resourceMethods").path(key.httpMethod());
            String validator = method.path("requestValidatorId").asText("");
            if (!validator.isEmpty() && tx.item(key.apiId(), RequestValidatorService.KIND, validator).isEmpty()) {
                throw ApiGatewayException.badRequest("Invalid Request Validator identifier specified");
            }
            List<JsonNode> modelMaps = new java.util.ArrayList<>(List.of(method.path("requestModels")));
            method.path("methodResponses").forEach(r -> modelMaps.add(r.path("responseModels")));
            for (JsonNode models : modelMaps) {
                for (JsonNode model : models) {
                    if (tx.item(key.apiId(), ModelService.KIND, model.asText()).isEmpty()) {
                        throw ApiGatewayException.badRequest("Invalid model identifier specified: " + model.asText());
                    }
                }
            }
            tx.putResource(key.apiId(), resource);
            return result;
        });
    }

    private <T> T change(MethodKey key, Function<ObjectNode, T> work) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, key.account(), key.region(), key.apiId());
            ObjectNode resource = new ResourceTree(tx.resources(key.apiId())).require(key.resourceId());
            T result = work.apply(resource);
            tx.putResource(key.apiId(), resource);
            return result;
        });
    }
}
