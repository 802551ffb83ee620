package io.haneul.sqs.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesValues() {
        Map<String, Object> m = Json.parseObject(" {\"a\": [1, -2.5e3, \"x\\u00e9\\n\", true, false, null], \"b\": {}} ").orElseThrow();
        assertEquals(List.of(new BigDecimal("1"), new BigDecimal("-2.5e3"), "x\u00e9\n", true, false, Json.NULL), m.get("a"));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(List.of("a", "b"), List.copyOf(m.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "01", "1.", "{'a':1}", "{\"a\":1} x", "tru", "\"\u0001\"", "-"})
    void rejectsMalformed(String s) {
        assertTrue(Json.parse(s).isEmpty(), s);
    }

    @Test
    void deepNestingIsRejected() {
        assertTrue(Json.parse("[".repeat(100) + "]".repeat(100)).isEmpty());
    }

    @Test
    void quotesStrings() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.quote("a\"b\\c\n\u0001"));
        assertEquals("ok \u00e9", Json.parse(Json.quote("ok \u00e9")).orElseThrow());
    }
}
