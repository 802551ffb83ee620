package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.IntegrationRules;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.invoke.DeployedItems;
import io.haneul.apigateway.invoke.GatewayResponseType;
import io.haneul.apigateway.invoke.GatewayResponses;
import io.haneul.apigateway.store.SqlRestApiStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A REST API's gateway responses: every type has AWS's default ({@code defaultResponse: true}, the
 * template {@code {"message":$context.error.messageString}}) until PutGatewayResponse or
 * UpdateGatewayResponse customises it ({@code defaultResponse: false}). Like the rest of an API they
 * take effect when deployed.
 */
public final class GatewayResponseService {

    static final String KIND = DeployedItems.GATEWAY_RESPONSES;
    static final Map<String, Kind> RESPONSE_PATCH = PatchApplier.spec(
            "/statusCode", Kind.STRING, "/responseParameters/*", Kind.STRING_MAP, "/responseTemplates/*", Kind.STRING_MAP);
    /** The order GetGatewayResponses lists the types in, as AWS does. */
    static final List<GatewayResponseType> ORDER = List.of(GatewayResponseType.REQUEST_TOO_LARGE, GatewayResponseType.RESOURCE_NOT_FOUND,
            GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, GatewayResponseType.MISSING_AUTHENTICATION_TOKEN,
            GatewayResponseType.BAD_REQUEST_BODY, GatewayResponseType.INVALID_SIGNATURE, GatewayResponseType.INVALID_API_KEY,
            GatewayResponseType.BAD_REQUEST_PARAMETERS, GatewayResponseType.AUTHORIZER_FAILURE, GatewayResponseType.UNAUTHORIZED,
            GatewayResponseType.INTEGRATION_TIMEOUT, GatewayResponseType.ACCESS_DENIED, GatewayResponseType.DEFAULT_4XX,
            GatewayResponseType.DEFAULT_5XX, GatewayResponseType.WAF_FILTERED, GatewayResponseType.QUOTA_EXCEEDED,
            GatewayResponseType.THROTTLED, GatewayResponseType.API_CONFIGURATION_ERROR, GatewayResponseType.UNSUPPORTED_MEDIA_TYPE,
            GatewayResponseType.INTEGRATION_FAILURE, GatewayResponseType.EXPIRED_TOKEN);

    private final SqlRestApiStore store;

    public GatewayResponseService(SqlRestApiStore store) {
        this.store = store;
    }

    public ObjectNode put(String account, String region, String apiId, String type, ObjectNode in) {
        GatewayResponseType t = type(type);
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode response = JsonNodeFactory.instance.objectNode();
            response.put("responseType", t.name());
            if (in.hasNonNull("statusCode")) {
                response.put("statusCode", in.get("statusCode").asText());
            }
            response.set("responseParameters", in.has("responseParameters") ? in.get("responseParameters").deepCopy()
                    : JsonNodeFactory.instance.objectNode());
            response.set("responseTemplates", in.has("responseTemplates") ? in.get("responseTemplates").deepCopy()
                    : JsonNodeFactory.instance.objectNode());
            response.put("defaultResponse", false);
            check(response);
            tx.putItem(apiId, KIND, t.name(), response);
            return response;
        });
    }

    public ObjectNode get(String account, String region, String apiId, String type) {
        GatewayResponseType t = type(type);
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            return tx.item(apiId, KIND, t.name()).orElseGet(() -> defaults(t));
        });
    }

    /** Every type, customised or AWS's default, in AWS's order; {@code position} is an index into that list. */
    public ObjectNode list(String account, String region, String apiId, String position, Integer limit) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            Map<String, ObjectNode> customised = tx.items(apiId, KIND).stream()
                    .collect(Collectors.toMap(r -> r.path("responseType").asText(), r -> r));
            List<ObjectNode> all = new ArrayList<>();
            for (GatewayResponseType t : ORDER) {
                all.add(customised.getOrDefault(t.name(), defaults(t)));
            }
            int from = position == null || !position.matches("\\d+") ? 0 : Math.min(Integer.parseInt(position), all.size());
            int max = limit == null ? 25 : limit;
            if (max < 1 || max > 500) {
                throw ApiGatewayException.badRequest("Limit must be between 1 and 500");
            }
            int to = Math.min(all.size(), from + max);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.putArray("item").addAll(all.subList(from, to));
            if (to < all.size()) {
                out.put("position", String.valueOf(to));
            }
            return out;
        });
    }

    /** Patches the customisation, starting from AWS's default when the type was not customised yet. */
    public ObjectNode update(String account, String region, String apiId, String type, List<PatchApplier.Operation> ops) {
        GatewayResponseType t = type(type);
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode response = tx.item(apiId, KIND, t.name()).orElseGet(() -> defaults(t));
            for (PatchApplier.Operation op : ops) {
                if (op.path() != null && op.path().equals("/statusCode") && !"replace".equals(op.op())) {
                    throw ApiGatewayException.badRequest("Invalid patch path " + op.path());
                }
            }
            PatchApplier.apply(response, ops, RESPONSE_PATCH);
            response.put("defaultResponse", false);
            check(response);
            tx.putItem(apiId, KIND, t.name(), response);
            return response;
        });
    }

    public void delete(String account, String region, String apiId, String type) {
        GatewayResponseType t = type(type);
        store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            if (!tx.deleteItem(apiId, KIND, t.name())) {
                throw ApiGatewayException.notFound("Gateway response type not defined on api");
            }
            return null;
        });
    }

    /** AWS's default response of a type: its status (none for the two DEFAULT_ types) and the default template. */
    static ObjectNode defaults(GatewayResponseType t) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("defaultResponse", true);
        r.putObject("responseParameters");
        r.putObject("responseTemplates").put("application/json", GatewayResponses.DEFAULT_TEMPLATE);
        r.put("responseType", t.name());
        if (t.defaultStatus() != 0) {
            r.put("statusCode", String.valueOf(t.defaultStatus()));
        }
        return r;
    }

    private static void check(ObjectNode response) {
        if (response.hasNonNull("statusCode")) {
            IntegrationRules.checkStatusCode(response.get("statusCode").asText());
        }
        for (Map.Entry<String, JsonNode> p : (Iterable<Map.Entry<String, JsonNode>>) response.path("responseParameters")::fields) {
            String value = p.getValue().asText();
            boolean keyOk = p.getKey().matches("gatewayresponse\\.(header|querystring|path)\\.[^.]+");
            boolean valueOk = value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
                    || value.matches("method\\.request\\.(header|querystring|path|multivalueheader|multivaluequerystring)\\.[^.]+")
                    || value.matches("(stageVariables|context)\\..+");
            if (!keyOk || !valueOk) {
                throw ApiGatewayException.badRequest("Invalid mapping expression specified: Validation Result: warnings : [], errors : "
                        + "[Invalid mapping expression specified: " + (keyOk ? value : p.getKey()) + "]");
            }
        }
    }

    private static GatewayResponseType type(String type) {
        try {
            return GatewayResponseType.valueOf(type == null ? "" : type);
        } catch (IllegalArgumentException e) {
            throw new ApiGatewayException("ValidationException", "1 validation error detected: Value '" + type
                    + "' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + Arrays.toString(ORDER.stream().map(Enum::name).toArray()), 400);
        }
    }
}
