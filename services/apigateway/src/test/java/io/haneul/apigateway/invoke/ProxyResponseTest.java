package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyResponseTest {

    static final ObjectMapper JSON = new ObjectMapper();

    Optional<WireResponse> parse(String payload) {
        return ProxyResponse.parse(JSON, payload.getBytes(StandardCharsets.UTF_8), new Headers());
    }

    @Test
    void validAnswer() {
        WireResponse r = parse("{\"statusCode\":404,\"headers\":{\"A\":\"1\",\"B\":2},\"multiValueHeaders\":{\"C\":[\"x\",\"y\"]},\"body\":\"no\"}")
                .orElseThrow();
        assertEquals(404, r.status());
        assertEquals("1", r.headers().first("A"));
        assertEquals("2", r.headers().first("B"));
        assertEquals(List.of("x", "y"), r.headers().all("C"));
        assertEquals("application/json", r.headers().first("Content-Type"));
        assertEquals("no", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(200, parse("{\"statusCode\":\"200\"}").orElseThrow().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "\"x\"", "{}", "{\"statusCode\":\"abc\"}", "{\"statusCode\":200,\"extra\":1}",
            "{\"statusCode\":200,\"body\":{\"a\":1}}", "{\"statusCode\":200,\"headers\":[]}", "{\"statusCode\":200,\"headers\":{\"a\":{}}}",
            "{\"statusCode\":200,\"multiValueHeaders\":{\"a\":\"b\"}}", "{\"statusCode\":99}",
            "{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}"})
    void malformedAnswers(String payload) {
        assertTrue(parse(payload).isEmpty(), payload);
    }
}
