package io.haneul.sts;

import io.haneul.core.auth.Credentials;
import io.haneul.core.auth.SessionCredentials;
import io.haneul.core.auth.TemporaryCredentials;
import io.haneul.core.spi.RoleDirectory;
import io.haneul.core.spi.RoleSessions;
import io.haneul.core.spi.ServiceCallException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sessions of a role issued to other services (Lambda's execution roles), minted like AssumeRole's
 * and registered with the server's {@link SessionCredentials} so that calls signed with them are
 * accepted in strict mode as the role's account. Where IAM is served only a stored role gets a
 * session; the caller (Lambda) has already judged whether the role trusts it.
 */
final class StsRoleSessions implements RoleSessions {

    private final Clock clock;
    private final TemporaryCredentials minter;
    private final Supplier<Optional<RoleDirectory>> roles;
    private final Optional<SessionCredentials> sessions;

    StsRoleSessions(Clock clock, TemporaryCredentials minter, Supplier<Optional<RoleDirectory>> roles, Optional<SessionCredentials> sessions) {
        this.clock = clock;
        this.minter = minter;
        this.roles = roles;
        this.sessions = sessions;
    }

    @Override
    public Session issue(String roleArn, String sessionName, Duration duration) {
        RoleArn parsed;
        try {
            parsed = RoleArn.parse(roleArn);
        } catch (RuntimeException e) {
            throw new ServiceCallException("ValidationError", roleArn + " is invalid");
        }
        Optional<RoleDirectory> directory = roles.get();
        String roleName = parsed.name();
        if (directory.isPresent()) {
            RoleDirectory.Role role = directory.get().findByArn(roleArn)
                    .orElseThrow(() -> new ServiceCallException("AccessDenied", "The role " + roleArn + " cannot be assumed: it does not exist"));
            roleName = role.name();
        }
        Instant expiration = clock.instant().plus(duration);
        TemporaryCredentials.Issued issued = minter.issue(expiration);
        sessions.ifPresent(s -> s.add(new Credentials(issued.accessKeyId(), issued.secretAccessKey(), parsed.account(),
                issued.sessionToken()), expiration));
        return new Session(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken(), expiration, parsed.account(),
                "arn:aws:sts::" + parsed.account() + ":assumed-role/" + roleName + "/" + sessionName);
    }
}
