package io.haneul.lambda;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.lambda.domain.LambdaException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * InvokeAsync ({@code POST /2014-11-13/functions/<name>/invoke-async/}), deprecated but still in the
 * API and still sent by boto3's {@code invoke_async} and the CLI: the body is queued as an
 * {@code Event} invocation and answered {@code 202 {"Status":202}} as AWS does. The SDK for Java v2
 * has no request class for it, so the engine cannot route it to a provider method: the provider
 * answers it before routing ({@link io.haneul.core.engine.HttpInterceptor}).
 */
final class InvokeAsyncRoute {

    private static final Pattern PATH = Pattern.compile("/2014-11-13/functions/([^/]+)/invoke-async/?");

    private final InvokeService invocations;

    InvokeAsyncRoute(InvokeService invocations) {
        this.invocations = invocations;
    }

    /** The answer to an InvokeAsync request, or null for any other request. */
    WireResponse answer(RequestContext ctx, WireRequest request) {
        if (!"POST".equals(request.method())) {
            return null;
        }
        Matcher m = PATH.matcher(request.rawPath());
        if (!m.matches()) {
            return null;
        }
        String function = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        try {
            invocations.invoke(ctx.accountId(), ctx.region(), function, null, FunctionInvoker.InvocationType.EVENT, request.body(), false);
        } catch (LambdaException e) {
            throw LambdaErrors.toAws(e);
        }
        return WireResponse.of(202, "application/json", "{\"Status\":202}".getBytes(StandardCharsets.UTF_8));
    }
}
