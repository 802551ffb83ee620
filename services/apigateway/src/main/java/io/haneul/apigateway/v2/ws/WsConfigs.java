package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.store.WriteKeyedCache;
import io.haneul.apigateway.v2.store.V2Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a WebSocket API stage's {@link WsConfig} from the v2 store, cached by (API, stage) and
 * keyed on the store's write count: every message of every connection routes through it, so it
 * must not cost a database read, while a new deployment still applies to the next message.
 */
final class WsConfigs {

    private static final int CACHE_LIMIT = 4096;

    private final V2Store store;
    /** Stage configurations by {@code apiId/stage}. */
    private final WriteKeyedCache<Optional<WsConfig>> configs = new WriteKeyedCache<>(CACHE_LIMIT);
    /** Whether an id names a WebSocket API, by id. */
    private final WriteKeyedCache<Boolean> owned = new WriteKeyedCache<>(CACHE_LIMIT);

    WsConfigs(V2Store store) {
        this.store = store;
    }

    /**
     * Whether an id names a WebSocket API. Asked for every request to an invoke URL that is not an
     * HTTP API's (REST APIs' too), so answers are remembered until the store is written.
     */
    boolean isWebSocketApi(String apiId) {
        return owned.get(apiId, store.writeCount(), () -> store.findAnywhere("api", apiId)
                .filter(r -> r.doc().path("protocolType").asText().equals("WEBSOCKET")).isPresent());
    }

    /** The stage's configuration, empty when the API is not a WebSocket API or has no such (deployed) stage. */
    Optional<WsConfig> load(String apiId, String stageName) {
        return configs.get(apiId + "/" + stageName, store.writeCount(), () -> read(apiId, stageName));
    }

    private Optional<WsConfig> read(String apiId, String stageName) {
        Optional<V2Store.Row> row = store.findAnywhere("api", apiId);
        if (row.isEmpty() || !row.get().doc().path("protocolType").asText().equals("WEBSOCKET")) {
            return Optional.empty();
        }
        Optional<ObjectNode> stage = store.find("stage", apiId, stageName);
        if (stage.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> routes = new ArrayList<>();
        List<JsonNode> integrations = new ArrayList<>();
        List<JsonNode> authorizers = new ArrayList<>();
        Map<String, List<JsonNode>> routeResponses = new LinkedHashMap<>();
        Map<String, List<JsonNode>> integrationResponses = new LinkedHashMap<>();
        if (stage.get().path("autoDeploy").asBoolean(false)) {
            routes.addAll(store.list("route", apiId));
            integrations.addAll(store.list("integration", apiId));
            authorizers.addAll(store.list("authorizer", apiId));
            routes.forEach(r -> routeResponses.put(r.path("routeId").asText(),
                    new ArrayList<>(store.list("routeResponse", apiId + "/" + r.path("routeId").asText()))));
            integrations.forEach(i -> integrationResponses.put(i.path("integrationId").asText(),
                    new ArrayList<>(store.list("integrationResponse", apiId + "/" + i.path("integrationId").asText()))));
        } else {
            Optional<ObjectNode> snapshot = store.find("snapshot", apiId, stage.get().path("deploymentId").asText(""));
            if (snapshot.isEmpty()) {
                return Optional.empty();
            }
            snapshot.get().path("routes").forEach(routes::add);
            snapshot.get().path("integrations").forEach(integrations::add);
            snapshot.get().path("authorizers").forEach(authorizers::add);
            snapshot.get().path("routeResponses").properties().forEach(e -> {
                List<JsonNode> list = new ArrayList<>();
                e.getValue().forEach(list::add);
                routeResponses.put(e.getKey(), list);
            });
            snapshot.get().path("integrationResponses").properties().forEach(e -> {
                List<JsonNode> list = new ArrayList<>();
                e.getValue().forEach(list::add);
                integrationResponses.put(e.getKey(), list);
            });
        }
        return Optional.of(new WsConfig(row.get().account(), row.get().region(), row.get().doc(), stage.get(),
                by(routes, "routeKey"), by(integrations, "integrationId"), by(authorizers, "authorizerId"), routeResponses, integrationResponses));
    }

    private static Map<String, JsonNode> by(List<JsonNode> items, String member) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(i.path(member).asText(), i));
        return out;
    }
}
