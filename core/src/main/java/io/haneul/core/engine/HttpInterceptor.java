package io.haneul.core.engine;

import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

/**
 * Implemented by a provider that must see requests the API model has no operation for, or adjust
 * every response: S3 answers CORS preflight ({@code OPTIONS}) from the bucket's CORS configuration
 * and adds the CORS headers to the answers of requests that carry an {@code Origin}.
 */
public interface HttpInterceptor {

    /** An answer for a request before any operation is looked up, or null to go on as usual. */
    default WireResponse before(RequestContext context, WireRequest request) {
        return null;
    }

    /**
     * Called once the request's operation is known, before it runs: a refusal thrown here is answered
     * as the operation's error (S3 limits what an S3 Express session's key may do by operation).
     */
    default void beforeOperation(RequestContext context, WireRequest request, String operation) {
    }

    /** Adjusts an answer (headers only) before it is written. */
    default void after(RequestContext context, WireRequest request, WireResponse response) {
    }
}
