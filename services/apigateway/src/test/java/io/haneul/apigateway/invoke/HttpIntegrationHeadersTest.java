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

    @Test
    void theTemplatesContentTypeComesFirstUnlessOneIsMapped() {
        assertEquals(List.of(Map.entry("Content-Type", "application/json"), Map.entry("X-A", "1")),
                HttpIntegration.sent(mapped("X-A", "1"), "application/json"));
        assertEquals(List.of(Map.entry("content-type", "text/plain"), Map.entry("X-A", "1")),
                HttpIntegration.sent(mapped("content-type", "text/plain", "X-A", "1"), "application/json"));
        assertEquals(List.of(Map.entry("X-A", "1")), HttpIntegration.sent(mapped("X-A", "1"), null));
    }

    @Test
    void hostAndTheConnectionsOwnHeadersAreNotSent() {
        assertEquals(List.of(Map.entry("X-Kept", "yes")), HttpIntegration.sent(mapped("Host", "elsewhere.example", "connection", "close",
                "Content-Length", "9", "Transfer-Encoding", "chunked", "Upgrade", "h2c", "Expect", "100-continue", "X-Kept", "yes",
                "Proxy-Authorization", "Basic x"), null));
    }
}
