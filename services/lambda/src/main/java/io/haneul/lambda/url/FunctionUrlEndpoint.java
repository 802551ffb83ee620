package io.haneul.lambda.url;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.auth.AuthException;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.wire.WireResponse;
import io.haneul.lambda.domain.LambdaException;

import java.util.Optional;

/**
 * Answers one HTTP request to a function URL: finds the URL, checks the caller, answers CORS
 * preflights, and otherwise invokes the function synchronously with the payload 2.0 event and maps
 * its result. The caller is anonymous for AuthType NONE, and for AWS_IAM the account of a valid
 * SigV4 signature for service {@code lambda} (unsigned or badly signed: 403); either way the
 * function's resource policy must let it in ({@link UrlAccess}), else 403 {@code {"Message":"Forbidden"}}.
 */
public final class FunctionUrlEndpoint {

    private final FunctionUrlService urls;
    private final UrlInvoker invoker;
    private final UrlAccess access;
    private final ObjectMapper json;

    public FunctionUrlEndpoint(FunctionUrlService urls, UrlInvoker invoker, UrlAccess access, ObjectMapper json) {
        this.urls = urls;
        this.invoker = invoker;
        this.access = access;
        this.json = json;
    }

    /**
     * @param urlId  the id the host or path named
     * @param region the region the host named, or null (path form)
     * @param path   the path as the function sees it
     */
    public WireResponse handle(DataPlaneCall call, String urlId, String region, String path) {
        Optional<FunctionUrlConfig> found = urls.byId(urlId);
        if (found.isEmpty() || (region != null && !region.equals(found.get().region()))) {
            return UrlResponses.message(403, "AccessDeniedException", null);
        }
        FunctionUrlConfig url = found.get();
        UrlEvent.IamCaller caller = null;
        if (FunctionUrlConfig.AWS_IAM.equals(url.authType())) {
            caller = signedCaller(call);
            if (caller == null) {
                return UrlResponses.message(403, "AccessDeniedException", "Forbidden");
            }
        }
        if (!access.allows(url, caller == null ? null : caller.accountId())) {
            return UrlResponses.message(403, "AccessDeniedException", "Forbidden");
        }
        if (UrlCorsHeaders.isPreflight(url.cors(), call.request())) {
            return UrlCorsHeaders.preflight(url.cors(), call.request());
        }
        WireResponse answer = invoke(url, UrlEvent.of(json, url, call, path, caller));
        UrlCorsHeaders.decorate(url.cors(), call.request(), answer.headers());
        answer.headers().set("x-amzn-RequestId", call.requestId());
        return answer;
    }

    /** The verified caller, or null when the request is unsigned or badly signed. */
    private static UrlEvent.IamCaller signedCaller(DataPlaneCall call) {
        try {
            DataPlaneCall.Caller c = call.authenticate("lambda");
            if (c.accessKeyId() == null) {
                return null;
            }
            return new UrlEvent.IamCaller(c.accountId(), c.accessKeyId());
        } catch (AuthException e) {
            return null;
        }
    }

    /**
     * A {@code RESPONSE_STREAM} URL of a function that streams answers as the function writes (its
     * {@code HttpResponseStream} prelude gives the status and headers); everything else is buffered.
     */
    private WireResponse invoke(FunctionUrlConfig url, byte[] event) {
        UrlInvoker.Result result;
        try {
            if ("RESPONSE_STREAM".equals(url.invokeMode())) {
                UrlInvoker.Stream stream = invoker.stream(url.account(), url.region(), url.functionName(), url.qualifier(), event);
                if (stream.whole() == null) {
                    return UrlResponses.streamed(json, stream.contentType(), stream.body());
                }
                result = stream.whole();
            } else {
                result = invoker.invoke(url.account(), url.region(), url.functionName(), url.qualifier(), event);
            }
        } catch (LambdaException e) {
            return switch (e.code()) {
                case "TooManyRequestsException" -> UrlResponses.message(429, "TooManyRequestsException", "Rate Exceeded.");
                case "RequestEntityTooLargeException" -> UrlResponses.message(413, "RequestEntityTooLargeException", e.getMessage());
                default -> UrlResponses.badGateway();
            };
        }
        if (result.functionError() != null) {
            return UrlResponses.badGateway();
        }
        return UrlResponses.of(json, result.payload());
    }
}
