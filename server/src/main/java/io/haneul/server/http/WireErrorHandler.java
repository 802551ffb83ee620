package io.haneul.server.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Answers what Jetty refuses before any handler runs (a target that cannot be parsed, such as a path
 * climbing above the root like {@code /bucket/../../key}; a header section too large) with an
 * AWS-shaped XML error instead of Jetty's HTML page, so SDKs report a code and a message. S3, the
 * service whose clients send such targets, uses these codes; no stack trace is ever written.
 */
final class WireErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        String[] codeAndMessage = switch (status) {
            case 400 -> new String[]{"InvalidURI", "Couldn't parse the specified URI."};
            case 413 -> new String[]{"EntityTooLarge", "Your proposed upload exceeds the maximum allowed size."};
            case 414 -> new String[]{"InvalidURI", "The request URI is too long."};
            case 431 -> new String[]{"RequestHeaderSectionTooLarge", "Your request header section exceeds the maximum allowed size."};
            default -> status >= 500
                    ? new String[]{"InternalError", "We encountered an internal error. Please try again."}
                    : new String[]{"InvalidRequest", "The request could not be read."};
        };
        String requestId = UUID.randomUUID().toString();
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + codeAndMessage[0] + "</Code><Message>"
                + codeAndMessage[1] + "</Message><RequestId>" + requestId + "</RequestId></Error>";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
        response.getHeaders().put("x-amz-request-id", requestId);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
