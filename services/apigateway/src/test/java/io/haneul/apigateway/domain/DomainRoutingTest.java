package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DomainRoutingTest {

    static ObjectNode mapping(String basePath, String api, String stage) {
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("basePath", basePath).put("restApiId", api);
        if (stage != null) {
            m.put("stage", stage);
        }
        return m;
    }

    static final List<ObjectNode> MAPPINGS = List.of(mapping("(none)", "root", "prod"), mapping("orders", "orders", "v1"),
            mapping("orders/archive", "archive", "v2"), mapping("free", "free", null));

    static Optional<DomainRouting.Target> route(String path) {
        return DomainRouting.route(MAPPINGS, path);
    }

    @Test
    void longestWholeSegmentPrefixWins() {
        assertEquals(new DomainRouting.Target("orders", "v1", "/7"), route("/orders/7").orElseThrow());
        assertEquals(new DomainRouting.Target("orders", "v1", null), route("/orders").orElseThrow());
        assertEquals(new DomainRouting.Target("archive", "v2", "/2020"), route("/orders/archive/2020").orElseThrow());
        assertEquals(new DomainRouting.Target("root", "prod", "/ordersx"), route("/ordersx").orElseThrow());
        assertEquals(new DomainRouting.Target("root", "prod", "/"), route("/").orElseThrow());
    }

    @Test
    void aMappingWithoutStageTakesItFromThePath() {
        assertEquals(new DomainRouting.Target("free", "beta", "/a/b"), route("/free/beta/a/b").orElseThrow());
        assertEquals(new DomainRouting.Target("free", "beta", null), route("/free/beta").orElseThrow());
        assertEquals(Optional.empty(), route("/free"));
    }

    @Test
    void noMappingNoRoute() {
        assertEquals(Optional.empty(), DomainRouting.route(List.of(mapping("a", "x", "s")), "/b"));
    }
}
