package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.apigateway.domain.Ids;
import io.haneul.apigateway.v2.store.V2Store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The rules every v2 item shares: an API belongs to one account and region (anything under it is
 * reached through it), ids are random, updates overwrite only the members a request names, and a
 * missing item is AWS's {@code NotFoundException} naming the identifier.
 */
final class V2Items {

    static final String API = "api";

    private final V2Store store;
    private final Clock clock;
    private final Ids ids;

    V2Items(V2Store store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    static String owner(String account, String region) {
        return account + "/" + region;
    }

    V2Store store() {
        return store;
    }

    String now() {
        return Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** A new API id, unused by v2 APIs and by REST APIs (the invoke URL is shared between them). */
    String apiId() {
        while (true) {
            String id = ids.apiId();
            if (store.findAnywhere(API, id).isEmpty() && !store.restApiExists(id)) {
                return id;
            }
        }
    }

    /** The 10-character lowercase ids of portals, portal products and their pages (AWS's are 10 to 30). */
    String longId() {
        return ids.apiId();
    }

    String childId() {
        return ids.deploymentId() + ids.hex(1);
    }

    ObjectNode api(String account, String region, String apiId) {
        return store.find(API, owner(account, region), apiId == null ? "" : apiId)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid API identifier specified " + account + ":" + apiId));
    }

    ObjectNode get(String kind, String scope, String id, String label) {
        return store.find(kind, scope, id == null ? "" : id)
                .orElseThrow(() -> ApiGatewayException.notFound("Invalid " + label + " identifier specified " + id));
    }

    List<ObjectNode> list(String kind, String scope) {
        return store.list(kind, scope);
    }

    Optional<ObjectNode> firstWhere(String kind, String scope, Predicate<ObjectNode> test) {
        return store.list(kind, scope).stream().filter(test).findFirst();
    }

    void insert(String kind, String scope, String id, ObjectNode doc, String conflict) {
        if (!store.insert(kind, scope, id, doc)) {
            throw ApiGatewayException.conflict(conflict);
        }
    }

    void replace(String kind, String scope, String id, ObjectNode doc) {
        store.replace(kind, scope, id, doc);
    }

    void delete(String kind, String scope, String id, String label) {
        get(kind, scope, id, label);
        store.delete(kind, scope, id);
    }

    /** Overwrites the members the update names (a member left out keeps its value). */
    static ObjectNode merge(ObjectNode doc, ObjectNode update) {
        for (Map.Entry<String, JsonNode> e : update.properties()) {
            if (!e.getValue().isNull()) {
                doc.set(e.getKey(), e.getValue());
            }
        }
        return doc;
    }

    static ObjectNode tags(ObjectNode doc) {
        return doc.has("tags") && doc.get("tags").isObject() ? (ObjectNode) doc.get("tags") : doc.putObject("tags");
    }

    static String require(ObjectNode doc, String member, String message) {
        String v = doc.path(member).asText("");
        if (v.isEmpty()) {
            throw ApiGatewayException.badRequest(message);
        }
        return v;
    }
}
