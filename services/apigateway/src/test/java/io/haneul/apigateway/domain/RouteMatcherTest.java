package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteMatcherTest {

    final List<JsonNode> resources = new ArrayList<>();

    ObjectNode resource(String id, String parent, String part, String path, String... methods) {
        ObjectNode r = JsonNodeFactory.instance.objectNode().put("id", id).put("path", path);
        if (parent != null) {
            r.put("parentId", parent).put("pathPart", part);
        }
        ObjectNode m = r.putObject("resourceMethods");
        for (String method : methods) {
            m.putObject(method).put("httpMethod", method);
        }
        resources.add(r);
        return r;
    }

    Optional<RouteMatcher.Match> match(String method, String... segments) {
        return new RouteMatcher(resources).match(method, List.of(segments));
    }

    String path(String method, String... segments) {
        return match(method, segments).map(m -> m.resource().get("path").asText() + " " + m.method().get("httpMethod").asText()).orElse("none");
    }

    @Test
    void literalBeforeVariableBeforeGreedyAndMethodBeforeAny() {
        resource("r", null, null, "/", "GET");
        resource("p", "r", "pets", "/pets", "GET");
        resource("i", "p", "{id}", "/pets/{id}", "GET", "ANY");
        resource("m", "p", "mine", "/pets/mine", "GET");
        resource("x", "r", "{proxy+}", "/{proxy+}", "ANY");
        assertEquals("/ GET", path("GET"));
        assertEquals("/pets GET", path("GET", "pets"));
        assertEquals("/pets/mine GET", path("GET", "pets", "mine"));
        assertEquals("/pets/{id} GET", path("GET", "pets", "7"));
        assertEquals("/pets/{id} ANY", path("DELETE", "pets", "7"));
        assertEquals("/{proxy+} ANY", path("GET", "a", "b", "c"));
        assertEquals("/{proxy+} ANY", path("GET", "pets", "7", "toys"));
        assertEquals(Map.of("id", "7"), match("GET", "pets", "7").orElseThrow().pathParameters());
        assertEquals(Map.of("proxy", "pets/7/toys"), match("GET", "pets", "7", "toys").orElseThrow().pathParameters());
        assertEquals("none", path("POST"));
    }

    @Test
    void nothingMatchesWithoutAMethod() {
        resource("r", null, null, "/");
        resource("p", "r", "pets", "/pets");
        assertTrue(match("GET", "pets").isEmpty());
        assertTrue(match("GET").isEmpty());
    }
}
