package io.haneul.apigateway.invoke.auth;

import io.haneul.apigateway.invoke.GatewayFailure;
import io.haneul.apigateway.invoke.GatewayResponseType;

/** The answers API Gateway gives when authorization fails, worded and typed as AWS's. */
final class Denials {

    static final String AUTHORIZER_CONFIGURATION = "AuthorizerConfigurationException";

    private Denials() {
    }

    /** No identity, an identity the validation expression refuses, or an authorizer that threw {@code Unauthorized}. */
    static GatewayFailure unauthorized() {
        return new GatewayFailure(GatewayResponseType.UNAUTHORIZED, "Unauthorized", "UnauthorizedException");
    }

    /** An authorizer policy that denies the method explicitly. */
    static GatewayFailure explicitDeny() {
        return new GatewayFailure(GatewayResponseType.ACCESS_DENIED, "User is not authorized to access this resource with an explicit deny",
                "AccessDeniedException");
    }

    /** An authorizer policy that does not allow the method. */
    static GatewayFailure notAllowed() {
        return new GatewayFailure(GatewayResponseType.ACCESS_DENIED, "User is not authorized to access this resource", "AccessDeniedException");
    }

    /**
     * An authorizer that cannot be run or answered something API Gateway cannot use: AWS's 500 with
     * {@code {"message": null}} (the cause is only in its execution logs).
     */
    static GatewayFailure authorizerConfiguration() {
        return new GatewayFailure(GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, null, AUTHORIZER_CONFIGURATION);
    }

    /**
     * The API's resource policy refuses the caller, in AWS's words: the account in the ARN shown
     * masked to its last four digits.
     *
     * @param user     {@code anonymous} or the signed caller's ARN
     * @param explicit whether a Deny statement matched (else no statement allowed)
     */
    static GatewayFailure resourcePolicy(String user, String methodArn, boolean explicit) {
        String message = "User: " + user + " is not authorized to perform: execute-api:Invoke on resource: " + masked(methodArn)
                + (explicit ? (user.equals("anonymous") ? " with an explicit deny" : " with an explicit deny in a resource-based policy")
                : " because no resource-based policy allows the execute-api:Invoke action");
        return new GatewayFailure(GatewayResponseType.ACCESS_DENIED, message, "AccessDeniedException");
    }

    /** {@code arn:aws:execute-api:us-east-1:********9012:...}. */
    static String masked(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length == 6 && parts[4].length() > 4) {
            parts[4] = "*".repeat(parts[4].length() - 4) + parts[4].substring(parts[4].length() - 4);
        }
        return String.join(":", parts);
    }
}
