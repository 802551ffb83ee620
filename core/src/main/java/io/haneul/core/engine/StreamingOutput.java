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
 * @param contentType the body's media type when the response object has no member for it (S3's
 *                    GetObjectTorrent: {@code application/x-bittorrent}), else null
 */
public record StreamingOutput(Object response, int status, InputStream body, long length, String contentType) {

    /** A body whose media type the response object states (or the protocol's default). */
    public StreamingOutput(Object response, int status, InputStream body, long length) {
        this(response, status, body, length, null);
    }
}
