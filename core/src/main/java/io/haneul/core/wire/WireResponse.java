package io.haneul.core.wire;

/**
 * An HTTP response produced by the protocol engine, written out by whatever server hosts it.
 */
public record WireResponse(int status, Headers headers, byte[] body) {

    public static WireResponse of(int status, String contentType, byte[] body) {
        Headers h = new Headers();
        if (contentType != null) {
            h.set("Content-Type", contentType);
        }
        return new WireResponse(status, h, body);
    }
}
