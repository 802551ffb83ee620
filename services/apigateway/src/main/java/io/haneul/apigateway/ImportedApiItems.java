package io.haneul.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.invoke.DeployedItems;
import io.haneul.apigateway.openapi.ImportPlan;
import io.haneul.apigateway.openapi.ImportedItems;
import io.haneul.apigateway.store.SqlRestApiStore;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Stores what an OpenAPI import brought besides resources: models, request validators, authorizers
 * and gateway responses, all kept among the API's items by kind, with the ids the imported methods
 * already refer to. {@code overwrite} replaces the API's items of each kind (AWS's default models
 * {@code Empty} and {@code Error} stay); {@code merge} adds or replaces those of the same key.
 */
final class ImportedApiItems implements ImportedItems {

    private static final Set<String> DEFAULT_MODELS = Set.of("Empty", "Error");

    private record Kind(String name, Function<ImportPlan, List<ObjectNode>> items, String keyMember) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(DeployedItems.MODELS, ImportPlan::models, "name"),
            new Kind(DeployedItems.REQUEST_VALIDATORS, ImportPlan::requestValidators, "id"),
            new Kind(DeployedItems.AUTHORIZERS, ImportPlan::authorizers, "id"),
            new Kind(DeployedItems.GATEWAY_RESPONSES, ImportPlan::gatewayResponses, "responseType"));

    private final SqlRestApiStore store;

    ImportedApiItems(SqlRestApiStore store) {
        this.store = store;
    }

    @Override
    public void store(String account, String region, String apiId, ImportPlan plan, boolean overwrite) {
        store.update(tx -> {
            RestApiService.requireApi(tx, account, region, apiId);
            for (Kind kind : KINDS) {
                if (overwrite) {
                    for (ObjectNode old : tx.items(apiId, kind.name())) {
                        String key = old.path(kind.keyMember()).asText();
                        if (!(kind.name().equals(DeployedItems.MODELS) && DEFAULT_MODELS.contains(key))) {
                            tx.deleteItem(apiId, kind.name(), key);
                        }
                    }
                }
                for (ObjectNode item : kind.items().apply(plan)) {
                    tx.putItem(apiId, kind.name(), item.path(kind.keyMember()).asText(), item.deepCopy());
                }
            }
            return null;
        });
    }
}
