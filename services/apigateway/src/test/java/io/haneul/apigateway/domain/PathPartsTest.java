package io.haneul.apigateway.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PathPartsTest {

    @ParameterizedTest
    @ValueSource(strings = {"pets", "v1.2", "a_b-c", "{id}", "{proxy+}", "x:y", "{a.b}"})
    void acceptsAwsPathParts(String part) {
        assertDoesNotThrow(() -> PathParts.check(part, null, List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "{}", "{a", "a}", "{a+b}", "a b", "{{a}}"})
    void refusesOthers(String part) {
        ApiGatewayException e = assertThrows(ApiGatewayException.class, () -> PathParts.check(part, null, List.of()));
        assertEquals("BadRequestException", e.code());
    }

    @Test
    void siblingsAndGreedyParents() {
        assertEquals("ConflictException", assertThrows(ApiGatewayException.class, () -> PathParts.check("a", null, List.of("a"))).code());
        assertEquals("A sibling ({id}) of this resource already has a variable path part -- only one is allowed",
                assertThrows(ApiGatewayException.class, () -> PathParts.check("{name}", null, List.of("{id}"))).getMessage());
        assertDoesNotThrow(() -> PathParts.check("{name}", null, List.of("id")));
        assertThrows(ApiGatewayException.class, () -> PathParts.check("x", "{proxy+}", List.of()));
        assertDoesNotThrow(() -> PathParts.check("x", "{id}", List.of()));
        assertEquals("proxy", PathParts.variableName("{proxy+}"));
        assertEquals("id", PathParts.variableName("{id}"));
    }
}
