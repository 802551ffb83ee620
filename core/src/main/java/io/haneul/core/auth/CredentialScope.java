package io.haneul.core.auth;

/**
 * The credential part of a SigV4 signature, {@code AKID/20250101/us-east-1/sqs/aws4_request}: which
 * key signed, on which day, for which region and service. The router uses {@link #service()} and
 * {@link #region()} to pick the service a request is for.
 *
 * @param accessKeyId the access key id
 * @param date        the scope date, {@code yyyyMMdd}
 * @param region      the signing region
 * @param service     the signing name of the service (e.g. {@code s3}, {@code sqs})
 * @param presigned   whether it came from query parameters rather than the Authorization header
 */
public record CredentialScope(String accessKeyId, String date, String region, String service, boolean presigned) {

    /** {@code date/region/service/aws4_request}, as used in the string to sign. */
    public String scope() {
        return date + "/" + region + "/" + service + "/" + SigV4.TERMINATOR;
    }
}
