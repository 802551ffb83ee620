package io.haneul.apigateway.invoke.auth;

import io.haneul.apigateway.invoke.CallerIdentity;
import io.haneul.apigateway.invoke.GatewayFailure;
import io.haneul.apigateway.invoke.GatewayResponseType;
import io.haneul.apigateway.invoke.InvokeRequest;
import io.haneul.core.auth.AuthException;
import io.haneul.core.dataplane.DataPlaneCall;

/**
 * Method authorization {@code AWS_IAM}: the request must be SigV4-signed for service
 * {@code execute-api}, checked by the data plane's authenticator with Haneul's credentials (strict
 * mode verifies the signature; permissive mode, as for API calls, takes the access key's account).
 * Every refusal is API Gateway's 403 with the authentication error's own message and error type.
 */
final class IamAuthentication {

    static final String SIGNING_NAME = "execute-api";

    private IamAuthentication() {
    }

    /** The signed caller, with {@code $context.identity.accountId}, {@code userArn} and {@code accessKey}. */
    static CallerIdentity verify(InvokeRequest r) {
        if (r.signatures() == null || !signed(r)) {
            throw missingToken();
        }
        DataPlaneCall.Caller c;
        try {
            c = r.signatures().verify(SIGNING_NAME);
        } catch (AuthException e) {
            throw refusal(e);
        }
        if (c == null || c.accessKeyId() == null) {
            throw missingToken();
        }
        CallerIdentity prior = r.caller();
        return new CallerIdentity(prior.principalId(), prior.authorizerContext(), prior.apiKey(), prior.apiKeyId(), c.accountId(),
                "arn:aws:iam::" + c.accountId() + ":root", c.accessKeyId());
    }

    private static boolean signed(InvokeRequest r) {
        return r.headers().first("Authorization") != null || (r.rawQuery() != null && r.rawQuery().contains("X-Amz-Credential="));
    }

    private static GatewayFailure missingToken() {
        return new GatewayFailure(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token",
                "MissingAuthenticationTokenException");
    }

    /** The verifier's JSON-dialect codes are execute-api's own error types; the status is always 403. */
    private static GatewayFailure refusal(AuthException e) {
        return switch (e.code()) {
            case "MissingAuthenticationTokenException" -> missingToken();
            case "ExpiredTokenException" -> new GatewayFailure(GatewayResponseType.EXPIRED_TOKEN, e.getMessage(), e.code());
            default -> new GatewayFailure(GatewayResponseType.INVALID_SIGNATURE, e.getMessage(), e.code());
        };
    }
}
