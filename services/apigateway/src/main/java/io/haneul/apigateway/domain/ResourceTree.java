package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources of one REST API as a tree. Paths are derived from the parent chain rather than
 * stored, so renaming or moving a resource moves its whole subtree as AWS's does.
 */
public final class ResourceTree {

    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();

    public ResourceTree(List<ObjectNode> resources) {
        resources.forEach(r -> byId.put(r.get("id").asText(), r));
    }

    public Optional<ObjectNode> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The resource or AWS's NotFoundException. */
    public ObjectNode require(String id) {
        return find(id).orElseThrow(() -> ApiGatewayException.notFound("Invalid Resource identifier specified"));
    }

    public List<ObjectNode> all() {
        return List.copyOf(byId.values());
    }

    /** {@code /} for the root, else the parent's path and this part. */
    public String path(ObjectNode resource) {
        List<String> parts = new ArrayList<>();
        ObjectNode at = resource;
        int guard = 0;
        while (at != null && at.hasNonNull("parentId") && guard++ < 1000) {
            parts.addFirst(at.path("pathPart").asText());
            at = byId.get(at.get("parentId").asText());
        }
        return "/" + String.join("/", parts);
    }

    public List<ObjectNode> children(String id) {
        return byId.values().stream().filter(r -> id.equals(r.path("parentId").asText(null))).toList();
    }

    /** The resource's descendants, deepest last. */
    public List<ObjectNode> descendants(String id) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode child : children(id)) {
            out.add(child);
            out.addAll(descendants(child.get("id").asText()));
        }
        return out;
    }
}
