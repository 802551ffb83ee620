package io.haneul.sts;

import io.haneul.core.auth.TemporaryCredentials;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.spi.RoleDirectory;
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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * AWS STS: who the caller is, and temporary credentials. Thin: identity rules live in
 * {@link TemporaryCredentials} and {@link RoleArn}.
 */
public final class StsProvider {

    private final Clock clock;
    private final TemporaryCredentials credentials;
    private final Supplier<Optional<RoleDirectory>> roles;
    private final io.haneul.core.spi.RoleSessions roleSessions;
    /** Live GetSessionToken sessions one account may hold. */
    static final int MAX_SESSIONS_PER_ACCOUNT = 1_000;
    /** The longest session AWS gives an account's root user through GetSessionToken. */
    private static final Duration ROOT_SESSION_LIMIT = Duration.ofHours(1);

    private final Optional<io.haneul.core.auth.SessionCredentials> verified;

    /**
     * @param roles the stored roles when IAM is served (AssumeRole then only grants those, as AWS),
     *              else empty: any well-formed role ARN is assumed
     */
    public StsProvider(Clock clock, TemporaryCredentials credentials, Supplier<Optional<RoleDirectory>> roles) {
        this(clock, credentials, roles, null, Optional.empty());
    }

    /**
     * @param roleSessions the sessions STS issues to other services (exported), or null
     * @param verified     the server's accepted sessions, which GetSessionToken's credentials join
     *                     (they act as the caller's own account); empty in permissive mode, where any key works
     */
    public StsProvider(Clock clock, TemporaryCredentials credentials, Supplier<Optional<RoleDirectory>> roles,
                       io.haneul.core.spi.RoleSessions roleSessions, Optional<io.haneul.core.auth.SessionCredentials> verified) {
        this.roleSessions = roleSessions;
        this.verified = verified;
        this.clock = clock;
        this.credentials = credentials;
        this.roles = roles;
    }

    io.haneul.core.spi.RoleSessions roleSessions() {
        return roleSessions;
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
        Optional<RoleDirectory.Role> stored = storedRole(ctx, request.roleArn(), duration);
        Instant expiration = clock.instant().plus(duration);
        TemporaryCredentials.Issued issued = credentials.issue(expiration);
        String roleId = stored.map(RoleDirectory.Role::roleId).orElse(issued.roleIdPrefix());
        String roleName = stored.map(RoleDirectory.Role::name).orElse(role.name());
        return AssumeRoleResponse.builder()
                .credentials(toSdk(issued))
                .assumedRoleUser(AssumedRoleUser.builder()
                        .assumedRoleId(roleId + ":" + request.roleSessionName())
                        .arn("arn:aws:sts::" + role.account() + ":assumed-role/" + roleName + "/" + request.roleSessionName())
                        .build())
                .packedPolicySize(request.policy() == null ? null : Math.min(100, request.policy().length() / 20))
                .build();
    }

    /**
     * The stored role, where IAM is served: a role that does not exist cannot be assumed (AWS answers
     * AccessDenied, not "not found", so callers learn nothing about other accounts' roles), and a
     * session may not outlast the role's MaxSessionDuration. Another account's role is assumed only
     * when its trust policy allows the caller's account ({@link #trusts}); within an account the
     * trust policy is not evaluated (IAM policies are not enforced yet).
     */
    private Optional<RoleDirectory.Role> storedRole(RequestContext ctx, String roleArn, Duration duration) {
        Optional<RoleDirectory> directory = roles.get();
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        AwsErrorException denied = new AwsErrorException("AccessDenied",
                "User: arn:aws:iam::" + ctx.accountId() + ":root is not authorized to perform: sts:AssumeRole on resource: " + roleArn, 403);
        RoleDirectory.Role role = directory.get().findByArn(roleArn).orElseThrow(() -> denied);
        if (!role.account().equals(ctx.accountId()) && !trusts(role, ctx)) {
            throw denied; // the same answer as a missing role: another account's roles cannot be probed
        }
        if (duration.toSeconds() > role.maxSessionDurationSeconds()) {
            throw new AwsErrorException("ValidationError",
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", 400);
        }
        return Optional.of(role);
    }

    /** Whether the role's trust policy allows the caller's account {@code sts:AssumeRole} (conditions judged by the core engine). */
    private boolean trusts(RoleDirectory.Role role, RequestContext ctx) {
        io.haneul.core.policy.PolicyPrincipal caller = io.haneul.core.policy.PolicyPrincipal.account(ctx.accountId());
        io.haneul.core.policy.ContextKeys keys = io.haneul.core.policy.ContextKeys.ofCall(caller, clock.instant(), ctx.scheme(),
                ctx.sourceIp()).build();
        try {
            return io.haneul.core.policy.PolicyDocument.parse(role.trustPolicy())
                    .evaluate(new io.haneul.core.policy.AccessRequest(caller, "sts:AssumeRole", role.arn(), keys))
                    == io.haneul.core.policy.Decision.ALLOW;
        } catch (io.haneul.core.policy.MalformedPolicyException e) {
            return false;
        }
    }

    /**
     * Temporary credentials of the caller's own account, accepted by every service until they expire
     * (with their session token), as AWS's are; in permissive mode they act as the caller's account
     * too. A session's own key cannot ask for more (AWS: AccessDenied). Haneul's callers are their
     * account's root, whose sessions AWS cuts to one hour whatever is asked. An account holds at most
     * {@value #MAX_SESSIONS_PER_ACCOUNT} live sessions (beyond: Throttling), so repeated calls cannot
     * fill the server's memory.
     */
    public GetSessionTokenResponse getSessionToken(RequestContext ctx, GetSessionTokenRequest request) {
        Duration asked = durationOf(request.durationSeconds(), 900, 129_600);
        Duration duration = asked.compareTo(ROOT_SESSION_LIMIT) > 0 ? ROOT_SESSION_LIMIT : asked;
        if (verified.isPresent() && verified.get().find(ctx.accessKeyId()).isPresent()) {
            throw new AwsErrorException("AccessDenied", "Cannot call GetSessionToken with session credentials", 403);
        }
        Instant expiration = clock.instant().plus(duration);
        TemporaryCredentials.Issued issued = credentials.issue(expiration);
        if (verified.isPresent() && !verified.get().addLimited(new io.haneul.core.auth.Credentials(issued.accessKeyId(),
                issued.secretAccessKey(), ctx.accountId(), issued.sessionToken()), expiration, MAX_SESSIONS_PER_ACCOUNT)) {
            throw new AwsErrorException("Throttling", "Rate exceeded", 400);
        }
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
