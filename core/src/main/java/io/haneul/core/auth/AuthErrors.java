package io.haneul.core.auth;

import java.util.Map;

/** The error table: what each {@link AuthDialect} answers for each failure. */
final class AuthErrors {

    static final String SIGNATURE_MISMATCH_S3 =
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.";
    static final String SIGNATURE_MISMATCH =
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key"
                    + " and signing method. Consult the service documentation for details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private AuthErrors() {
    }

    static AuthException missingAuthentication(AuthDialect d) {
        return switch (d) {
            case S3 -> new AuthException("AccessDenied", "Access Denied", 403);
            case QUERY -> new AuthException("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
            case JSON -> new AuthException("MissingAuthenticationTokenException", "Request is missing Authentication Token", 400);
        };
    }

    /** A malformed Authorization header (or SigV4 parameters). */
    static AuthException malformed(AuthDialect d, String message) {
        return switch (d) {
            case S3 -> new AuthException("AuthorizationHeaderMalformed", "The authorization header is malformed; " + message, 400);
            case QUERY -> new AuthException("IncompleteSignature", message, 400);
            case JSON -> new AuthException("IncompleteSignatureException", message, 400);
        };
    }

    /** Malformed presigned-URL parameters. */
    static AuthException malformedQuery(AuthDialect d, String message) {
        return d == AuthDialect.S3
                ? new AuthException("AuthorizationQueryParametersError", message, 400)
                : malformed(d, message);
    }

    /** A credential scope naming another service than the endpoint's. */
    static AuthException wrongService(AuthDialect d, String scoped, String expected, boolean presigned) {
        if (d == AuthDialect.S3) {
            String message = "incorrect service \"" + scoped + "\". This endpoint belongs to \"" + expected + "\".";
            return presigned ? malformedQuery(d, "Error parsing the X-Amz-Credential parameter; " + message) : malformed(d, message);
        }
        return signatureMismatch(d, "Credential should be scoped to correct service: '" + expected + "'. ");
    }

    /** A credential scope naming another region than the endpoint's host. */
    static AuthException wrongRegion(AuthDialect d, String scoped, String expected, boolean presigned) {
        if (d == AuthDialect.S3) {
            String message = "the region '" + scoped + "' is wrong; expecting '" + expected + "'";
            return presigned ? malformedQuery(d, "Error parsing the X-Amz-Credential parameter; " + message) : malformed(d, message);
        }
        return signatureMismatch(d, "Credential should be scoped to a valid region. ");
    }

    private static AuthException signatureMismatch(AuthDialect d, String message) {
        return d == AuthDialect.JSON
                ? new AuthException("InvalidSignatureException", message, 400)
                : new AuthException("SignatureDoesNotMatch", message, 403);
    }

    static AuthException unsupportedAlgorithm(AuthDialect d, String algorithm) {
        return d == AuthDialect.S3
                ? new AuthException("InvalidRequest",
                        "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.", 400)
                : malformed(d, "Unsupported AWS 'algorithm': '" + algorithm + "'");
    }

    static AuthException unknownAccessKey(AuthDialect d, String accessKeyId) {
        return switch (d) {
            case S3 -> new AuthException("InvalidAccessKeyId",
                    "The AWS Access Key Id you provided does not exist in our records.", 403,
                    Map.of("AWSAccessKeyId", accessKeyId));
            case QUERY -> new AuthException("InvalidClientTokenId", INVALID_TOKEN, 403);
            case JSON -> new AuthException("UnrecognizedClientException", INVALID_TOKEN, 400);
        };
    }

    static AuthException invalidSessionToken(AuthDialect d) {
        return d == AuthDialect.S3
                ? new AuthException("InvalidToken", "The provided token is malformed or otherwise invalid.", 400)
                : unknownAccessKey(d, "");
    }

    static AuthException signatureMismatch(AuthDialect d, Map<String, String> details) {
        return switch (d) {
            case S3 -> new AuthException("SignatureDoesNotMatch", SIGNATURE_MISMATCH_S3, 403, details);
            case QUERY -> new AuthException("SignatureDoesNotMatch", SIGNATURE_MISMATCH, 403, details);
            case JSON -> new AuthException("InvalidSignatureException", SIGNATURE_MISMATCH, 400, details);
        };
    }

    /** Header auth whose date is outside the allowed skew (past or future). */
    static AuthException skewed(AuthDialect d, String requestTime, String serverTime, String message, long maxSkewMillis) {
        return switch (d) {
            case S3 -> new AuthException("RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.", 403,
                    Map.of("RequestTime", requestTime, "ServerTime", serverTime,
                            "MaxAllowedSkewMilliseconds", Long.toString(maxSkewMillis)));
            case QUERY -> new AuthException("SignatureDoesNotMatch", message, 403);
            case JSON -> new AuthException("InvalidSignatureException", message, 400);
        };
    }

    /** The credential scope's date is not the request date. */
    static AuthException scopeDateMismatch(AuthDialect d, String scopeDate, String amzDate, boolean presigned) {
        String generic = "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                + scopeDate + "' != '" + amzDate.substring(0, Math.min(8, amzDate.length())) + "', from '" + amzDate + "'.";
        return switch (d) {
            case S3 -> presigned
                    ? malformedQuery(d, "Invalid credential date \"" + scopeDate + "\". This date is not the same as X-Amz-Date: \""
                            + amzDate.substring(0, Math.min(8, amzDate.length())) + "\".")
                    : malformed(d, "Invalid credential date. Date is not the same as X-Amz-Date.");
            case QUERY -> new AuthException("SignatureDoesNotMatch", generic, 403);
            case JSON -> new AuthException("InvalidSignatureException", generic, 400);
        };
    }

    static AuthException missingDate(AuthDialect d, String redactedAuthorization) {
        return d == AuthDialect.S3
                ? new AuthException("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header", 403)
                : malformed(d, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization="
                        + redactedAuthorization);
    }

    static AuthException badDate(AuthDialect d, String value) {
        return d == AuthDialect.S3
                ? new AuthException("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header", 403)
                : malformed(d, "Date must be in ISO-8601 'basic format'. Got '" + value + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    static AuthException bothAuthMechanisms() {
        return new AuthException("InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter,"
                + " Signature query string parameter or the Authorization header should be specified", 400,
                Map.of("ArgumentName", "Authorization"));
    }

    static AuthException presignedExpired(AuthDialect d, String expires, String serverTime, String message) {
        return switch (d) {
            case S3 -> new AuthException("AccessDenied", "Request has expired", 403,
                    Map.of("X-Amz-Expires", expires, "ServerTime", serverTime));
            case QUERY -> new AuthException("SignatureDoesNotMatch", message, 403);
            case JSON -> new AuthException("InvalidSignatureException", message, 403);
        };
    }

    static AuthException presignedNotYetValid(AuthDialect d, String message) {
        return switch (d) {
            case S3 -> new AuthException("AccessDenied", "Request is not valid yet", 403);
            case QUERY -> new AuthException("SignatureDoesNotMatch", message, 403);
            case JSON -> new AuthException("InvalidSignatureException", message, 403);
        };
    }

    static AuthException contentSha256Mismatch(String declared, String computed) {
        return new AuthException("XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what was computed.", 400,
                Map.of("ClientComputedContentSHA256", declared, "S3ComputedContentSHA256", computed));
    }

    static AuthException invalidContentSha256() {
        return new AuthException("InvalidArgument",
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER,"
                        + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                400, Map.of("ArgumentName", "x-amz-content-sha256"));
    }

    static AuthException missingContentSha256() {
        return new AuthException("InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400);
    }

    // ---- aws-chunked body errors (S3 codes) ----

    static AuthException chunkSignatureMismatch() {
        return new AuthException("SignatureDoesNotMatch", SIGNATURE_MISMATCH_S3, 403);
    }

    static AuthException incompleteBody() {
        return new AuthException("IncompleteBody", "The request body terminated unexpectedly", 400);
    }

    static AuthException decodedLengthMismatch() {
        return new AuthException("IncompleteBody",
                "You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header", 400);
    }

    static AuthException malformedChunk(String detail) {
        return new AuthException("InvalidRequest", "Malformed aws-chunked body: " + detail, 400);
    }

    static AuthException malformedTrailer() {
        return new AuthException("MalformedTrailerError",
                "The request contained trailing data that was not well-formed or did not conform to our published schema.", 400);
    }

    static AuthException badDigest(ChecksumAlgorithm algorithm) {
        return new AuthException("BadDigest",
                "The " + algorithm.displayName() + " you specified did not match the calculated checksum.", 400);
    }

    static AuthException invalidChecksumValue(ChecksumAlgorithm algorithm) {
        return new AuthException("InvalidRequest",
                "Value for " + algorithm.headerName() + " trailing header is invalid.", 400);
    }
}
