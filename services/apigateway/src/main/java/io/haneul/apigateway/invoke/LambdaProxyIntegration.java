package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AWS_PROXY} to a Lambda function: the request becomes the v1 proxy event, the function is
 * invoked through Haneul's Lambda as {@code apigateway.amazonaws.com} with the method's execute-api
 * ARN as source, and its answer is the response. A function error or a malformed answer is API
 * Gateway's 502; a function that cannot be invoked (missing, refused) its 500.
 */
public final class LambdaProxyIntegration implements InvokeEndpoint.Integration {

    static final String PRINCIPAL = "apigateway.amazonaws.com";
    private static final Pattern FUNCTION = Pattern.compile(":lambda:path/[^/]+/functions/(.+)/invocations$");

    private final Supplier<Optional<FunctionInvoker>> lambda;
    private final ObjectMapper json;
    /** {@code timeoutInMillis}: a function slower than it is API Gateway's 504. */
    private final IntegrationDeadline deadline = new IntegrationDeadline();

    public LambdaProxyIntegration(Supplier<Optional<FunctionInvoker>> lambda, ObjectMapper json) {
        this.lambda = lambda;
        this.json = json;
    }

    @Override
    public WireResponse invoke(InvokeRequest r, Headers headers) {
        String uri = StageVariables.substitute(r.integration().path("uri").asText(""), r.stageVariables());
        Matcher m = FUNCTION.matcher(uri);
        Optional<FunctionInvoker> invoker = lambda.get();
        if (!m.find() || invoker.isEmpty()) {
            throw GatewayFailures.configurationError();
        }
        String function = m.group(1);
        byte[] event;
        try {
            event = json.writeValueAsBytes(ProxyEvent.of(r));
        } catch (Exception e) {
            throw GatewayFailures.configurationError();
        }
        FunctionInvoker.Result result;
        FunctionInvoker.Invocation invocation = new FunctionInvoker.Invocation(FunctionArns.accountOf(function, r.account()), r.region(), function, null,
                FunctionInvoker.InvocationType.REQUEST_RESPONSE, event, null, PRINCIPAL, r.executeApiArn());
        try {
            result = deadline.within(r.integration().path("timeoutInMillis").asInt(29_000), () -> invoker.get().invoke(invocation));
        } catch (IntegrationDeadline.Expired e) {
            throw GatewayFailures.timedOut();
        } catch (FunctionInvoker.FunctionInvocationException e) {
            throw GatewayFailures.configurationError();
        }
        if (result.functionError() != null) {
            throw GatewayFailures.badGateway();
        }
        return ProxyResponse.parse(json, result.payload(), headers)
                .orElseThrow(GatewayFailures::badGateway);
    }

    /** The account in a function ARN ({@code arn:aws:lambda:region:account:function:name}), else the API's. */
}
