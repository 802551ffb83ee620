package io.haneul.lambda.url;

/**
 * Whether the function's resource policy lets a caller use a function URL (the rules are the
 * permission service's, {@link io.haneul.lambda.domain.FunctionUrlGrants}).
 */
@FunctionalInterface
public interface UrlAccess {

    /** @param callerAccount the verified signer's account (AuthType AWS_IAM), or null for an anonymous caller (AuthType NONE) */
    boolean allows(FunctionUrlConfig url, String callerAccount);
}
