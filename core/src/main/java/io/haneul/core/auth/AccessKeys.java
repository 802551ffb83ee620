package io.haneul.core.auth;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cheap, non-verifying look at who signed a request and for which service and region, and the
 * permissive account mapping used when signatures are not enforced.
 *
 * <p>Why: the router needs the credential scope's service and region before (or instead of)
 * verifying the signature, and an emulator in permissive mode still needs an account id: a 12-digit
 * access key id is taken as the account id (so tests can pick accounts by key), anything else, or an
 * unsigned request, maps to {@link #DEFAULT_ACCOUNT_ID}.
 */
public final class AccessKeys {

    /** The account used when nothing identifies one. */
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private AccessKeys() {
    }

    /**
     * The credential scope from the Authorization header or, failing that, from the presigned
     * {@code X-Amz-Credential} query parameter; empty when neither is a well-formed SigV4 credential.
     */
    public static Optional<CredentialScope> scope(SignedRequest request) {
        Optional<CredentialScope> header = request.firstHeader("Authorization").flatMap(AccessKeys::fromAuthorizationHeader);
        if (header.isPresent()) {
            return header;
        }
        for (SigV4.QueryParam p : SigV4.parseQuery(request.rawQuery())) {
            if (p.name().equals("X-Amz-Credential")) {
                return parseCredential(p.value(), true);
            }
        }
        return Optional.empty();
    }

    /** The credential scope of an {@code AWS4-HMAC-SHA256 Credential=...} header value. */
    public static Optional<CredentialScope> fromAuthorizationHeader(String authorization) {
        return AuthorizationHeader.lenientCredential(authorization).flatMap(c -> parseCredential(c, false));
    }

    /** The credential scope of a (decoded) {@code X-Amz-Credential} value. */
    public static Optional<CredentialScope> fromCredentialParameter(String credential) {
        return parseCredential(credential, true);
    }

    /** The access key id of the request, from header or presigned query; empty when unsigned. */
    public static Optional<String> accessKeyId(SignedRequest request) {
        return scope(request).map(CredentialScope::accessKeyId);
    }

    /** Whether the request carries any SigV4 authentication (header or presigned query). */
    public static boolean isSigned(SignedRequest request) {
        if (request.firstHeader("Authorization").isPresent()) {
            return true;
        }
        for (SigV4.QueryParam p : SigV4.parseQuery(request.rawQuery())) {
            if (p.name().equals("X-Amz-Signature") || p.name().equals("X-Amz-Credential")) {
                return true;
            }
        }
        return false;
    }

    /** Permissive mapping: a 12-digit key id is the account id; anything else (or null) is the default. */
    public static String permissiveAccountId(String accessKeyId) {
        return accessKeyId != null && ACCOUNT.matcher(accessKeyId).matches() ? accessKeyId : DEFAULT_ACCOUNT_ID;
    }

    /** Permissive account of a request, without verifying its signature. */
    public static String permissiveAccountId(SignedRequest request) {
        return permissiveAccountId(accessKeyId(request).orElse(null));
    }

    static Optional<CredentialScope> parseCredential(String credential, boolean presigned) {
        if (credential == null) {
            return Optional.empty();
        }
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty()
                || !parts[4].equals(SigV4.TERMINATOR)) {
            return Optional.empty();
        }
        return Optional.of(new CredentialScope(parts[0], parts[1], parts[2], parts[3], presigned));
    }
}
