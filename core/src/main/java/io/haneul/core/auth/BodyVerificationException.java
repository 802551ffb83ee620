package io.haneul.core.auth;

import java.io.IOException;

/**
 * Raised from a body stream ({@link AwsChunkedDecoder}, {@link ContentSha256InputStream}) when the body
 * fails verification: a bad chunk signature, a checksum mismatch, malformed framing. An
 * {@link IOException} so it passes through stream-copying code; {@link #error()} is what to answer.
 */
public final class BodyVerificationException extends IOException {

    private final AuthException error;

    public BodyVerificationException(AuthException error) {
        super(error.code() + ": " + error.getMessage(), error);
        this.error = error;
    }

    /** The error to answer the client with. */
    public AuthException error() {
        return error;
    }
}
