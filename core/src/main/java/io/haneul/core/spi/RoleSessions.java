package io.haneul.core.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * Temporary credentials for a role, issued to another service rather than to a caller of STS:
 * Lambda hands them to a function's process so that SDK calls from inside the function are signed
 * as its execution role and accepted in strict mode. Exported by the STS module; the credentials
 * are valid for signing on this server (in strict mode) until they expire.
 */
public interface RoleSessions {

    /**
     * One issued session.
     *
     * @param account the role's account: calls signed with these keys act in it
     */
    record Session(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, String account,
                   String assumedRoleArn) {
    }

    /**
     * Issues credentials for a role.
     *
     * @throws ServiceCallException {@code AccessDenied} when the role cannot be assumed (IAM is served and has
     *                              no such role), {@code ValidationError} for a malformed role ARN
     */
    Session issue(String roleArn, String sessionName, Duration duration);
}
