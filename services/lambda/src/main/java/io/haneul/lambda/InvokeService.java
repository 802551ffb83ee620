package io.haneul.lambda;

import io.haneul.core.spi.FunctionInvoker;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.FunctionRules;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.exec.FunctionRunner;
import io.haneul.lambda.exec.InvocationResult;
import io.haneul.lambda.exec.ResponseSink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Invoke, for the API and for other services ({@link FunctionInvoker}): RequestResponse runs the
 * function and answers its result; Event queues it and answers 202 at once; DryRun checks that the
 * function exists and answers 204.
 *
 * <p>Event invocations are stored on the durable scheduler before the 202 ({@link AsyncInvocations}).
 * A qualifier selects what runs ({@link FunctionService#target}: a version's frozen code and
 * configuration, an alias's version picked by weight), and {@code X-Amz-Executed-Version} names it.
 * An invocation by another service as its service principal is checked against the function's
 * resource policy first ({@link PermissionService}).
 */
final class InvokeService implements FunctionInvoker {

    private static final int TAIL_BYTES = 4096;

    private final FunctionService functions;
    private final FunctionRunner runner;
    private final FunctionRules rules;
    private final AsyncInvocations async;
    private final PermissionService permissions;

    InvokeService(FunctionService functions, FunctionRunner runner, FunctionRules rules, AsyncInvocations async,
                  PermissionService permissions) {
        this.functions = functions;
        this.runner = runner;
        this.rules = rules;
        this.async = async;
        this.permissions = permissions;
    }

    /** One invocation's answer as the Invoke API writes it; {@code logResult} is base64 or null. */
    record Answer(int statusCode, byte[] payload, String functionError, String logResult, String executedVersion) {
    }

    Answer invoke(String account, String region, String functionName, String qualifier, InvocationType type,
                  byte[] payload, boolean tail) {
        return invoke(account, region, functionName, qualifier, type, payload, tail, null, null);
    }

    /**
     * One invocation; a service principal (with the calling resource's ARN) must be allowed by the
     * function's resource policy ({@link PermissionService#authorizeInvoke}), DryRun included: that is
     * how S3 and SES check a destination when it is configured.
     */
    Answer invoke(String account, String region, String functionName, String qualifier, InvocationType type,
                  byte[] payload, boolean tail, String principal, String sourceArn) {
        byte[] event = payload == null || payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload;
        rules.checkPayload(event.length, type == InvocationType.EVENT);
        FunctionService.Resolved target = functions.target(account, region, FunctionArns.qualified(functionName, qualifier));
        FunctionRecord fn = target.function();
        permissions.authorizeInvoke(fn, target.qualifier(), principal, sourceArn);
        if (!FunctionRecord.ACTIVE.equals(fn.state())) {
            throw LambdaException.conflict("The operation cannot be performed at this time. The function is currently in the following state: "
                    + fn.state());
        }
        switch (type) {
            case DRY_RUN -> {
                return new Answer(204, new byte[0], null, null, null);
            }
            case EVENT -> {
                async.enqueue(fn, target.qualifier(), event);
                return new Answer(202, new byte[0], null, null, null);
            }
            default -> {
                InvocationResult result = runner.invoke(fn, functions.codeRoot(fn), event, target.invokedArn(), UUID.randomUUID().toString());
                return new Answer(200, result.payload(), result.functionError(), tail ? tail(result.log()) : null, fn.version());
            }
        }
    }

    /** A RequestResponse invocation checked and resolved, not run yet: InvokeWithResponseStream answers its headers first. */
    record Prepared(FunctionRecord function, String invokedArn, byte[] event) {
    }

    /** The checks of a RequestResponse {@link #invoke}: payload limit, the function and qualifier, its state. */
    Prepared prepare(String account, String region, String functionName, String qualifier, byte[] payload) {
        byte[] event = payload == null || payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload;
        rules.checkPayload(event.length, false);
        FunctionService.Resolved target = functions.target(account, region, FunctionArns.qualified(functionName, qualifier));
        FunctionRecord fn = target.function();
        permissions.authorizeInvoke(fn, target.qualifier(), null, null);
        if (!FunctionRecord.ACTIVE.equals(fn.state())) {
            throw LambdaException.conflict("The operation cannot be performed at this time. The function is currently in the following state: "
                    + fn.state());
        }
        return new Prepared(fn, target.invokedArn(), event);
    }

    /** Runs a prepared invocation, a streamed response's bytes going to {@code sink} as the function writes them. */
    Answer run(Prepared p, boolean tail, ResponseSink sink) {
        InvocationResult result = runner.invoke(p.function(), functions.codeRoot(p.function()), p.event(), p.invokedArn(),
                UUID.randomUUID().toString(), sink);
        return new Answer(200, result.payload(), result.functionError(), tail ? tail(result.log()) : null, p.function().version());
    }

    /** The last 4 KB of the invocation's log, base64, as {@code X-Amz-Log-Result} carries it. */
    private static String tail(String log) {
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        byte[] last = bytes.length <= TAIL_BYTES ? bytes : Arrays.copyOfRange(bytes, bytes.length - TAIL_BYTES, bytes.length);
        return Base64.getEncoder().encodeToString(last);
    }

    @Override
    public Result invoke(Invocation invocation) {
        try {
            // name, ARN or partial ARN, with or without :version / :alias, or the qualifier apart: resolved as Invoke does
            Answer a = invoke(invocation.account(), invocation.region(), invocation.function(), invocation.qualifier(), invocation.type(),
                    invocation.payload(), false, invocation.principal(), invocation.sourceArn());
            return new Result(a.statusCode(), a.payload(), a.functionError(), a.executedVersion());
        } catch (LambdaException e) {
            throw new FunctionInvocationException(e.code(), e.getMessage());
        }
    }
}
