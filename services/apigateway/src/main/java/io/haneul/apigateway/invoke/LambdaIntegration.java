package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AWS} (non-proxy) to a Lambda function ({@code lambda:path/2015-03-31/functions/{arn}/invocations}):
 * the mapped request (template or passthrough) is the event; {@code X-Amz-Invocation-Type: 'Event'}
 * in the request parameters invokes asynchronously. A function that fails is still answered
 * through the integration responses, selected by matching each {@code selectionPattern} against
 * its {@code errorMessage}; a function that succeeds gets the default response. With the
 * integration's {@code credentials} role the call is the role's (no resource policy needed), else
 * it is {@code apigateway.amazonaws.com}'s with the method's execute-api ARN as source.
 */
public final class LambdaIntegration {

    private static final Pattern FUNCTION = Pattern.compile(":lambda:path/[^/]+/functions/(.+)/invocations$");

    private final Templates templates;
    private final Supplier<Optional<FunctionInvoker>> lambda;
    private final ObjectMapper json;
    private final IntegrationDeadline deadline = new IntegrationDeadline();

    public LambdaIntegration(Templates templates, Supplier<Optional<FunctionInvoker>> lambda, ObjectMapper json) {
        this.templates = templates;
        this.lambda = lambda;
        this.json = json;
    }

    WireResponse invoke(InvokeRequest r, Headers headers) {
        String uri = StageVariables.substitute(r.integration().path("uri").asText(""), r.stageVariables());
        Matcher m = FUNCTION.matcher(uri);
        Optional<FunctionInvoker> invoker = lambda.get();
        if (!m.find() || invoker.isEmpty()) {
            throw GatewayFailures.configurationError();
        }
        RequestMapping.Mapped mapped;
        try {
            mapped = RequestMapping.map(templates, r);
        } catch (Templates.TemplateException e) {
            throw GatewayFailures.configurationError();
        }
        if (mapped == null) {
            throw GatewayFailures.unsupportedMediaType();
        }
        String function = m.group(1);
        boolean event = "Event".equalsIgnoreCase(IntegrationParameters.of(r).header("X-Amz-Invocation-Type"));
        boolean asRole = r.integration().hasNonNull("credentials");
        FunctionInvoker.Result result;
        FunctionInvoker.Invocation invocation = new FunctionInvoker.Invocation(AwsServiceIntegration.accountOf(arnAccount(function), r.account()),
                    r.region(), function, null, event ? FunctionInvoker.InvocationType.EVENT : FunctionInvoker.InvocationType.REQUEST_RESPONSE,
                    mapped.bytes(), null, asRole ? null : LambdaProxyIntegration.PRINCIPAL,
                    asRole ? null : r.executeApiArn());
        try {
            result = deadline.within(r.integration().path("timeoutInMillis").asInt(29_000), () -> invoker.get().invoke(invocation));
        } catch (IntegrationDeadline.Expired e) {
            throw GatewayFailures.timedOut();
        } catch (FunctionInvoker.FunctionInvocationException e) {
            throw GatewayFailures.configurationError();
        }
        String payload = new String(result.payload() == null ? new byte[0] : result.payload(), StandardCharsets.UTF_8);
        String selector = result.functionError() == null ? null : errorMessage(payload);
        Headers backendHeaders = new Headers();
        backendHeaders.set("Content-Type", "application/json");
        return IntegrationResponses.respond(templates, r, new IntegrationResponses.Backend(result.statusCode(), backendHeaders, payload),
                selector, headers);
    }

    /** The {@code errorMessage} of a function's error document, or the whole payload when it has none. */
    private String errorMessage(String payload) {
        try {
            JsonNode doc = json.readTree(payload);
            if (doc != null && doc.hasNonNull("errorMessage")) {
                return doc.get("errorMessage").asText();
            }
        } catch (Exception e) {
            // not JSON: matched as it is
        }
        return payload;
    }

    /** A function ARN rewritten as the role-like ARN {@link AwsServiceIntegration#accountOf} reads, or null for a bare name. */
    private static String arnAccount(String function) {
        String[] parts = function.split(":");
        return parts.length >= 7 && parts[0].equals("arn") ? "arn:aws:iam::" + parts[4] + ":x" : null;
    }
}
