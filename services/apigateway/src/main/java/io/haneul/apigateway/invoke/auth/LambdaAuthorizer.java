package io.haneul.apigateway.invoke.auth;

import io.haneul.apigateway.invoke.FunctionArns;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.invoke.InvokeRequest;
import io.haneul.apigateway.invoke.ProxyEvent;
import io.haneul.apigateway.invoke.StageVariables;
import io.haneul.core.spi.FunctionInvoker;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a Lambda authorizer (TOKEN or REQUEST) through Haneul's Lambda as API Gateway does: the
 * event in AWS's shape, the function invoked as {@code apigateway.amazonaws.com} with the
 * authorizer's ARN ({@code arn:aws:execute-api:{region}:{account}:{apiId}/authorizers/{id}}) as
 * source, so that the function's resource policy must allow it, unless the authorizer has
 * {@code authorizerCredentials} (a role API Gateway assumes: then the function's owner calls it).
 * A function that throws {@code Unauthorized} is a 401; one that cannot be invoked, fails otherwise
 * or answers something unusable is API Gateway's authorizer configuration error (500).
 */
final class LambdaAuthorizer {

    static final String PRINCIPAL = "apigateway.amazonaws.com";
    private static final Pattern FUNCTION = Pattern.compile(":lambda:path/[^/]+/functions/(.+)/invocations$");

    private final Supplier<Optional<FunctionInvoker>> lambda;
    private final ObjectMapper json;

    LambdaAuthorizer(Supplier<Optional<FunctionInvoker>> lambda, ObjectMapper json) {
        this.lambda = lambda;
        this.json = json;
    }

    /** The event: TOKEN {@code {type, authorizationToken, methodArn}}; REQUEST the request's parts as the proxy event has them. */
    ObjectNode event(ObjectNode authorizer, InvokeRequest r, List<String> identity) {
        ObjectNode e = json.createObjectNode();
        if (authorizer.path("type").asText().equals("TOKEN")) {
            e.put("type", "TOKEN");
            e.put("authorizationToken", identity.getFirst());
            e.put("methodArn", r.methodArn());
            return e;
        }
        e.put("type", "REQUEST");
        e.put("methodArn", r.methodArn());
        ObjectNode proxy = ProxyEvent.of(r);
        proxy.remove("body");
        proxy.remove("isBase64Encoded");
        e.setAll(proxy);
        return e;
    }

    /**
     * Invokes the function and reads its answer.
     *
     * @param log where the steps are told, as TestInvokeAuthorizer's log shows them
     * @throws io.haneul.apigateway.invoke.GatewayFailure 401 or 500 as described above
     */
    AuthorizerAnswer call(ObjectNode authorizer, InvokeRequest r, ObjectNode event, List<String> log) {
        String uri = StageVariables.substitute(authorizer.path("authorizerUri").asText(""), r.stageVariables());
        Matcher m = FUNCTION.matcher(uri);
        Optional<FunctionInvoker> invoker = lambda.get();
        if (!m.find() || invoker.isEmpty()) {
            log.add("Execution failed due to configuration error: Invalid authorizer URI " + uri);
            throw Denials.authorizerConfiguration();
        }
        String function = m.group(1);
        boolean withRole = !authorizer.path("authorizerCredentials").asText("").isEmpty();
        String source = "arn:aws:execute-api:" + r.region() + ":" + r.account() + ":" + r.apiId() + "/authorizers/"
                + authorizer.path("id").asText();
        FunctionInvoker.Result result;
        try {
            log.add("Sending request to " + uri);
            result = invoker.get().invoke(new FunctionInvoker.Invocation(FunctionArns.accountOf(function, r.account()), r.region(), function, null,
                    FunctionInvoker.InvocationType.REQUEST_RESPONSE, json.writeValueAsBytes(event), null, withRole ? null : PRINCIPAL,
                    source));
        } catch (FunctionInvoker.FunctionInvocationException e) {
            log.add("Execution failed due to configuration error: " + e.getMessage());
            throw Denials.authorizerConfiguration();
        } catch (IOException e) {
            throw Denials.authorizerConfiguration();
        }
        JsonNode out = read(result.payload());
        if (result.functionError() != null) {
            String message = out == null ? "" : out.path("errorMessage").asText("");
            log.add("Authorizer function failed: " + message);
            throw message.equals("Unauthorized") ? Denials.unauthorized() : Denials.authorizerConfiguration();
        }
        log.add("Authorizer function answered: " + (out == null ? "" : out.toString()));
        return AuthorizerAnswer.parse(out).orElseThrow(() -> {
            log.add("Execution failed due to configuration error: Invalid JSON in response or missing principalId/policyDocument");
            return Denials.authorizerConfiguration();
        });
    }

    private JsonNode read(byte[] payload) {
        try {
            return payload == null || payload.length == 0 ? null : json.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    /** The account in a function ARN ({@code arn:aws:lambda:region:account:function:name}), else the API's. */
}
