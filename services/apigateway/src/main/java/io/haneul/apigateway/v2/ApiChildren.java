package io.haneul.apigateway.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Items that live under an API (routes, integrations, authorizers, models, deployments) or under
 * one of its items (route and integration responses, scoped {@code apiId/parentId}): the API is
 * checked first, so another account's API is {@code NotFound}; a topic adds its own checks as a
 * {@code (merged item, api)} callback run before anything is written.
 */
final class ApiChildren {

    private final V2Items items;

    ApiChildren(V2Items items) {
        this.items = items;
    }

    /** What one topic keeps: its kind, the member that holds the id, and the label of its NotFound message. */
    record Kind(String kind, String idMember, String label) {
    }

    V2Items items() {
        return items;
    }

    ObjectNode create(String account, String region, String scope, Kind k, ObjectNode in, BiConsumer<ObjectNode, ObjectNode> check) {
        ObjectNode api = items.api(account, region, apiOf(scope));
        check.accept(in, api);
        String id = items.childId();
        ObjectNode doc = in.objectNode();
        doc.put(k.idMember(), id);
        doc.setAll(in);
        items.insert(k.kind(), scope, id, doc, k.label() + " " + id + " already exists");
        return doc;
    }

    ObjectNode get(String account, String region, String scope, Kind k, String id) {
        items.api(account, region, apiOf(scope));
        return items.get(k.kind(), scope, id, k.label());
    }

    List<ObjectNode> list(String account, String region, String scope, Kind k) {
        items.api(account, region, apiOf(scope));
        return items.list(k.kind(), scope);
    }

    ObjectNode update(String account, String region, String scope, Kind k, String id, ObjectNode in, BiConsumer<ObjectNode, ObjectNode> check) {
        ObjectNode api = items.api(account, region, apiOf(scope));
        ObjectNode doc = V2Items.merge(items.get(k.kind(), scope, id, k.label()), in);
        check.accept(doc, api);
        items.replace(k.kind(), scope, id, doc);
        return doc;
    }

    void delete(String account, String region, String scope, Kind k, String id) {
        items.api(account, region, apiOf(scope));
        items.delete(k.kind(), scope, id, k.label());
        items.store().deleteScope(scope + "/" + id);
    }

    /** Checks that a parent item exists and returns the scope of its children. */
    String under(String account, String region, String apiId, Kind parent, String parentId) {
        get(account, region, apiId, parent, parentId);
        return apiId + "/" + parentId;
    }

    private static String apiOf(String scope) {
        int slash = scope.indexOf('/');
        return slash < 0 ? scope : scope.substring(0, slash);
    }
}
