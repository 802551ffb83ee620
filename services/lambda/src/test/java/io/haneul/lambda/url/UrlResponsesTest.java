package io.haneul.lambda.url;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.wire.WireResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UrlResponsesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static WireResponse map(String payload) {
        return UrlResponses.of(JSON, payload.getBytes(StandardCharsets.UTF_8));
    }

    static String body(WireResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anObjectWithAStatusCodeIsTheResponse() {
        WireResponse r = map("{\"statusCode\":\"404\",\"headers\":{\"X-A\":\"1\",\"X-N\":2},\"body\":\"nope\",\"cookies\":[\"k=v\"]}");
        assertEquals(404, r.status());
        assertEquals("nope", body(r));
        assertEquals("1", r.headers().first("X-A"));
        assertEquals("2", r.headers().first("X-N"));
        assertEquals(List.of("k=v"), r.headers().all("Set-Cookie"));
        assertEquals("application/json", r.headers().first("Content-Type"));
    }

    @Test
    void anythingElseIsTheBodyOfA200() {
        for (String payload : List.of("\"text\"", "42", "[1,2]", "{\"body\":\"x\"}", "null")) {
            WireResponse r = map(payload);
            assertEquals(200, r.status(), payload);
            assertEquals(payload, body(r));
            assertEquals("application/json", r.headers().first("Content-Type"));
        }
    }

    @Test
    void whatCannotBeAResponseIsABadGateway() {
        for (String payload : List.of("not json", "{\"statusCode\":99}", "{\"statusCode\":true}",
                "{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"%%%\"}")) {
            WireResponse r = map(payload);
            assertEquals(502, r.status(), payload);
            assertEquals("Internal Server Error", body(r));
        }
    }

    @Test
    void aNonStringBodyIsWrittenAsJson() {
        assertEquals("{\"a\":1}", body(map("{\"statusCode\":200,\"body\":{\"a\":1}}")));
    }
}
