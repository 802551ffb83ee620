package io.haneul.lambda.url;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.wire.WireResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UrlStreamedResponsesTest {

    final ObjectMapper json = new ObjectMapper();

    static ByteArrayInputStream stream(String prelude, String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prelude.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[8]);
        out.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        return new ByteArrayInputStream(out.toByteArray());
    }

    @Test
    void thePreludeGivesStatusHeadersAndCookiesAndTheRestIsTheBody() throws Exception {
        WireResponse r = UrlResponses.streamed(json, UrlResponses.PRELUDE_TYPE,
                stream("{\"statusCode\":404,\"headers\":{\"Content-Type\":\"text/html\"},\"cookies\":[\"a=1\",\"b=2\"]}", "<p>gone</p>"));
        assertEquals(404, r.status());
        assertEquals("text/html", r.headers().first("Content-Type"));
        assertEquals(2, r.headers().all("Set-Cookie").size());
        assertEquals(-1, r.streamed().length());
        assertEquals("<p>gone</p>", new String(r.streamed().in().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void withoutAPreludeTheStreamIsA200OfItsContentType() throws Exception {
        WireResponse r = UrlResponses.streamed(json, "text/plain", new ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, r.status());
        assertEquals("text/plain", r.headers().first("Content-Type"));
        assertEquals("hi", new String(r.streamed().in().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anImpossibleStatusIsABadGateway() {
        assertEquals(502, UrlResponses.streamed(json, UrlResponses.PRELUDE_TYPE, stream("{\"statusCode\":42}", "x")).status());
    }
}
