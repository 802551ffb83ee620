package io.haneul.apigateway.v2.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.invoke.FunctionArns;
import io.haneul.core.spi.FunctionInvoker;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket API's REQUEST (Lambda) authorizer, which only {@code $connect} may have. Every
 * identity source ({@code route.request.header.X}, {@code route.request.querystring.X}) must be
 * present, else 401 without calling the function; the function answers an IAM policy judged
 * against {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect} (an explicit Deny
 * wins): a refusal is 403, a failing function or an answer without a policy 500. The principal
 * and {@code context} become {@code requestContext.authorizer} for the connection's events.
 */
final class ConnectAuthorizer {

    /** The decision: 200 with the authorizer context, or the status that refuses the handshake. */
    record Decision(int status, ObjectNode context) {
    }

    private static final Pattern INVOCATION_URI = Pattern.compile(":lambda:path/[^/]+/functions/(.+)/invocations$");

    private final Supplier<Optional<FunctionInvoker>> lambda;
    private final ObjectMapper json;
    private final WsEvents events;

    ConnectAuthorizer(Supplier<Optional<FunctionInvoker>> lambda, ObjectMapper json, WsEvents events) {
        this.lambda = lambda;
        this.json = json;
        this.events = events;
    }

    Decision authorize(JsonNode authorizer, WsRequest r) {
        WsConnection.Origin o = r.connection().origin();
        for (JsonNode source : authorizer.path("identitySource")) {
            String value = identity(source.asText(), o);
            if (value == null || value.isEmpty()) {
                return new Decision(401, null);
            }
        }
        Optional<FunctionInvoker> invoker = lambda.get();
        if (invoker.isEmpty()) {
            return new Decision(500, null);
        }
        WsConfig c = r.config();
        String methodArn = "arn:aws:execute-api:" + c.region() + ":" + c.account() + ":" + c.apiId() + "/" + c.stageName() + "/$connect";
        String uri = authorizer.path("authorizerUri").asText("");
        Matcher m = INVOCATION_URI.matcher(uri);
        String function = m.find() ? m.group(1) : uri;
        JsonNode answer;
        try {
            FunctionInvoker.Result result = invoker.get().invoke(new FunctionInvoker.Invocation(FunctionArns.accountOf(function, c.account()),
                    c.region(), function, null, FunctionInvoker.InvocationType.REQUEST_RESPONSE,
                    json.writeValueAsBytes(events.authorizerEvent(r, methodArn)), null, "apigateway.amazonaws.com",
                    "arn:aws:execute-api:" + c.region() + ":" + c.account() + ":" + c.apiId() + "/authorizers/" + authorizer.path("authorizerId").asText()));
            if (result.functionError() != null) {
                return new Decision(500, null);
            }
            answer = json.readTree(result.payload());
        } catch (FunctionInvoker.FunctionInvocationException | IOException e) {
            return new Decision(500, null);
        }
        JsonNode policy = answer == null ? null : answer.path("policyDocument");
        if (policy == null || !policy.isObject()) {
            return new Decision(500, null);
        }
        if (!allows(policy, methodArn)) {
            return new Decision(403, null);
        }
        ObjectNode context = json.createObjectNode();
        if (answer.path("context").isObject()) {
            context.setAll((ObjectNode) answer.get("context"));
        }
        if (answer.has("principalId")) {
            context.put("principalId", answer.get("principalId").asText());
        }
        return new Decision(200, context);
    }

    private static String identity(String source, WsConnection.Origin o) {
        if (source.startsWith("route.request.header.")) {
            return last(o.headers(), source.substring("route.request.header.".length()), true);
        }
        if (source.startsWith("route.request.querystring.")) {
            return last(o.query(), source.substring("route.request.querystring.".length()), false);
        }
        return null; // stage variables and context sources are always present
    }

    private static String last(Map<String, List<String>> values, String name, boolean ignoreCase) {
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (ignoreCase ? e.getKey().equalsIgnoreCase(name) : e.getKey().equals(name)) {
                return String.join(",", e.getValue());
            }
        }
        return null;
    }

    /** See {@link io.haneul.apigateway.invoke.auth.AuthorizerPolicy}: the same rules as REST APIs' authorizers. */
    static boolean allows(JsonNode policy, String arn) {
        return io.haneul.apigateway.invoke.auth.AuthorizerPolicy.allows(policy, arn);
    }
}
