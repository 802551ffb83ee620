package io.haneul.server.internal;

import io.haneul.core.auth.AuthException;
import io.haneul.core.auth.Credentials;
import io.haneul.core.auth.CredentialsStore;
import io.haneul.core.internal.InternalAccessDenied;
import io.haneul.core.internal.RouteAccess;
import io.haneul.core.internal.Viewer;
import io.haneul.core.wire.WireRequest;
import io.haneul.server.auth.Authenticator;

/**
 * Decides who calls an internal endpoint and which accounts it may see.
 *
 * <p>Why: the endpoints under {@code /_haneul/} and {@code /_aws/} show every account's captured
 * mail, tokens and messages and can reset or change state, so in strict mode they need the same
 * SigV4 signature as the API. The signature is accepted whatever service its credential scope names
 * (these endpoints belong to no AWS service: {@code curl --aws-sigv4 "aws:amz:us-east-1:haneul"}).
 * A key marked {@code admin} in the credentials file sees every account; other keys their own.
 * Permissive mode keeps the endpoints open, seeing every account.
 */
public final class InternalAccess {

    private final Authenticator authenticator;
    private final CredentialsStore credentials;

    /**
     * @param authenticator the API's authenticator (strict or permissive)
     * @param credentials   the strict mode's keys, or null in permissive mode
     */
    public InternalAccess(Authenticator authenticator, CredentialsStore credentials) {
        this.authenticator = authenticator;
        this.credentials = credentials;
    }

    /**
     * The viewer of one call of a route.
     *
     * @throws AuthException        when the route needs a signature and the request has none or a bad one
     * @throws InternalAccessDenied when the route is for admin keys and the key is not one
     */
    public Viewer viewer(WireRequest request, RouteAccess access) {
        if (credentials == null) {
            return Viewer.allAccounts(authenticator.authenticateAnyService(request).accountId());
        }
        if (access == RouteAccess.OPEN && !carriesSignature(request)) {
            return Viewer.anonymous();
        }
        Authenticator.Caller caller = authenticator.authenticateAnyService(request);
        boolean admin = credentials.find(caller.accessKeyId()).map(Credentials::admin).orElse(false);
        if (access == RouteAccess.ADMIN && !admin) {
            throw new InternalAccessDenied("This endpoint is for admin keys (marked 'admin' in the credentials file)");
        }
        return admin ? Viewer.allAccounts(caller.accountId()) : Viewer.ofAccount(caller.accountId());
    }

    private static boolean carriesSignature(WireRequest request) {
        String query = request.rawQuery();
        return request.header("Authorization") != null || query.contains("X-Amz-Signature=") || query.contains("X-Amz-Credential=");
    }
}
