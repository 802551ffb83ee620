package io.haneul.server.auth;

import io.haneul.core.auth.AccessKeys;
import io.haneul.core.auth.AuthException;
import io.haneul.core.auth.SigV4Identity;
import io.haneul.core.auth.SigV4Verifier;
import io.haneul.core.auth.SignedRequest;
import io.haneul.core.wire.WireRequest;

/**
 * Decides who sent a request. Permissive mode (the default) trusts the access key id: a 12-digit
 * id is the account, anything else (or no signature) is account 000000000000. Strict mode verifies
 * SigV4 against the credentials file and rejects everything else with AWS's errors.
 */
public final class Authenticator {

    /** The caller as the rest of the server sees it. */
    public record Caller(String accountId, String accessKeyId) {
    }

    private final SigV4Verifier verifier;

    /** @param verifier null for permissive mode */
    public Authenticator(SigV4Verifier verifier) {
        this.verifier = verifier;
    }

    public Caller authenticate(WireRequest request, String serviceSigningName) throws AuthException {
        SignedRequest signed = toSigned(request);
        if (verifier == null) {
            String key = AccessKeys.accessKeyId(signed).orElse(null);
            return new Caller(AccessKeys.permissiveAccountId(key), key);
        }
        SigV4Identity identity = verifier.verify(signed, serviceSigningName);
        return new Caller(identity.accountId(), identity.accessKeyId());
    }

    private static SignedRequest toSigned(WireRequest request) {
        SignedRequest.Builder b = SignedRequest.builder()
                .method(request.method())
                .rawPath(request.rawPath())
                .rawQuery(request.rawQuery())
                .payload(request.body());
        request.headers().forEach(b::header);
        return b.build();
    }
}
