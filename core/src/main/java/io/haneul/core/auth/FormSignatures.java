package io.haneul.core.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Verifies signatures a request carries in its body instead of its headers: S3's browser-form POST,
 * whose fields hold a base64 policy and its SigV4 signature ({@code x-amz-credential},
 * {@code x-amz-signature}). Shared with the request path's verifier through the same credentials.
 * In permissive mode (no credentials) nothing is verified and the account follows the key id, as it
 * does for signed headers.
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
     * @param credential {@code AKID/yyyymmdd/region/service/aws4_request}
     * @throws AuthException InvalidAccessKeyId for an unknown key, SignatureDoesNotMatch for a wrong
     *                       signature, AuthorizationQueryParametersError-like InvalidArgument for a malformed credential
     */
    public String verifyV4(String credential, String stringToSign, String signature) {
        CredentialScope scope = AccessKeys.fromCredentialParameter(credential == null ? "" : credential)
                .orElseThrow(() -> new AuthException("InvalidArgument", "Invalid argument.", 400,
                        Map.of("ArgumentName", "x-amz-credential", "ArgumentValue", credential == null ? "" : credential)));
        if (credentials == null) {
            return AccessKeys.permissiveAccountId(scope.accessKeyId());
        }
        Optional<Credentials> found = credentials.find(scope.accessKeyId());
        Credentials c = found.orElseThrow(() -> AuthErrors.unknownAccessKey(AuthDialect.S3, scope.accessKeyId()));
        String expected = SigV4.sign(SigV4.signingKey(c.secretAccessKey(), scope.date(), scope.region(), scope.service()), stringToSign);
        if (signature == null || !SigV4.sameSignature(expected, signature)) {
            throw AuthErrors.signatureMismatch(AuthDialect.S3, Map.of("AWSAccessKeyId", scope.accessKeyId(), "StringToSign", stringToSign));
        }
        return c.accountId();
    }

    /**
     * The account whose key signed the policy with Signature Version 2 (base64 HMAC-SHA1 of the base64
     * policy), which SDKs still use for presigned POSTs unless told to use SigV4.
     */
    public String verifyV2(String accessKeyId, String policy, String signature) {
        if (credentials == null) {
            return AccessKeys.permissiveAccountId(accessKeyId);
        }
        Credentials c = credentials.find(accessKeyId).orElseThrow(() -> AuthErrors.unknownAccessKey(AuthDialect.S3,
                accessKeyId == null ? "" : accessKeyId));
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

    /** Whether signatures are checked (strict mode). */
    public boolean strict() {
        return credentials != null;
    }
}
