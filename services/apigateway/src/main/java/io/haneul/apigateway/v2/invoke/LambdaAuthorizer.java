package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.wire.WireRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP APIs' REQUEST (Lambda) authorizers: every identity source must be present (else 401
 * without calling the function); the function gets the 2.0 or 1.0 authorizer event and answers
 * either a simple response ({@code isAuthorized}, 2.0 with simple responses enabled) or an IAM
 * policy judged against the route's ARN; a refusal is 403, a failing function 500. Answers are
 * cached by identity values for the authorizer's TTL.
 */
final class LambdaAuthorizer {

    private static final Pattern INVOCATION_URI = Pattern.compile(":lambda:path/[^/]+/functions/(.+)/invocations$");
    private static final int CACHE_LIMIT = 1024;

    private record Cached(JwtAuthorizer.Outcome outcome, Instant until) {
    }

    private final Supplier<Optional<FunctionInvoker>> lambda;
    private final ObjectMapper json;
    private final LambdaEvents events;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    LambdaAuthorizer(Supplier<Optional<FunctionInvoker>> lambda, ObjectMapper json, Clock clock) {
        this.lambda = lambda;
        this.json = json;
        this.events = new LambdaEvents(json);
        this.clock = clock;
    }

    JwtAuthorizer.Outcome authorize(JsonNode authorizer, HttpApiRequest r) {
        List<String> identity = new ArrayList<>();
        for (JsonNode source : authorizer.path("identitySource")) {
            String value = identityValue(source.asText(), r);
            if (value == null || value.isEmpty()) {
                return new JwtAuthorizer.Outcome(401, null, null);
            }
            identity.add(value);
        }
        int ttl = authorizer.path("authorizerResultTtlInSeconds").asInt(0);
        String key = authorizer.path("authorizerId").asText() + "\n" + String.join("\n", identity);
        Cached hit = ttl > 0 && !identity.isEmpty() ? cache.get(key) : null;
        if (hit != null && hit.until().isAfter(clock.instant())) {
            return hit.outcome();
        }
        JwtAuthorizer.Outcome outcome = call(authorizer, r, identity);
        if (ttl > 0 && !identity.isEmpty() && outcome.status() != 500) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key, new Cached(outcome, clock.instant().plusSeconds(ttl)));
        }
        return outcome;
    }

    private JwtAuthorizer.Outcome call(JsonNode authorizer, HttpApiRequest r, List<String> identity) {
        String uri = authorizer.path("authorizerUri").asText("");
        Matcher m = INVOCATION_URI.matcher(uri);
        String function = m.find() ? m.group(1) : uri;
        Optional<FunctionInvoker> invoker = lambda.get();
        if (invoker.isEmpty()) {
            return new JwtAuthorizer.Outcome(500, null, null);
        }
        boolean v2 = authorizer.path("authorizerPayloadFormatVersion").asText("2.0").equals("2.0");
        String routeArn = routeArn(r);
        ObjectNode event = v2 ? events.v2(r) : events.v1(r);
        event.remove("body");
        event.put("type", "REQUEST");
        if (v2) {
            event.put("routeArn", routeArn);
            identity.forEach(event.putArray("identitySource")::add);
        } else {
            event.put("methodArn", routeArn);
            event.put("identitySource", String.join(",", identity));
        }
        FunctionInvoker.Result result;
        try {
            String[] parts = function.split(":");
            String account = parts.length >= 7 && parts[0].equals("arn") ? parts[4] : r.account();
            result = invoker.get().invoke(new FunctionInvoker.Invocation(account, r.region(), function, null,
                    FunctionInvoker.InvocationType.REQUEST_RESPONSE, json.writeValueAsBytes(event), null, "apigateway.amazonaws.com", routeArn));
        } catch (FunctionInvoker.FunctionInvocationException | java.io.IOException e) {
            return new JwtAuthorizer.Outcome(500, null, null);
        }
        if (result.functionError() != null) {
            return new JwtAuthorizer.Outcome(500, null, null);
        }
        JsonNode answer;
        try {
            answer = json.readTree(result.payload());
        } catch (java.io.IOException e) {
            return new JwtAuthorizer.Outcome(500, null, null);
        }
        ObjectNode context = json.createObjectNode();
        JsonNode returned = answer.path("context");
        if (v2 && authorizer.path("enableSimpleResponses").asBoolean(false)) {
            if (!answer.path("isAuthorized").isBoolean()) {
                return new JwtAuthorizer.Outcome(500, null, null);
            }
            context.set("lambda", returned.isObject() ? returned : json.createObjectNode());
            return new JwtAuthorizer.Outcome(answer.get("isAuthorized").asBoolean() ? 200 : 403, context, null);
        }
        JsonNode policy = answer.path("policyDocument");
        if (!policy.isObject()) {
            return new JwtAuthorizer.Outcome(500, null, null);
        }
        if (v2) {
            context.set("lambda", returned.isObject() ? returned : json.createObjectNode());
        } else if (returned.isObject()) {
            context.setAll((ObjectNode) returned);
        }
        if (answer.has("principalId")) {
            context.put("principalId", answer.get("principalId").asText());
        }
        return new JwtAuthorizer.Outcome(allows(policy, routeArn) ? 200 : 403, context, null);
    }

    static String routeArn(HttpApiRequest r) {
        String key = r.routeKey();
        String tail = key.contains(" ") ? key.substring(0, key.indexOf(' ')) + key.substring(key.indexOf(' ') + 1) : key;
        return "arn:aws:execute-api:" + r.region() + ":" + r.account() + ":" + r.apiId() + "/" + r.stage() + "/" + tail;
    }

    /** See {@link io.haneul.apigateway.invoke.auth.AuthorizerPolicy}: the same rules as REST APIs' authorizers. */
    static boolean allows(JsonNode policy, String arn) {
        return io.haneul.apigateway.invoke.auth.AuthorizerPolicy.allows(policy, arn);
    }

    private static String identityValue(String source, HttpApiRequest r) {
        if (source.startsWith("$request.header.")) {
            List<String> all = new ArrayList<>();
            String name = source.substring("$request.header.".length());
            r.headers().forEach((n, v) -> {
                if (n.equalsIgnoreCase(name)) {
                    all.add(v);
                }
            });
            return all.isEmpty() ? null : String.join(",", all);
        }
        if (source.startsWith("$request.querystring.")) {
            List<String> v = WireRequest.parseForm(r.rawQuery()).get(source.substring("$request.querystring.".length()));
            return v == null ? null : String.join(",", v);
        }
        if (source.startsWith("$context.")) {
            return switch (source.substring("$context.".length())) {
                case "routeKey" -> r.routeKey();
                case "stage" -> r.stage();
                case "requestId" -> r.requestId();
                default -> null;
            };
        }
        if (source.startsWith("$stageVariables.")) {
            return r.stageVariables().get(source.substring("$stageVariables.".length()));
        }
        return null;
    }
}
