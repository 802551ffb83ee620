package io.haneul.core.wire;

import java.io.InputStream;

/**
 * An HTTP response produced by the protocol engine, written out by whatever server hosts it.
 *
 * @param streamed a body to stream instead of {@code body} (S3 objects), or null
 */
public record WireResponse(int status, Headers headers, byte[] body, Streamed streamed) {

    /**
     * A body the server copies from a stream (and then closes), of a known length, or of length -1:
     * then it is sent chunked, each piece as soon as the stream yields it (Lambda's response streams).
     */
    public record Streamed(InputStream in, long length) {
    }

    public WireResponse(int status, Headers headers, byte[] body) {
        this(status, headers, body, null);
    }

    public static WireResponse of(int status, String contentType, byte[] body) {
        Headers h = new Headers();
        if (contentType != null) {
            h.set("Content-Type", contentType);
        }
        return new WireResponse(status, h, body);
    }
}
