package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which customisation answers a failure, and with what status, headers and body. */
class GatewayResponsesTest {

    final GatewayResponses responses = new GatewayResponses(new Templates());
    final ObjectMapper json = new ObjectMapper();

    WireResponse render(String customised, GatewayFailure f) throws Exception {
        Headers request = new Headers().set("X-Who", "ann");
        FailureScene scene = FailureScene.unrouted(new FailureScene.Unrouted("req-1", "ext-1", Instant.parse("2026-01-02T03:04:05Z"), "GET",
                "/dev/x", "q=1", request, new byte[0], "10.0.0.1", "h", "123456789012", "api1", "dev", Map.of("v", "s")));
        return responses.render((ObjectNode) json.readTree(customised), f, scene, new Headers());
    }

    static String body(WireResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void defaultsAreAwsBodies() throws Exception {
        WireResponse token = render("{}", GatewayFailures.missingToken());
        assertEquals(403, token.status());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", body(token));
        assertEquals("MissingAuthenticationTokenException", token.headers().first("x-amzn-ErrorType"));
        WireResponse bad = render("{}", GatewayFailures.badGateway());
        assertEquals(502, bad.status());
        assertEquals("{\"message\": \"Internal server error\"}", body(bad));
        WireResponse media = render("{}", GatewayFailures.unsupportedMediaType());
        assertEquals(415, media.status());
        assertNull(media.headers().first("x-amzn-ErrorType"));
    }

    @Test
    void ownTypeWinsOverItsFamilyWhichWinsOverTheDefault() throws Exception {
        String customised = """
                {"DEFAULT_4XX": {"statusCode": "418", "responseParameters": {"gatewayresponse.header.X-Family": "'4xx'"},
                                 "responseTemplates": {"application/json": "{\\"family\\":$context.error.messageString}"}},
                 "THROTTLED": {"responseParameters": {"gatewayresponse.header.X-Who": "method.request.header.X-Who",
                                                      "gatewayresponse.header.X-Q": "method.request.querystring.q",
                                                      "gatewayresponse.header.X-V": "stageVariables.v",
                                                      "gatewayresponse.header.X-Id": "context.requestId"},
                               "responseTemplates": {"application/json": "{\\"type\\":\\"$context.error.responseType\\",\\"stage\\":\\"$context.stage\\"}"}}}
                """;
        WireResponse throttled = render(customised, new GatewayFailure(GatewayResponseType.THROTTLED, "Too Many Requests", "TooManyRequestsException"));
        assertEquals(429, throttled.status());
        assertEquals("{\"type\":\"THROTTLED\",\"stage\":\"dev\"}", body(throttled));
        assertEquals("ann", throttled.headers().first("X-Who"));
        assertEquals("1", throttled.headers().first("X-Q"));
        assertEquals("s", throttled.headers().first("X-V"));
        assertEquals("req-1", throttled.headers().first("X-Id"));
        assertNull(throttled.headers().first("X-Family"));

        WireResponse denied = render(customised, new GatewayFailure(GatewayResponseType.ACCESS_DENIED, "User is not \"allowed\"", null));
        assertEquals(418, denied.status());
        assertEquals("4xx", denied.headers().first("X-Family"));
        assertEquals("{\"family\":\"User is not \\\"allowed\\\"\"}", body(denied));

        WireResponse timeout = render(customised, GatewayFailures.timedOut());
        assertEquals(504, timeout.status());
        assertEquals("{\"message\": \"Endpoint request timed out\"}", body(timeout));
    }

    @Test
    void aCustomisationWithoutTemplatesUsesTheDefaultTemplate() throws Exception {
        WireResponse r = render("{\"DEFAULT_5XX\": {\"responseParameters\": {\"gatewayresponse.header.Access-Control-Allow-Origin\": \"'*'\"}}}",
                GatewayFailures.configurationError());
        assertEquals(500, r.status());
        assertEquals("*", r.headers().first("Access-Control-Allow-Origin"));
        assertEquals("{\"message\":\"Internal server error\"}", body(r));
        assertEquals("application/json", r.headers().first("Content-Type"));
    }
}
