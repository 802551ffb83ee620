package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteSelectionTest {

    private final RouteSelection selection = new RouteSelection(new ObjectMapper());
    private final JsonNode any = JsonNodeFactory.instance.objectNode();

    @Test
    void selectsTheRouteTheBodyNames() {
        Map<String, JsonNode> routes = Map.of("echo", any, "$default", any);
        assertEquals("echo", selection.select("$request.body.action", "{\"action\":\"echo\"}", routes));
        assertEquals("echo", selection.select("${request.body.action}", "{\"action\":\"echo\"}", routes));
        assertEquals("echo", selection.select("$request.body.msg.kind", "{\"msg\":{\"kind\":\"echo\"}}", routes));
    }

    @Test
    void fallsBackToDefaultOrNothing() {
        Map<String, JsonNode> withDefault = Map.of("echo", any, "$default", any);
        assertEquals("$default", selection.select("$request.body.action", "not json", withDefault));
        assertEquals("$default", selection.select("$request.body.action", "{\"action\":\"other\"}", withDefault));
        assertEquals("$default", selection.select("$request.body.action", "{\"action\":\"$connect\"}", withDefault));
        assertEquals("$default", selection.select("$request.body.action", "{\"action\":{\"a\":1}}", withDefault));
        assertNull(selection.select("$request.body.action", "{\"action\":\"other\"}", Map.of("echo", any)));
    }

    @Test
    void policyDenyWinsOverAllow() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String arn = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/$connect";
        assertTrue(ConnectAuthorizer.allows(json.readTree("{\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"arn:aws:execute-api:*:*:abc/*\"}]}"), arn));
        assertFalse(ConnectAuthorizer.allows(json.readTree("{\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"},"
                + "{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Deny\",\"Resource\":\"" + arn + "\"}]}"), arn));
        assertFalse(ConnectAuthorizer.allows(json.readTree("{\"Statement\":{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"arn:aws:execute-api:*:*:other/*\"}}"), arn));
        // as on AWS (and for REST APIs), the statement must grant execute-api:Invoke
        assertFalse(ConnectAuthorizer.allows(json.readTree("{\"Statement\":{\"Action\":\"execute-api:ManageConnections\",\"Effect\":\"Allow\",\"Resource\":\"*\"}}"), arn));
        assertFalse(ConnectAuthorizer.allows(json.readTree("{\"Statement\":\"not a statement\"}"), arn));
    }
}
