package io.haneul.core.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Verifies signatures a request carries in its body instead of its headers: S3's browser-form POST,
 * whose fields hold a base64 policy and its SigV4 signature ({@code x-amz-credential},
 * {@code x-amz-signature}). Shared with the request path's verifier through the same credentials.
 * A policy signed with temporary credentials must come with their session token in the form's
 * {@code x-amz-security-token} field, as S3 requires: without it the key is unknown (403
 * {@code InvalidAccessKeyId}, S3's answer to an STS key sent without its token), with another token it
 * is {@code InvalidToken}, as for a token in the headers (an S3 Express session's policy carries its
 * token in {@code x-amz-s3session-token}). In permissive mode (no credentials) nothing is verified and
 * the account follows the key id, as it does for signed headers.
 */
public final class FormSignatures {

    private final CredentialsStore credentials;

    /** @param credentials the keys strict mode accepts, or null for permissive mode */
    public FormSignatures(CredentialsStore credentials) {
        this.credentials = credentials;
    }

    /**
     * The account whose key signed {@code stringToSign} (SigV4: HMAC-SHA256 with the signing key of the
     * credential's scope).
     *
     * @param credential     {@code AKID/yyyymmdd/region/service/aws4_request}
     * @param securityToken  the form's {@code x-amz-security-token}, or null when it has none
     * @param s3SessionToken the form's {@code x-amz-s3session-token}, which an S3 Express session's policy
     *                       (scope {@code s3express}) carries instead, or null
     * @throws AuthException InvalidAccessKeyId for an unknown key (or a temporary one without its token),
     *                       InvalidToken for another token than the key's, SignatureDoesNotMatch for a wrong
     *                       signature, AuthorizationQueryParametersError-like InvalidArgument for a malformed credential
     */
    public String verifyV4(String credential, String stringToSign, String signature, String securityToken, String s3SessionToken) {
        CredentialScope scope = AccessKeys.fromCredentialParameter(credential == null ? "" : credential)
                .orElseThrow(() -> new AuthException("InvalidArgument", "Invalid argument.", 400,
                        Map.of("ArgumentName", "x-amz-credential", "ArgumentValue", credential == null ? "" : credential)));
        if (credentials == null) {
            return AccessKeys.permissiveAccountId(scope.accessKeyId());
        }
        String token = "s3express".equals(scope.service()) && s3SessionToken != null ? s3SessionToken : securityToken;
        Credentials c = withToken(credentials.find(scope.accessKeyId(), scope.service()), scope.accessKeyId(), token);
        String expected = SigV4.sign(SigV4.signingKey(c.secretAccessKey(), scope.date(), scope.region(), scope.service()), stringToSign);
        if (signature == null || !SigV4.sameSignature(expected, signature)) {
            throw AuthErrors.signatureMismatch(AuthDialect.S3, Map.of("AWSAccessKeyId", scope.accessKeyId(), "StringToSign", stringToSign));
        }
        return c.accountId();
    }

    /**
     * The account whose key signed the policy with Signature Version 2 (base64 HMAC-SHA1 of the base64
     * policy), which SDKs still use for presigned POSTs unless told to use SigV4; the session token
     * is checked as for {@link #verifyV4}.
     */
    public String verifyV2(String accessKeyId, String policy, String signature, String securityToken) {
        if (credentials == null) {
            return AccessKeys.permissiveAccountId(accessKeyId);
        }
        Credentials c = withToken(credentials.find(accessKeyId, "s3"), accessKeyId, securityToken);
        String expected;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(c.secretAccessKey().getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
            expected = java.util.Base64.getEncoder().encodeToString(mac.doFinal(policy.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (signature == null || !java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                signature.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw AuthErrors.signatureMismatch(AuthDialect.S3, Map.of("AWSAccessKeyId", accessKeyId, "StringToSign", policy));
        }
        return c.accountId();
    }

    /**
     * The key's credentials when the form may use them: a temporary key without a token is unknown, as
     * S3 answers a POST signed with one; with a token that is not its own, InvalidToken.
     */
    private static Credentials withToken(Optional<Credentials> found, String accessKeyId, String securityToken) {
        Credentials c = found.filter(k -> k.sessionToken() == null || securityToken != null)
                .orElseThrow(() -> AuthErrors.unknownAccessKey(AuthDialect.S3, accessKeyId == null ? "" : accessKeyId));
        if (!c.acceptsToken(securityToken)) {
            throw AuthErrors.invalidSessionToken(AuthDialect.S3);
        }
        return c;
    }

    /** Whether signatures are checked (strict mode). */
    public boolean strict() {
        return credentials != null;
    }
}
