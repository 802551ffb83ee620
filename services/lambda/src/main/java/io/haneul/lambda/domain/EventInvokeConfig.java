package io.haneul.lambda.domain;

/**
 * How a function's (or a version's, or an alias's) asynchronous invocations are handled
 * (PutFunctionEventInvokeConfig): how often a failed event is retried, how old an event may get
 * before it is dropped, and where a record of each outcome goes. Null members are unset: AWS's
 * defaults (2 retries, 6 hours, no destination) apply.
 *
 * @param qualifier          {@code $LATEST}, a version or an alias
 * @param maximumRetryAttempts 0 to 2, or null
 * @param maximumEventAgeInSeconds 60 to 21600, or null
 * @param onSuccess          destination ARN for successful invocations, or null
 * @param onFailure          destination ARN for events that failed or expired, or null
 * @param lastModifiedMillis when the config was last put or updated
 */
public record EventInvokeConfig(String account, String region, String name, String qualifier, Integer maximumRetryAttempts,
                                Integer maximumEventAgeInSeconds, String onSuccess, String onFailure, long lastModifiedMillis) {

    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_MAX_AGE_SECONDS = 21_600;

    /** What applies to a function that has no config. */
    public static EventInvokeConfig defaults(String account, String region, String name, String qualifier) {
        return new EventInvokeConfig(account, region, name, qualifier, null, null, null, null, 0);
    }

    public int retries() {
        return maximumRetryAttempts == null ? DEFAULT_RETRIES : maximumRetryAttempts;
    }

    public int maxAgeSeconds() {
        return maximumEventAgeInSeconds == null ? DEFAULT_MAX_AGE_SECONDS : maximumEventAgeInSeconds;
    }

    /** The ARN the config belongs to, qualified as AWS writes it ({@code ...:function:name:$LATEST}). */
    public String functionArn() {
        return FunctionArns.arn(region, account, name) + ":" + qualifier;
    }
}
