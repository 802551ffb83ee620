package io.haneul.lambda.exec;

import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (2018-06-01) that function processes call, on Haneul's own port under
 * {@code /_aws/lambda-runtime/<environment id>/}. A process does not sign its requests: the
 * environment id (128 random bits, handed over only in the process's {@code AWS_LAMBDA_RUNTIME_API})
 * is its credential, and an unknown id is refused with 403.
 *
 * <p>{@code next} is held open up to the configured poll time (Jetty's idle timeout bounds how long
 * a request may sit silent); with no event by then it answers 204 and Haneul's bootstraps ask again.
 */
public final class RuntimeApiPlane implements DataPlane {

    public static final String PREFIX = "/_aws/lambda-runtime/";

    private static final Pattern PATH = Pattern.compile(
            "/_aws/lambda-runtime/([0-9a-f]{32})/2018-06-01/runtime/(invocation/next|invocation/([^/]+)/(response|error)|init/error)");

    @Override
    public String name() {
        return "lambda-runtime-api";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(PREFIX);
    }

    /**
     * A response in the Runtime API's streaming mode ({@code Lambda-Runtime-Function-Response-Mode:
     * streaming}, a chunked POST) is read as it arrives, so that its bytes reach the caller before
     * the function finishes.
     */
    @Override
    public boolean streamsBody(WireRequest head) {
        return "streaming".equalsIgnoreCase(head.header("Lambda-Runtime-Function-Response-Mode"))
                && head.rawPath().endsWith("/response") && PATH.matcher(head.rawPath()).matches();
    }

    @Override
    public WireResponse handle(DataPlaneCall call) {
        Matcher m = PATH.matcher(call.request().rawPath());
        if (!m.matches()) {
            return error(404, "InvalidRequest", "Unknown Runtime API path");
        }
        Object provider = call.provider();
        if (!(provider instanceof RuntimeApiHost host)) {
            return error(500, "ServiceUnavailable", "Lambda is not running");
        }
        Optional<ExecutionEnvironment> found = host.environment(m.group(1));
        if (found.isEmpty()) {
            return error(403, "Forbidden", "Unknown execution environment");
        }
        ExecutionEnvironment env = found.get();
        String method = call.request().method();
        String action = m.group(2);
        if (action.equals("invocation/next")) {
            return method.equals("GET") ? next(env, host) : error(405, "MethodNotAllowed", "GET only");
        }
        if (!method.equals("POST")) {
            return error(405, "MethodNotAllowed", "POST only");
        }
        if (streamsBody(call.request())) {
            return streamed(env, m.group(3), call, call.request().header("Content-Type"));
        }
        byte[] body = call.request().body();
        if (action.equals("init/error")) {
            env.reportInitError(errorDocument(body, call.request().header("Lambda-Runtime-Function-Error-Type")));
            return accepted();
        }
        Optional<PendingInvocation> invocation = env.current(m.group(3));
        if (invocation.isEmpty() || invocation.get().answer().isDone()) {
            return error(400, "InvalidRequestID", "Invalid request ID");
        }
        boolean failed = m.group(4).equals("error");
        invocation.get().answer().complete(new PendingInvocation.RuntimeAnswer(
                failed ? errorDocument(body, call.request().header("Lambda-Runtime-Function-Error-Type")) : body, failed));
        return accepted();
    }

    /**
     * A streamed response: each piece to the invocation's sink as it arrives, and the whole as its
     * answer at the end; error trailers (a failure after the function started writing) make the
     * answer that error instead, and are reported to the sink.
     */
    private static WireResponse streamed(ExecutionEnvironment env, String requestId, DataPlaneCall call, String contentType) {
        java.io.InputStream body = call.body();
        Optional<PendingInvocation> invocation = env.current(requestId);
        if (invocation.isEmpty() || invocation.get().answer().isDone()) {
            return error(400, "InvalidRequestID", "Invalid request ID");
        }
        PendingInvocation inv = invocation.get();
        inv.sink().start(contentType == null ? "application/octet-stream" : contentType);
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                if (n > 0) {
                    byte[] piece = java.util.Arrays.copyOf(buffer, n);
                    whole.writeBytes(piece);
                    inv.sink().chunk(piece);
                }
            }
        } catch (java.io.IOException e) {
            // the runtime went away mid-response: what arrived is the answer, as far as it goes
        }
        String errorType = call.trailers().first(ERROR_TYPE);
        if (errorType != null && !errorType.isBlank()) {
            byte[] document = errorDocument(decodeBase64(call.trailers().first(ERROR_BODY)), errorType);
            inv.sink().failed(errorType, document);
            inv.answer().complete(new PendingInvocation.RuntimeAnswer(document, true));
            return accepted();
        }
        inv.answer().complete(new PendingInvocation.RuntimeAnswer(whole.toByteArray(), false));
        return accepted();
    }

    /** The trailers a runtime reports a failure after it started streaming with. */
    static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    static final String ERROR_BODY = "Lambda-Runtime-Function-Error-Body";

    /** The error body trailer, base64 as the Runtime API carries it; its text as it is when it is not base64. */
    private static byte[] decodeBase64(String value) {
        if (value == null) {
            return new byte[0];
        }
        try {
            return java.util.Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static WireResponse next(ExecutionEnvironment env, RuntimeApiHost host) {
        Optional<PendingInvocation> next;
        try {
            do {
                next = env.next(host.nextPoll());
            } while (next.isEmpty() && host.holdsNext() && env.alive());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WireResponse(204, new Headers(), new byte[0]);
        }
        if (next.isEmpty()) {
            return new WireResponse(204, new Headers(), new byte[0]);
        }
        PendingInvocation inv = next.get();
        Headers headers = new Headers()
                .set("Content-Type", "application/json")
                .set("Lambda-Runtime-Aws-Request-Id", inv.requestId())
                .set("Lambda-Runtime-Deadline-Ms", String.valueOf(inv.pickedUpAt().join() + inv.timeoutMillis()))
                .set("Lambda-Runtime-Invoked-Function-Arn", inv.functionArn())
                .set("Lambda-Runtime-Trace-Id", traceId(inv.requestId(), inv.pickedUpAt().join()));
        return new WireResponse(200, headers, inv.payload());
    }

    /** An X-Ray trace header of the shape Lambda passes (Root=1-<8 hex time>-<24 hex>), derived from the request id. */
    private static String traceId(String requestId, long epochMillis) {
        String hex = requestId.replace("-", "");
        return "Root=1-" + Long.toHexString(epochMillis / 1000) + "-" + hex.substring(0, 24) + ";Sampled=0";
    }

    /** The runtime's error body when it is a JSON document, else AWS's wrapping of the error type it named. */
    private static byte[] errorDocument(byte[] body, String errorType) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            return body;
        }
        String type = errorType == null ? "Runtime.Unknown" : errorType;
        return ("{\"errorType\":\"" + type.replace("\"", "") + "\",\"errorMessage\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n") + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static WireResponse accepted() {
        return WireResponse.of(202, "application/json", "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static WireResponse error(int status, String type, String message) {
        return WireResponse.of(status, "application/json",
                ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
