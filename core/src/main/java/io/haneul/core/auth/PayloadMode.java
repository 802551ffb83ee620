package io.haneul.core.auth;

import java.util.Optional;

/**
 * How the request's payload is covered by its signature, from {@code x-amz-content-sha256}. Tells the
 * protocol layer whether the body still needs checking ({@link #SIGNED} with a streamed body) or
 * decoding ({@link #isChunked()}: wrap it in {@link AwsChunkedDecoder}).
 */
public enum PayloadMode {
    /** The SHA-256 of the body is part of the signature (hex in x-amz-content-sha256, or computed). */
    SIGNED(null),
    /** {@code UNSIGNED-PAYLOAD}: the body is not covered. */
    UNSIGNED("UNSIGNED-PAYLOAD"),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked, every chunk signed. */
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks and a signed trailer. */
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked, unsigned, with a trailer (checksum). */
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    private final String headerValue;

    PayloadMode(String headerValue) {
        this.headerValue = headerValue;
    }

    /** The literal x-amz-content-sha256 value, or empty for {@link #SIGNED} (a hex digest). */
    public Optional<String> headerValue() {
        return Optional.ofNullable(headerValue);
    }

    /** Whether the body is aws-chunked encoded. */
    public boolean isChunked() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** Whether every chunk carries a signature. */
    public boolean hasChunkSignatures() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }

    /** Whether trailing headers follow the last chunk. */
    public boolean hasTrailer() {
        return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /** The mode named by a literal x-amz-content-sha256 value; empty for a digest or unknown value. */
    public static Optional<PayloadMode> fromHeaderValue(String value) {
        for (PayloadMode m : values()) {
            if (m.headerValue != null && m.headerValue.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
