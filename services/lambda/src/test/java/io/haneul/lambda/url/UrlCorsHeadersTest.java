package io.haneul.lambda.url;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UrlCorsHeadersTest {

    @Test
    void originsAreMatchedExactlyUnlessAllAreAllowed() {
        UrlCors listed = new UrlCors(null, null, null, List.of("https://a.example"), null, null);
        assertEquals("https://a.example", UrlCorsHeaders.allowedOrigin(listed, "https://a.example"));
        assertNull(UrlCorsHeaders.allowedOrigin(listed, "https://b.example"));
        assertNull(UrlCorsHeaders.allowedOrigin(listed, null));
        UrlCors any = new UrlCors(null, null, null, List.of("*"), null, null);
        assertEquals("*", UrlCorsHeaders.allowedOrigin(any, "https://b.example"));
        assertNull(UrlCorsHeaders.allowedOrigin(new UrlCors(null, null, null, null, null, null), "https://b.example"));
    }

    @Test
    void rulesRefuseWhatNoBrowserCouldUse() {
        FunctionUrlRules.checkCors(new UrlCors(true, List.of("x-a", "*"), List.of("GET", "*"), List.of("*", "http://localhost:3000"),
                List.of("x-b"), 10));
        assertThrows(io.haneul.lambda.domain.LambdaException.class,
                () -> FunctionUrlRules.checkCors(new UrlCors(null, null, List.of("FETCH"), null, null, null)));
        assertThrows(io.haneul.lambda.domain.LambdaException.class,
                () -> FunctionUrlRules.checkCors(new UrlCors(null, List.of("bad header"), null, null, null, null)));
        assertThrows(io.haneul.lambda.domain.LambdaException.class,
                () -> FunctionUrlRules.checkCors(new UrlCors(null, null, null, List.of("ftp://x"), null, null)));
        assertThrows(io.haneul.lambda.domain.LambdaException.class, () -> FunctionUrlRules.checkAuthType("OPEN"));
        assertEquals("BUFFERED", FunctionUrlRules.invokeMode(null, "BUFFERED"));
        assertThrows(io.haneul.lambda.domain.LambdaException.class, () -> FunctionUrlRules.invokeMode("STREAM", "BUFFERED"));
    }
}
