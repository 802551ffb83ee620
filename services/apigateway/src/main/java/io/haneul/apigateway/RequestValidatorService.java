package io.haneul.apigateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.invoke.DeployedItems;
import io.haneul.apigateway.store.SqlRestApiStore;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A REST API's request validators: what a method's {@code requestValidatorId} switches on when it is
 * invoked, body validation against the method's request model and/or the check of its required
 * request parameters ({@code RequestValidation} runs them).
 */
public final class RequestValidatorService {

    static final String KIND = DeployedItems.REQUEST_VALIDATORS;
    static final Map<String, Kind> VALIDATOR_PATCH = PatchApplier.spec(
            "/name", Kind.STRING, "/validateRequestParameters", Kind.BOOLEAN, "/validateRequestBody", Kind.BOOLEAN);

    private final SqlRestApiStore store;
    private final Ids ids;

    public RequestValidatorService(SqlRestApiStore store, Ids ids) {
        this.store = store;
        this.ids = ids;
    }

    public ObjectNode create(String account, String region, String apiId, ObjectNode in) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode validator = JsonNodeFactory.instance.objectNode();
            validator.put("id", ids.shortId());
            validator.put("name", in.path("name").asText(""));
            validator.put("validateRequestBody", in.path("validateRequestBody").asBoolean(false));
            validator.put("validateRequestParameters", in.path("validateRequestParameters").asBoolean(false));
            check(validator);
            tx.putItem(apiId, KIND, validator.get("id").asText(), validator);
            return validator;
        });
    }

    public ObjectNode get(String account, String region, String apiId, String id) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            return require(tx, apiId, id);
        });
    }

    public Paging.Page list(String account, String region, String apiId, String position, Integer limit) {
        return store.read(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            return Paging.page(tx.items(apiId, KIND), "id", position, limit);
        });
    }

    public ObjectNode update(String account, String region, String apiId, String id, List<PatchApplier.Operation> ops) {
        return store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            ObjectNode validator = require(tx, apiId, id);
            PatchApplier.apply(validator, ops, VALIDATOR_PATCH);
            check(validator);
            tx.putItem(apiId, KIND, id, validator);
            return validator;
        });
    }

    public void delete(String account, String region, String apiId, String id) {
        store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            if (!tx.deleteItem(apiId, KIND, id)) {
                throw notFound();
            }
            return null;
        });
    }

    private static void check(ObjectNode validator) {
        if (validator.path("name").asText("").isBlank()) {
            throw ApiGatewayException.badRequest("Request Validator name cannot be blank");
        }
    }

    private static ObjectNode require(SqlRestApiStore.Tx tx, String apiId, String id) throws SQLException {
        return tx.item(apiId, KIND, id).orElseThrow(RequestValidatorService::notFound);
    }

    private static ApiGatewayException notFound() {
        return ApiGatewayException.notFound("Invalid Request Validator identifier specified");
    }
}
