package io.haneul.core.auth;

import java.util.Locale;
import java.util.Set;

/**
 * Which family of authentication errors a service answers with. AWS services share SigV4 but not
 * their error codes:
 * <ul>
 *   <li>{@link #S3}: {@code AccessDenied}, {@code InvalidAccessKeyId}, {@code SignatureDoesNotMatch},
 *       {@code RequestTimeTooSkewed}, {@code AuthorizationHeaderMalformed} ...;</li>
 *   <li>{@link #QUERY} (awsQuery and query-compatible services such as STS, IAM, SNS, SQS):
 *       {@code MissingAuthenticationToken}, {@code InvalidClientTokenId}, {@code IncompleteSignature},
 *       {@code SignatureDoesNotMatch} (also for "Signature expired"), 403 except IncompleteSignature;</li>
 *   <li>{@link #JSON} (awsJson services such as DynamoDB, Kinesis, CloudWatch Logs):
 *       {@code MissingAuthenticationTokenException}, {@code UnrecognizedClientException},
 *       {@code IncompleteSignatureException}, {@code InvalidSignatureException}, all 400.</li>
 * </ul>
 */
public enum AuthDialect {
    S3, QUERY, JSON;

    private static final Set<String> QUERY_SERVICES = Set.of(
            "sts", "iam", "sns", "sqs", "ses", "email", "monitoring", "cloudsearch", "cloudformation",
            "autoscaling", "elasticloadbalancing", "elasticache", "rds", "redshift", "elasticbeanstalk",
            "ec2", "sdb", "importexport");

    /**
     * The default dialect for a SigV4 signing name (the credential scope's service): {@code s3} is
     * S3, awsQuery and query-compatible services are QUERY, everything else JSON.
     */
    public static AuthDialect forService(String signingName) {
        if (signingName == null) {
            return QUERY;
        }
        String s = signingName.toLowerCase(Locale.ROOT);
        if (s.equals("s3") || s.equals("s3-object-lambda") || s.equals("s3express")) {
            return S3;
        }
        return QUERY_SERVICES.contains(s) ? QUERY : JSON;
    }
}
