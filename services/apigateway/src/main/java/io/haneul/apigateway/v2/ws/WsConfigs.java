package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.v2.store.V2Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a WebSocket API stage's {@link WsConfig} from the v2 store, cached by (API, stage) and
 * keyed on the store's write count: every message of every connection routes through it, so it
 * must not cost a database read, while a new deployment still applies to the next message.
 */
final class WsConfigs {

    private record Cached(long writes, Optional<WsConfig> config) {
    }

    private static final int CACHE_LIMIT = 4096;

    private final V2Store store;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Owned> owned = new ConcurrentHashMap<>();

    private record Owned(long writes, boolean webSocket) {
    }

    WsConfigs(V2Store store) {
        this.store = store;
    }

    /**
     * Whether an id names a WebSocket API. Asked for every request to an invoke URL that is not an
     * HTTP API's (REST APIs' too), so answers are remembered until the store is written.
     */
    boolean isWebSocketApi(String apiId) {
        long writes = store.writeCount(); // read before the store, so an answer is never tagged newer than it is
        Owned hit = owned.get(apiId);
        if (hit != null && hit.writes() == writes) {
            return hit.webSocket();
        }
        boolean webSocket = store.findAnywhere("api", apiId).filter(r -> r.doc().path("protocolType").asText().equals("WEBSOCKET")).isPresent();
        if (owned.size() >= CACHE_LIMIT) {
            owned.clear();
        }
        owned.put(apiId, new Owned(writes, webSocket));
        return webSocket;
    }

    /** The stage's configuration, empty when the API is not a WebSocket API or has no such (deployed) stage. */
    Optional<WsConfig> load(String apiId, String stageName) {
        long writes = store.writeCount();
        String key = apiId + "/" + stageName;
        Cached hit = cache.get(key);
        if (hit != null && hit.writes() == writes) {
            return hit.config();
        }
        Optional<WsConfig> config = read(apiId, stageName);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, new Cached(writes, config));
        return config;
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
