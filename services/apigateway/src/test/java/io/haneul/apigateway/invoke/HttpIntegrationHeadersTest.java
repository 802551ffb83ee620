package io.haneul.apigateway.invoke;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The headers a non-proxy HTTP integration sends: its mapped ones, less what API Gateway owns, after the template's type. */
class HttpIntegrationHeadersTest {

    private static Map<String, String> mapped(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static final List<Map.Entry<String, String>> NAMED = List.of(Map.entry("x-amzn-apigateway-api-id", "a1b2c3"),
            Map.entry("User-Agent", "AmazonAPIGateway_a1b2c3"));

    private static List<Map.Entry<String, String>> then(List<Map.Entry<String, String>> first, List<Map.Entry<String, String>> rest) {
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

    @Test
    void theTemplatesContentTypeComesFirstUnlessOneIsMapped() {
        assertEquals(then(List.of(Map.entry("Content-Type", "application/json"), Map.entry("X-A", "1")), NAMED),
                HttpIntegration.sent(mapped("X-A", "1"), "application/json", "a1b2c3"));
        assertEquals(then(List.of(Map.entry("content-type", "text/plain"), Map.entry("X-A", "1")), NAMED),
                HttpIntegration.sent(mapped("content-type", "text/plain", "X-A", "1"), "application/json", "a1b2c3"));
        assertEquals(then(List.of(Map.entry("X-A", "1")), NAMED), HttpIntegration.sent(mapped("X-A", "1"), null, "a1b2c3"));
    }

    @Test
    void hostAndTheConnectionsOwnHeadersAreNotSent() {
        assertEquals(then(List.of(Map.entry("X-Kept", "yes")), NAMED), HttpIntegration.sent(mapped("Host", "elsewhere.example",
                "connection", "close", "Content-Length", "9", "Transfer-Encoding", "chunked", "Upgrade", "h2c", "Expect", "100-continue",
                "X-Kept", "yes", "Proxy-Authorization", "Basic x"), null, "a1b2c3"));
    }

    @Test
    void theCallNamesTheApiUnlessTheIntegrationMapsItsOwnUserAgent() {
        assertEquals(List.of(Map.entry("user-agent", "mine/1.0"), Map.entry("x-amzn-apigateway-api-id", "a1b2c3")),
                HttpIntegration.sent(mapped("user-agent", "mine/1.0"), null, "a1b2c3"));
    }
}
