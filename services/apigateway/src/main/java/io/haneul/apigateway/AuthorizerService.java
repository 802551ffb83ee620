package io.haneul.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.AuthorizerRules;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.domain.ResourceTree;
import io.haneul.apigateway.invoke.DeployedItems;
import io.haneul.apigateway.store.SqlRestApiStore;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A REST API's authorizers (Lambda TOKEN and REQUEST, Cognito user pools), kept as their wire
 * documents among the API's items. A deployment freezes them with the other items: the invoke plane
 * runs the copy of the deployment it serves ({@link DeployedItems}), so that, as on AWS, an edited
 * authorizer applies once redeployed.
 */
public final class AuthorizerService {

    static final Map<String, Kind> PATCH = PatchApplier.spec(
            "/name", Kind.STRING, "/type", Kind.STRING, "/authType", Kind.STRING, "/authorizerUri", Kind.STRING,
            "/authorizerCredentials", Kind.STRING, "/identitySource", Kind.STRING, "/identityValidationExpression", Kind.STRING,
            "/authorizerResultTtlInSeconds", Kind.INTEGER, "/providerARNs/*", Kind.STRING_SET);

    private final SqlRestApiStore store;
    private final Ids ids;

    public AuthorizerService(SqlRestApiStore store, Ids ids) {
        this.store = store;
        this.ids = ids;
    }

    public ObjectNode create(String account, String region, String apiId, ObjectNode in) {
        ObjectNode authorizer = in.deepCopy();
        authorizer.put("id", ids.authorizerId());
        AuthorizerRules.defaults(authorizer);
        AuthorizerRules.check(authorizer);
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            tx.putItem(apiId, DeployedItems.AUTHORIZERS, authorizer.path("id").asText(), authorizer);
            return authorizer;
        });
    }

    public ObjectNode get(String account, String region, String apiId, String authorizerId) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            return require(tx, apiId, authorizerId);
        });
    }

    public Paging.Page list(String account, String region, String apiId, String position, Integer limit) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            return Paging.page(tx.items(apiId, DeployedItems.AUTHORIZERS), "id", position, limit);
        });
    }

    public ObjectNode update(String account, String region, String apiId, String authorizerId, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode authorizer = require(tx, apiId, authorizerId);
            PatchApplier.apply(authorizer, ops, PATCH);
            AuthorizerRules.check(authorizer);
            tx.putItem(apiId, DeployedItems.AUTHORIZERS, authorizer.path("id").asText(), authorizer);
            return authorizer;
        });
    }

    /** Refused while a method of the API uses it, as AWS refuses it. */
    public void delete(String account, String region, String apiId, String authorizerId) {
        store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode authorizer = require(tx, apiId, authorizerId);
            ResourceTree tree = new ResourceTree(tx.resources(apiId));
            for (ObjectNode resource : tree.all()) {
                for (Map.Entry<String, JsonNode> m : resource.path("resourceMethods").properties()) {
                    if (authorizerId.equals(m.getValue().path("authorizerId").asText(null))) {
                        throw ApiGatewayException.conflict("Cannot delete authorizer '" + authorizer.path("name").asText()
                                + "', is referenced in method: " + m.getKey() + "/" + tree.path(resource));
                    }
                }
            }
            tx.deleteItem(apiId, DeployedItems.AUTHORIZERS, authorizerId);
            return null;
        });
    }

    private static ObjectNode require(SqlRestApiStore.Tx tx, String apiId, String authorizerId) throws SQLException {
        return tx.item(apiId, DeployedItems.AUTHORIZERS, authorizerId == null ? "" : authorizerId)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid Authorizer identifier specified"));
    }
}
