package io.haneul.sts;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * AWS STS: who the caller is, and temporary credentials. Thin: identity rules live in
 * {@link TemporaryCredentials} and {@link RoleArn}.
 */
public final class StsProvider {

    private final Clock clock;
    private final TemporaryCredentials credentials;

    public StsProvider(Clock clock, TemporaryCredentials credentials) {
        this.clock = clock;
        this.credentials = credentials;
    }

    public GetCallerIdentityResponse getCallerIdentity(RequestContext ctx, GetCallerIdentityRequest request) {
        return GetCallerIdentityResponse.builder()
                .account(ctx.accountId())
                .userId(ctx.accessKeyId() != null ? ctx.accessKeyId() : ctx.accountId())
                .arn("arn:aws:iam::" + ctx.accountId() + ":root")
                .build();
    }

    public AssumeRoleResponse assumeRole(RequestContext ctx, AssumeRoleRequest request) {
        RoleArn role = RoleArn.parse(request.roleArn());
        Duration duration = durationOf(request.durationSeconds(), 900, 43_200);
        Instant expiration = clock.instant().plus(duration);
        TemporaryCredentials.Issued issued = credentials.issue(expiration);
        return AssumeRoleResponse.builder()
                .credentials(toSdk(issued))
                .assumedRoleUser(AssumedRoleUser.builder()
                        .assumedRoleId(issued.roleIdPrefix() + ":" + request.roleSessionName())
                        .arn("arn:aws:sts::" + role.account() + ":assumed-role/" + role.name() + "/" + request.roleSessionName())
                        .build())
                .packedPolicySize(request.policy() == null ? null : Math.min(100, request.policy().length() / 20))
                .build();
    }

    public GetSessionTokenResponse getSessionToken(RequestContext ctx, GetSessionTokenRequest request) {
        Duration duration = durationOf(request.durationSeconds(), 900, 129_600);
        TemporaryCredentials.Issued issued = credentials.issue(clock.instant().plus(duration));
        return GetSessionTokenResponse.builder().credentials(toSdk(issued)).build();
    }

    private static Duration durationOf(Integer seconds, int min, int max) {
        int s = seconds == null ? 3600 : seconds;
        if (s < min || s > max) {
            throw new AwsErrorException("ValidationError", "1 validation error detected: Value '" + s
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value "
                    + (s < min ? "greater than or equal to " + min : "less than or equal to " + max), 400);
        }
        return Duration.ofSeconds(s);
    }

    private static Credentials toSdk(TemporaryCredentials.Issued issued) {
        return Credentials.builder()
                .accessKeyId(issued.accessKeyId())
                .secretAccessKey(issued.secretAccessKey())
                .sessionToken(issued.sessionToken())
                .expiration(issued.expiration())
                .build();
    }
}
