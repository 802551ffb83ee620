package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What CreateAuthorizer and UpdateAuthorizer accept, as API Gateway checks it: a Lambda authorizer
 * (TOKEN, REQUEST) names a Lambda invocation URI; a TOKEN authorizer reads exactly one request
 * header; a REQUEST authorizer's identity sources are headers, query strings, stage variables or
 * context variables; a Cognito authorizer names user pools; the result TTL is 0 to 3600 seconds.
 */
public final class AuthorizerRules {

    public static final Set<String> TYPES = Set.of("TOKEN", "REQUEST", "COGNITO_USER_POOLS");
    /** AWS's default result TTL when none is given. */
    public static final int DEFAULT_TTL = 300;

    private static final Pattern TOKEN_SOURCE = Pattern.compile("method\\.request\\.header\\.[a-zA-Z0-9._-]+");
    private static final Pattern REQUEST_SOURCE = Pattern.compile(
            "method\\.request\\.(header|querystring|multivalueheader|multivaluequerystring)\\.[^\\s,]+|stageVariables\\.[A-Za-z0-9_]+"
                    + "|context\\.[A-Za-z0-9_.]+");
    private static final Pattern LAMBDA_URI = Pattern.compile(
            "arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/.+/invocations");
    private static final Pattern USER_POOL = Pattern.compile("arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\\d{12}:userpool/.+");

    private AuthorizerRules() {
    }

    /** Fills AWS's defaults into a new authorizer. */
    public static void defaults(ObjectNode authorizer) {
        if (!authorizer.has("authorizerResultTtlInSeconds")) {
            authorizer.put("authorizerResultTtlInSeconds", DEFAULT_TTL);
        }
        if (authorizer.has("providerARNs") && authorizer.get("providerARNs").isEmpty()) {
            authorizer.remove("providerARNs");
        }
    }

    /** @throws ApiGatewayException BadRequestException naming what is wrong */
    public static void check(ObjectNode a) {
        if (a.path("name").asText("").isEmpty()) {
            throw ApiGatewayException.badRequest("Authorizer name must be non-empty");
        }
        String type = a.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw ApiGatewayException.badRequest("Invalid authorizer type specified: " + type
                    + ". Must be one of [TOKEN, REQUEST, COGNITO_USER_POOLS]");
        }
        int ttl = a.path("authorizerResultTtlInSeconds").asInt(DEFAULT_TTL);
        if (ttl < 0 || ttl > 3600) {
            throw ApiGatewayException.badRequest("Invalid value for authorizerResultTtlInSeconds: " + ttl
                    + ". Must be between 0 and 3600 seconds");
        }
        if (type.equals("COGNITO_USER_POOLS")) {
            JsonNode arns = a.path("providerARNs");
            if (!arns.isArray() || arns.isEmpty()) {
                throw ApiGatewayException.badRequest("ProviderARNs need to be specified for COGNITO_USER_POOLS authorizers");
            }
            for (JsonNode arn : arns) {
                if (!USER_POOL.matcher(arn.asText()).matches()) {
                    throw ApiGatewayException.badRequest("Invalid ARN specified in the request: " + arn.asText()
                            + ". A Cognito user pool ARN is required");
                }
            }
            checkTokenSource(a.path("identitySource").asText("method.request.header.Authorization"));
            return;
        }
        String uri = a.path("authorizerUri").asText("");
        if (uri.isEmpty()) {
            throw ApiGatewayException.badRequest("Authorizer URI must be specified for authorizers of type " + type);
        }
        if (!LAMBDA_URI.matcher(uri).matches()) {
            throw ApiGatewayException.badRequest("Invalid Authorizer URI specified: " + uri
                    + ". It must be a Lambda function invocation URI: arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function arn}/invocations");
        }
        if (type.equals("TOKEN")) {
            checkTokenSource(a.path("identitySource").asText(""));
            String expression = a.path("identityValidationExpression").asText("");
            if (!expression.isEmpty()) {
                try {
                    Pattern.compile(expression);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw ApiGatewayException.badRequest("Invalid identity validation expression specified: " + expression);
                }
            }
        } else {
            List<String> sources = sources(a.path("identitySource").asText(""));
            if (sources.isEmpty() && ttl > 0) {
                throw ApiGatewayException.badRequest("Identity source must be specified for REQUEST authorizers when caching is enabled"
                        + " (authorizerResultTtlInSeconds > 0)");
            }
            for (String s : sources) {
                if (!REQUEST_SOURCE.matcher(s).matches()) {
                    throw ApiGatewayException.badRequest("Invalid identity source expression: " + s + ". The source must be"
                            + " method.request.header.X, method.request.querystring.X, stageVariables.X or context.X");
                }
            }
        }
    }

    /** The identity sources of a REQUEST authorizer, in order ({@code identitySource} is comma-separated). */
    public static List<String> sources(String identitySource) {
        List<String> out = new ArrayList<>();
        for (String s : identitySource.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static void checkTokenSource(String source) {
        if (!TOKEN_SOURCE.matcher(source).matches()) {
            throw ApiGatewayException.badRequest("Invalid token source expression: " + source
                    + ". The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'.");
        }
    }
}
