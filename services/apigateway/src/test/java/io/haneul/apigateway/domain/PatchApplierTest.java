package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.PatchApplier.Kind;
import io.haneul.apigateway.domain.PatchApplier.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PatchApplierTest {

    static final Map<String, Kind> SPEC = PatchApplier.spec("/name", Kind.STRING, "/enabled", Kind.BOOLEAN, "/size", Kind.INTEGER,
            "/variables/*", Kind.STRING_MAP, "/params/*", Kind.BOOLEAN_MAP, "/types/*", Kind.STRING_SET, "/config/types/0", Kind.LIST_ITEM);

    ObjectNode doc(String json) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(json);
    }

    @Test
    void appliesEachKind() throws Exception {
        ObjectNode d = doc("{\"name\":\"a\",\"variables\":{\"x\":\"1\"},\"types\":[\"image/png\"],\"config\":{\"types\":[\"EDGE\"]}}");
        PatchApplier.apply(d, List.of(new Operation("replace", "/name", "b"), new Operation("replace", "/enabled", "true"),
                new Operation("replace", "/size", "5"), new Operation("add", "/variables/y", "2"), new Operation("remove", "/variables/x", null),
                new Operation("add", "/params/method.request.header.X", "true"), new Operation("add", "/types/image~1jpeg", null),
                new Operation("remove", "/types/image~1png", null), new Operation("replace", "/config/types/0", "REGIONAL")), SPEC);
        assertEquals("{\"name\":\"b\",\"variables\":{\"y\":\"2\"},\"types\":[\"image/jpeg\"],\"config\":{\"types\":[\"REGIONAL\"]},"
                + "\"enabled\":true,\"size\":5,\"params\":{\"method.request.header.X\":true}}", d.toString());
    }

    @Test
    void refusesUnknownPathsBadOpsAndBadValuesWithoutChangingAnything() throws Exception {
        ObjectNode d = doc("{\"name\":\"a\"}");
        ApiGatewayException path = assertThrows(ApiGatewayException.class, () -> PatchApplier.apply(d,
                List.of(new Operation("replace", "/name", "b"), new Operation("replace", "/id", "x")), SPEC));
        assertEquals("Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/name, /enabled, /size, /variables/*, "
                + "/params/*, /types/*, /config/types/0]", path.getMessage());
        assertEquals("{\"name\":\"a\"}", d.toString());
        assertThrows(ApiGatewayException.class, () -> PatchApplier.apply(d, List.of(new Operation("move", "/name", "b")), SPEC));
        assertThrows(ApiGatewayException.class, () -> PatchApplier.apply(d, List.of(new Operation("replace", "/enabled", "yes")), SPEC));
        assertThrows(ApiGatewayException.class, () -> PatchApplier.apply(d, List.of(new Operation("replace", "/size", "big")), SPEC));
    }
}
