package io.haneul.lambda.url;

/**
 * One function URL as stored: the function and qualifier it invokes ({@code $LATEST} for an
 * unqualified URL, else an alias name), its id (the host's first label), and its settings.
 *
 * @param urlId            32 lowercase letters and digits, unique on the server
 * @param authType         {@code NONE} or {@code AWS_IAM}
 * @param cors             null when none was given
 * @param invokeMode       {@code BUFFERED} or {@code RESPONSE_STREAM}
 * @param createdMicros    epoch microseconds, shown as AWS writes them ({@link UrlTimes})
 * @param modifiedMicros   epoch microseconds of the last UpdateFunctionUrlConfig
 */
public record FunctionUrlConfig(String account, String region, String functionName, String qualifier, String urlId,
                                String authType, UrlCors cors, String invokeMode, long createdMicros, long modifiedMicros) {

    public static final String LATEST = "$LATEST";
    public static final String NONE = "NONE";
    public static final String AWS_IAM = "AWS_IAM";
    public static final String BUFFERED = "BUFFERED";

    /** The ARN AWS answers in FunctionArn: the function's, with the alias when the URL has one. */
    public String functionArn() {
        String arn = "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName;
        return LATEST.equals(qualifier) ? arn : arn + ":" + qualifier;
    }

    /** The host a client calls: {@code <url-id>.lambda-url.<region>.localhost}. */
    public String domainName() {
        return urlId + ".lambda-url." + region + ".localhost";
    }

    public FunctionUrlConfig changed(String newAuthType, UrlCors newCors, String newInvokeMode, long nowMicros) {
        return new FunctionUrlConfig(account, region, functionName, qualifier, urlId, newAuthType, newCors, newInvokeMode,
                createdMicros, nowMicros);
    }
}
