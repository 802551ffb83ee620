package io.haneul.core.dataplane;

import io.haneul.core.auth.AuthException;
import io.haneul.core.wire.WireRequest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One request as a {@link DataPlane} sees it: the request (with its body unless the plane streams
 * it), ids and time, the module's running provider, and a way to ask who signed it. No server types.
 */
public final class DataPlaneCall {

    /**
     * Verifies a request's signature for a signing name; the server's authenticator behind it. A
     * streamed body is verified too: against the declared {@code x-amz-content-sha256} as it is read,
     * or, when none is declared, read (within the buffer limit) and hashed before the answer.
     */
    @FunctionalInterface
    public interface Authentication {
        Verified authenticate(WireRequest request, InputStream streamedBody, String signingName) throws AuthException;
    }

    /** A verified caller, and the body to read from now on (checked against the signature), or null to keep it. */
    public record Verified(Caller caller, InputStream body) {
    }

    /** Who signed a request: the account, and the access key id (null when unsigned in permissive mode). */
    public record Caller(String accountId, String accessKeyId) {
    }

    private final WireRequest request;
    private final InputStream arrived;
    private InputStream body;
    private final String requestId;
    private final String scheme;
    private final Instant receivedAt;
    private final Supplier<Object> provider;
    private final Authentication authentication;

    /**
     * @param body     the body as it arrives when the plane streams it, else null (the body is in {@code request})
     * @param provider the module's running provider (started on first use), or a supplier of null for a module without one
     */
    public DataPlaneCall(WireRequest request, InputStream body, String requestId, String scheme, Instant receivedAt,
                         Supplier<Object> provider, Authentication authentication) {
        this.request = request;
        this.arrived = body;
        this.body = body;
        this.requestId = requestId;
        this.scheme = scheme;
        this.receivedAt = receivedAt;
        this.provider = provider;
        this.authentication = authentication;
    }

    public WireRequest request() {
        return request;
    }

    /** The body as a stream: the unread connection when the plane streams bodies, else the buffered bytes. */
    public InputStream body() {
        return body != null ? body : new ByteArrayInputStream(request.body());
    }

    /**
     * The trailer fields of a streamed chunked body, once {@link #body()} has been read to its end;
     * empty when there were none, or when the body was buffered.
     */
    public io.haneul.core.wire.Headers trailers() {
        return arrived instanceof io.haneul.core.wire.TrailingBody t ? t.trailers() : new io.haneul.core.wire.Headers();
    }

    public String requestId() {
        return requestId;
    }

    /** {@code http} or {@code https}, as the client connected. */
    public String scheme() {
        return scheme;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** The module's running provider (its first model's), for planes that share the service's state; may be null. */
    public Object provider() {
        return provider.get();
    }

    /**
     * Who signed the request, verified as for an API call to {@code signingName} (strict mode) or read
     * from the access key (permissive mode). Throws AWS's authentication errors. Call it before reading
     * {@link #body()}: a streamed body is then checked against the signature as it is read.
     */
    public Caller authenticate(String signingName) throws AuthException {
        Verified verified = authentication.authenticate(request, body, signingName);
        if (verified.body() != null) {
            body = verified.body();
        }
        return verified.caller();
    }
}
