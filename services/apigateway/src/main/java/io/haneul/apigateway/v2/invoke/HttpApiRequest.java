package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.wire.Headers;

import java.time.Instant;
import java.util.Map;

/**
 * One invocation of an HTTP API as its integration sees it.
 *
 * @param path    the request's path as the client sent it, with the stage prefix if any ({@code rawPath})
 * @param routed  the path after the stage, which the routes matched
 * @param authorizer what an authorizer established (JWT claims and scopes, a Lambda's context), or null
 */
record HttpApiRequest(String requestId, Instant at, String account, String region, String apiId, String stage, String domainName,
                      String method, String path, String routed, String rawQuery, Headers headers, byte[] body, String sourceIp,
                      JsonNode route, Map<String, String> pathParameters, Map<String, String> stageVariables, JsonNode integration,
                      JsonNode authorizer) {

    String routeKey() {
        return route.path("routeKey").asText();
    }

    /** The request after parameter mapping: its headers, query string and path as the integration gets them. */
    HttpApiRequest withMapped(Headers mappedHeaders, String mappedQuery, String mappedPath) {
        return new HttpApiRequest(requestId, at, account, region, apiId, stage, domainName, method, mappedPath, routed, mappedQuery, mappedHeaders,
                body, sourceIp, route, pathParameters, stageVariables, integration, authorizer);
    }

    HttpApiRequest withAuthorizer(JsonNode found) {
        return new HttpApiRequest(requestId, at, account, region, apiId, stage, domainName, method, path, routed, rawQuery, headers, body,
                sourceIp, route, pathParameters, stageVariables, integration, found);
    }
}
