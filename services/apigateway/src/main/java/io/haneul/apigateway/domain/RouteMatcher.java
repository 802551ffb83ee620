package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the resource and method a request reaches in a deployment's frozen tree, as API Gateway
 * does: at each level a literal path part wins over a {@code {param}} part, which wins over a
 * greedy {@code {param+}} (which takes one or more remaining segments); a method defined for the
 * request's HTTP method wins over {@code ANY}. When a more specific branch ends without a method for
 * the request, the next branch is tried.
 */
public final class RouteMatcher {

    /** The matched resource (with its {@code path}), its method, and the path parameters by name. */
    public record Match(ObjectNode resource, ObjectNode method, Map<String, String> pathParameters) {
    }

    private record Node(ObjectNode resource, List<Node> children) {
    }

    private final Node root;

    /** @param resources a deployment's resources, each with {@code id}, {@code parentId}, {@code pathPart}, {@code path} */
    public RouteMatcher(Iterable<JsonNode> resources) {
        Map<String, Node> byId = new LinkedHashMap<>();
        for (JsonNode r : resources) {
            byId.put(r.get("id").asText(), new Node((ObjectNode) r, new ArrayList<>()));
        }
        Node top = null;
        for (Node n : byId.values()) {
            String parent = n.resource().path("parentId").asText(null);
            if (parent == null) {
                top = n;
            } else if (byId.containsKey(parent)) {
                byId.get(parent).children().add(n);
            }
        }
        this.root = top;
    }

    /** @param segments the request path after the stage, split on '/', percent-decoded, without empty segments */
    public Optional<Match> match(String httpMethod, List<String> segments) {
        if (root == null) {
            return Optional.empty();
        }
        return walk(root, segments, 0, httpMethod, new HashMap<>());
    }

    private Optional<Match> walk(Node node, List<String> segments, int at, String httpMethod, Map<String, String> params) {
        if (at == segments.size()) {
            return method(node, httpMethod).map(m -> new Match(node.resource(), m, Map.copyOf(params)));
        }
        String segment = segments.get(at);
        for (Node child : node.children()) {
            if (child.resource().path("pathPart").asText().equals(segment)) {
                Optional<Match> found = walk(child, segments, at + 1, httpMethod, params);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        for (Node child : node.children()) {
            String part = child.resource().path("pathPart").asText();
            if (PathParts.isVariable(part) && !PathParts.isGreedy(part)) {
                String name = PathParts.variableName(part);
                params.put(name, segment);
                Optional<Match> found = walk(child, segments, at + 1, httpMethod, params);
                if (found.isPresent()) {
                    return found;
                }
                params.remove(name);
            }
        }
        for (Node child : node.children()) {
            String part = child.resource().path("pathPart").asText();
            if (PathParts.isVariable(part) && PathParts.isGreedy(part)) {
                Optional<ObjectNode> method = method(child, httpMethod);
                if (method.isPresent()) {
                    Map<String, String> all = new HashMap<>(params);
                    all.put(PathParts.variableName(part), String.join("/", segments.subList(at, segments.size())));
                    return Optional.of(new Match(child.resource(), method.get(), Map.copyOf(all)));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> method(Node node, String httpMethod) {
        JsonNode methods = node.resource().path("resourceMethods");
        JsonNode exact = methods.get(httpMethod);
        if (exact instanceof ObjectNode m) {
            return Optional.of(m);
        }
        return methods.get("ANY") instanceof ObjectNode any ? Optional.of(any) : Optional.empty();
    }
}
