package io.haneul.apigateway.invoke;

/** Lambda function references as integrations and authorizers name them. */
public final class FunctionArns {

    private FunctionArns() {
    }

    /** The account of a function ARN ({@code arn:aws:lambda:{region}:{account}:function:{name}}), else {@code fallback} (a bare name). */
    public static String accountOf(String function, String fallback) {
        String[] parts = function.split(":");
        return parts.length >= 7 && parts[0].equals("arn") ? parts[4] : fallback;
    }
}
