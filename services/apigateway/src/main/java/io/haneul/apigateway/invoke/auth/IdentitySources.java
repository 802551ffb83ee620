package io.haneul.apigateway.invoke.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.AuthorizerRules;
import io.haneul.apigateway.invoke.InvokeRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Lambda authorizer's identity: the values of its identity sources in this request. A source that
 * is missing or empty means no identity, which API Gateway answers 401 without calling the
 * function; a TOKEN whose value the {@code identityValidationExpression} does not match is refused
 * the same way. The values are also the authorizer cache's key.
 */
final class IdentitySources {

    private IdentitySources() {
    }

    /** @throws io.haneul.apigateway.invoke.GatewayFailure 401 Unauthorized when a source has no value */
    static List<String> values(ObjectNode authorizer, InvokeRequest r) {
        boolean token = !authorizer.path("type").asText().equals("REQUEST");
        List<String> sources = token
                ? List.of(authorizer.path("identitySource").asText("method.request.header.Authorization"))
                : AuthorizerRules.sources(authorizer.path("identitySource").asText(""));
        List<String> values = new ArrayList<>();
        for (String source : sources) {
            String v = value(source, r);
            if (v == null || v.isEmpty()) {
                throw Denials.unauthorized();
            }
            values.add(v);
        }
        String expression = authorizer.path("identityValidationExpression").asText("");
        if (token && authorizer.path("type").asText().equals("TOKEN") && !expression.isEmpty()
                && !Pattern.compile(expression).matcher(values.getFirst()).matches()) {
            throw Denials.unauthorized();
        }
        return values;
    }

    private static String value(String source, InvokeRequest r) {
        int dot = source.lastIndexOf('.');
        if (source.startsWith("method.request.header.")) {
            return r.headers().first(source.substring("method.request.header.".length()));
        }
        if (source.startsWith("method.request.multivalueheader.")) {
            List<String> all = r.headers().all(source.substring("method.request.multivalueheader.".length()));
            return all.isEmpty() ? null : String.join(",", all);
        }
        if (source.startsWith("method.request.querystring.")) {
            List<String> all = r.query().get(source.substring("method.request.querystring.".length()));
            return all == null || all.isEmpty() ? null : all.getLast();
        }
        if (source.startsWith("method.request.multivaluequerystring.")) {
            List<String> all = r.query().get(source.substring("method.request.multivaluequerystring.".length()));
            return all == null || all.isEmpty() ? null : String.join(",", all);
        }
        if (source.startsWith("stageVariables.")) {
            return r.stageVariables().get(source.substring(dot + 1));
        }
        if (source.startsWith("context.")) {
            return context(source.substring("context.".length()), r);
        }
        return null;
    }

    private static String context(String name, InvokeRequest r) {
        return switch (name) {
            case "accountId" -> r.account();
            case "apiId" -> r.apiId();
            case "stage" -> r.stage();
            case "httpMethod" -> r.httpMethod();
            case "path" -> r.stagePath();
            case "resourcePath" -> r.resourcePath();
            case "resourceId" -> r.resourceId();
            case "requestId" -> r.requestId();
            case "domainName" -> r.domainName();
            case "identity.sourceIp" -> r.sourceIp() == null ? "127.0.0.1" : r.sourceIp();
            case "identity.userAgent" -> r.headers().first("User-Agent");
            default -> null;
        };
    }
}
