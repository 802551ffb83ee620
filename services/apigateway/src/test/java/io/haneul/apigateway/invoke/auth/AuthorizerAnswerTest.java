package io.haneul.apigateway.invoke.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.policy.Decision;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizerAnswerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/1";

    static AuthorizerAnswer answer(String json) throws Exception {
        return AuthorizerAnswer.parse(JSON.readTree(json)).orElseThrow();
    }

    @Test
    void policiesAreJudgedWithWildcardsAndDenyWins() throws Exception {
        AuthorizerAnswer a = answer("""
                {"principalId": "u", "policyDocument": {"Version": "2012-10-17", "Statement": [
                  {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": "arn:aws:execute-api:us-east-1:123456789012:abc/*"},
                  {"Action": ["execute-api:Invoke"], "Effect": "Deny", "Resource": ["arn:aws:execute-api:*:*:abc/*/DELETE/*"]}]},
                 "context": {"s": "x", "n": 1, "b": false}, "usageIdentifierKey": "k"}""");
        assertEquals(Decision.ALLOW, a.decide(ARN));
        assertEquals(Decision.DENY, a.decide("arn:aws:execute-api:us-east-1:123456789012:abc/prod/DELETE/pets/1"));
        assertEquals(Decision.NOT_GRANTED, a.decide("arn:aws:execute-api:us-east-1:123456789012:other/prod/GET/pets/1"));
        assertEquals(Map.of("s", "x", "n", 1, "b", false), a.context());
        assertEquals("k", a.usageIdentifierKey());
        assertEquals("u", a.principalId());
    }

    @Test
    void unusableAnswersAreRefused() throws Exception {
        for (String bad : new String[]{"{}", "[]", "{\"principalId\": \"u\"}",
                "{\"principalId\": \"u\", \"policyDocument\": {\"Statement\": [{\"Effect\": \"Maybe\", \"Action\": \"*\", \"Resource\": \"*\"}]}}",
                "{\"principalId\": \"u\", \"policyDocument\": {\"Statement\": []}, \"context\": {\"o\": {\"nested\": 1}}}",
                "{\"policyDocument\": {\"Statement\": []}}"}) {
            assertTrue(AuthorizerAnswer.parse(JSON.readTree(bad)).isEmpty(), bad);
        }
    }

    @Test
    void deniedResourcesShowTheAccountMasked() {
        assertEquals("arn:aws:execute-api:us-east-1:********9012:abc/prod/GET/", Denials.masked("arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/"));
        assertEquals("User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:a/s/GET/"
                + " with an explicit deny", Denials.resourcePolicy("anonymous", "arn:aws:execute-api:us-east-1:123456789012:a/s/GET/", true).getMessage());
    }
}
