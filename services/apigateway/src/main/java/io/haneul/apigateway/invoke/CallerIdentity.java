package io.haneul.apigateway.invoke;

import java.util.Map;

/**
 * Who the caller turned out to be, filled in by the {@link InvokeStep}s before the integration runs;
 * what {@code $context.identity.*} and {@code $context.authorizer.*} and the proxy event's
 * {@code requestContext.identity} / {@code requestContext.authorizer} show.
 *
 * @param principalId        a Lambda authorizer's principalId, else null
 * @param authorizerContext  a Lambda authorizer's context map, else empty
 * @param apiKey             the API key value the caller presented (header or authorizer), else null
 * @param apiKeyId           that key's id once it was found valid, else null
 * @param accountId          the caller's account under AWS_IAM, else null
 * @param userArn            the caller's ARN under AWS_IAM, else null
 * @param accessKey          the caller's access key under AWS_IAM, else null
 */
public record CallerIdentity(String principalId, Map<String, Object> authorizerContext, String apiKey, String apiKeyId,
                             String accountId, String userArn, String accessKey) {

    public static final CallerIdentity ANONYMOUS = new CallerIdentity(null, Map.of(), null, null, null, null, null);

    public CallerIdentity {
        authorizerContext = Map.copyOf(authorizerContext);
    }
}
