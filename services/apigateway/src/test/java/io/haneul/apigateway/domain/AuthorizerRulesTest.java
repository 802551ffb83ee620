package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuthorizerRulesTest {

    static final String URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations";

    static ObjectNode authorizer(String type, String source) {
        ObjectNode a = new ObjectMapper().createObjectNode().put("name", "a").put("type", type).put("authorizerUri", URI);
        if (source != null) {
            a.put("identitySource", source);
        }
        AuthorizerRules.defaults(a);
        return a;
    }

    static String refusal(ObjectNode a) {
        return assertThrows(ApiGatewayException.class, () -> AuthorizerRules.check(a)).getMessage();
    }

    @Test
    void tokenAuthorizersReadOneHeader() {
        assertDoesNotThrow(() -> AuthorizerRules.check(authorizer("TOKEN", "method.request.header.Authorization")));
        assertEquals("Invalid token source expression: method.request.header.a,method.request.header.b. The source must be a method"
                + " request header, matching 'method.request.header.[a-zA-Z0-9._-]+'.",
                refusal(authorizer("TOKEN", "method.request.header.a,method.request.header.b")));
        refusal(authorizer("TOKEN", null));
        ObjectNode badRegex = authorizer("TOKEN", "method.request.header.Authorization").put("identityValidationExpression", "[");
        refusal(badRegex);
    }

    @Test
    void requestAuthorizersNeedSourcesOnlyWhenCaching() {
        assertDoesNotThrow(() -> AuthorizerRules.check(authorizer("REQUEST",
                "method.request.header.A, method.request.querystring.q, stageVariables.s, context.identity.sourceIp")));
        refusal(authorizer("REQUEST", null));
        assertDoesNotThrow(() -> AuthorizerRules.check(authorizer("REQUEST", null).put("authorizerResultTtlInSeconds", 0)));
        refusal(authorizer("REQUEST", "body.x"));
        assertEquals(List.of("a", "b"), AuthorizerRules.sources(" a ,b,"));
    }

    @Test
    void ttlUriAndTypeAreChecked() {
        assertEquals(300, authorizer("TOKEN", "method.request.header.A").get("authorizerResultTtlInSeconds").asInt());
        refusal(authorizer("TOKEN", "method.request.header.A").put("authorizerResultTtlInSeconds", 3601));
        assertDoesNotThrow(() -> AuthorizerRules.check(authorizer("TOKEN", "method.request.header.A").put("authorizerResultTtlInSeconds", 3600)));
        refusal(authorizer("TOKEN", "method.request.header.A").put("authorizerUri", "https://example.com"));
        refusal(authorizer("JWT", "method.request.header.A"));
        refusal(authorizer("TOKEN", "method.request.header.A").put("name", ""));
    }

    @Test
    void cognitoNeedsUserPools() {
        ObjectNode pool = authorizer("COGNITO_USER_POOLS", null);
        pool.remove("authorizerUri");
        refusal(pool);
        pool.putArray("providerARNs").add("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x");
        assertDoesNotThrow(() -> AuthorizerRules.check(pool));
        pool.putArray("providerARNs").add("arn:aws:iam::123456789012:role/r");
        refusal(pool);
    }
}
