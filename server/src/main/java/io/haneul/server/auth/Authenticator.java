package io.haneul.server.auth;

import io.haneul.core.auth.AccessKeys;
import io.haneul.core.auth.AuthException;
import io.haneul.core.auth.SigV4Identity;
import io.haneul.core.auth.SigV4Verifier;
import io.haneul.core.auth.SignedRequest;
import io.haneul.core.routing.ServiceResolver;
import io.haneul.core.wire.WireRequest;

/**
 * Decides who sent a request. Permissive mode (the default) trusts the access key id: a 12-digit
 * id is the account, a session the server issued acts for its account, anything else (or no
 * signature) is account 000000000000. Strict mode verifies SigV4 against the credentials file and
 * rejects everything else with AWS's errors.
 */
public final class Authenticator {

    /**
     * The caller as the rest of the server sees it.
     *
     * @param identity the verified signature (strict mode), which a streamed body is checked against; else null
     */
    public record Caller(String accountId, String accessKeyId, SigV4Identity identity) {
        public Caller(String accountId, String accessKeyId) {
            this(accountId, accessKeyId, null);
        }
    }

    private final SigV4Verifier verifier;
    private final io.haneul.core.auth.CredentialsStore sessions;

    /** @param verifier null for permissive mode */
    public Authenticator(SigV4Verifier verifier) {
        this(verifier, key -> java.util.Optional.empty());
    }

    /**
     * @param verifier null for permissive mode
     * @param sessions temporary credentials the server issued (STS, S3's CreateSession): in permissive
     *                 mode a request signed with one acts for the account it was issued to
     */
    public Authenticator(SigV4Verifier verifier, io.haneul.core.auth.CredentialsStore sessions) {
        this.verifier = verifier;
        this.sessions = sessions;
    }

    public Caller authenticate(WireRequest request, String serviceSigningName) throws AuthException {
        return authenticate(request, serviceSigningName, false);
    }

    /**
     * <p>In strict mode the signature's credential scope must name this service, and the region the
     * host names (if any): a signature is good only for the API it was made for.
     *
     * @param streamedBody true when the body is not in {@code request} but streamed afterwards: the
     *                     signature's payload hash is then returned in the identity for the stream to check
     */
    public Caller authenticate(WireRequest request, String serviceSigningName, boolean streamedBody) throws AuthException {
        if (verifier == null) {
            return permissiveCaller(request);
        }
        SignedRequest signed = toSigned(request, streamedBody);
        SigV4Identity identity = verifier.verify(signed, endpoint(request, serviceSigningName));
        return new Caller(identity.accountId(), identity.accessKeyId(), identity);
    }

    /** The API a request reaches, as its signature's scope must name it: the service, and the region its host names. */
    private static SigV4Verifier.Endpoint endpoint(WireRequest request, String serviceSigningName) {
        return new SigV4Verifier.Endpoint(serviceSigningName, ServiceResolver.regionInHost(request.hostName()));
    }

    /** True when signatures are verified ({@code --auth strict}). */
    public boolean strict() {
        return verifier != null;
    }

    /**
     * Why a request cannot authenticate, decided from its request line and headers before its body
     * is read (a body can be read only within the memory budget, so a caller that cannot possibly
     * authenticate should not get to send one): no signature, a malformed one, a date outside the
     * window, a scope naming another service or region, an unknown access key, a wrong session
     * token. Empty in permissive mode, and when only the signature itself is left to check, which
     * needs the body's hash ({@link SigV4Verifier#verifyAllButSignature}: every refusal is the very
     * error full verification gives, and no signature is computed twice).
     */
    public java.util.Optional<AuthException> refusalBeforeBody(WireRequest head, String serviceSigningName) {
        if (verifier == null) {
            return java.util.Optional.empty();
        }
        WireRequest placeholder = new WireRequest(head.method(), head.rawPath(), head.rawQuery(), head.headers(), new byte[0],
                head.remoteAddress());
        try {
            // no API placed it: only the signature's own form and key are checked; else as authenticate does
            verifier.verifyAllButSignature(toSigned(placeholder, false),
                    serviceSigningName == null ? null : endpoint(head, serviceSigningName));
            return java.util.Optional.empty();
        } catch (AuthException e) {
            return java.util.Optional.of(e);
        }
    }

    /**
     * Verifies a request to Haneul's own endpoints ({@code /_haneul/...}), which belong to no AWS API:
     * the signature is accepted whatever service and region its credential scope names (e.g. curl's
     * {@code --aws-sigv4 "aws:amz:us-east-1:haneul"}); everything else is checked as for API calls.
     * In permissive mode, the account of the access key, as for API calls.
     */
    public Caller authenticateAnyService(WireRequest request) throws AuthException {
        if (verifier == null) {
            return permissiveCaller(request);
        }
        SigV4Identity identity = verifier.verify(toSigned(request, false), (String) null);
        return new Caller(identity.accountId(), identity.accessKeyId(), identity);
    }

    /**
     * Permissive mode's caller: the account its access key id names, or the account a session the
     * server issued belongs to (nothing is verified).
     */
    private Caller permissiveCaller(WireRequest request) {
        String key = permissiveAccessKey(request);
        String account = sessions.find(key).map(io.haneul.core.auth.Credentials::accountId)
                .orElseGet(() -> AccessKeys.permissiveAccountId(key));
        return new Caller(account, key);
    }

    /** The access key id a request names, read without building the canonical request (nothing is verified). */
    private static String permissiveAccessKey(WireRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null) {
            return AccessKeys.fromAuthorizationHeader(authorization).map(io.haneul.core.auth.CredentialScope::accessKeyId).orElse(null);
        }
        if (request.rawQuery().contains("X-Amz-Credential=")) {
            java.util.List<String> credential = request.queryParameters().get("X-Amz-Credential");
            if (credential != null && !credential.isEmpty()) {
                return AccessKeys.fromCredentialParameter(credential.getFirst()).map(io.haneul.core.auth.CredentialScope::accessKeyId).orElse(null);
            }
        }
        return null;
    }

    private static SignedRequest toSigned(WireRequest request, boolean streamedBody) {
        SignedRequest.Builder b = SignedRequest.builder()
                .method(request.method())
                .rawPath(request.rawPath())
                .rawQuery(request.rawQuery())
                .payload(streamedBody ? null : request.body());
        request.headers().forEach(b::header);
        return b.build();
    }
}
