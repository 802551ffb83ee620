package io.haneul.core.dataplane;

import io.haneul.core.routing.HostPattern;
import io.haneul.core.wire.WireRequest;

import java.util.List;
import java.util.Optional;

/**
 * How a module's AWS API is reached beyond the generic rules (signing scope, {@code X-Amz-Target},
 * the endpoint-prefix host, the query {@code Version}), and what its requests need on the way to
 * the engine. S3 uses every part: virtual-hosted buckets, unsigned requests from curl and browsers,
 * a path-style rewrite, streamed bodies and browser-form uploads.
 */
public interface ApiAddressing {

    /** Hosts that address this API, matched after the endpoint-prefix host rule (e.g. {@code *.s3.localhost}). */
    default List<HostPattern> hosts() {
        return List.of();
    }

    /**
     * Signing names besides the model's that clients sign this API's requests with, which place a
     * request here and which its signature's scope may name (S3: {@code s3express}, the name the SDKs
     * sign directory-bucket calls with). None by default.
     */
    default List<String> signingNames() {
        return List.of();
    }

    /**
     * The signing name a request's signature must be scoped to: the one its scope names when that is
     * one of {@link #signingNames()}, else the model's.
     */
    default String signingNameOf(WireRequest request, String modelSigningName) {
        List<String> others = signingNames();
        if (others.isEmpty()) {
            return modelSigningName;
        }
        String authorization = request.header("Authorization");
        java.util.List<String> credential = request.queryParameters().get("X-Amz-Credential");
        Optional<io.haneul.core.auth.CredentialScope> scope = authorization != null
                ? io.haneul.core.auth.AccessKeys.fromAuthorizationHeader(authorization)
                : credential == null || credential.isEmpty() ? Optional.empty()
                : io.haneul.core.auth.AccessKeys.fromCredentialParameter(credential.getFirst());
        return scope.map(io.haneul.core.auth.CredentialScope::service).filter(others::contains).orElse(modelSigningName);
    }

    /** Claims a request no rule placed (no signature, target or form action), e.g. S3 called by curl. */
    default boolean claimsUnplaced(WireRequest request) {
        return false;
    }

    /**
     * The request as the engine should route it; applied after authentication, which checks the
     * request as sent (e.g. a virtual-hosted S3 request rewritten to path style).
     */
    default WireRequest canonical(WireRequest request) {
        return request;
    }

    /** True when the API's request bodies stream to the provider rather than being read into memory first. */
    default boolean streamsBody() {
        return false;
    }

    /**
     * The account an unsigned request acts for when the real service takes it without a signature
     * in the headers (SNS's confirmation and unsubscribe links, S3's browser forms, which carry their
     * own), else empty and the request is authenticated as usual. Keep these as narrow as AWS's.
     *
     * @param canonical the request after {@link #canonical}
     */
    default Optional<String> unsignedCaller(WireRequest canonical) {
        return Optional.empty();
    }
}
