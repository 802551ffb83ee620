package io.haneul.core.engine;

import java.io.InputStream;

/**
 * What a provider returns for an operation whose output body is a stream (S3's GetObject): the SDK
 * response object, written by the codec as usual (status, headers), and the body the server then
 * copies from {@code body} and closes.
 *
 * @param response the SDK response object (e.g. {@code GetObjectResponse})
 * @param status   the status to answer instead of the operation's (206 for a range), or 0
 * @param body     the body; closed by the server once written
 * @param length   the number of bytes {@code body} yields, or -1 when unknown (sent chunked, as it comes)
 */
public record StreamingOutput(Object response, int status, InputStream body, long length) {
}
