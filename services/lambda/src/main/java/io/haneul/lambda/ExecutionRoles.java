package io.haneul.lambda;

import io.haneul.core.policy.AccessRequest;
import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.MalformedPolicyException;
import io.haneul.core.policy.PolicyDocument;
import io.haneul.core.policy.PolicyPrincipal;
import io.haneul.core.spi.RoleDirectory;
import io.haneul.lambda.domain.LambdaException;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether Lambda may assume a function's execution role, judged as AWS judges it at CreateFunction:
 * the role must exist in IAM and its trust policy must allow the service principal
 * {@code lambda.amazonaws.com} {@code sts:AssumeRole}; otherwise AWS's InvalidParameterValueException
 * {@code The role defined for the function cannot be assumed by Lambda.}
 *
 * <p>A role that IAM does not know is accepted in permissive mode, because scripts and tests there
 * pass made-up role ARNs and nothing would use the role; strict mode refuses it, because the
 * function's credentials are issued for the role. Where IAM is not served, any role is accepted.
 */
final class ExecutionRoles {

    static final String CANNOT_ASSUME = "The role defined for the function cannot be assumed by Lambda.";

    private final Supplier<Optional<RoleDirectory>> roles;
    private final boolean strict;
    private final Clock clock;

    ExecutionRoles(Supplier<Optional<RoleDirectory>> roles, boolean strict, Clock clock) {
        this.roles = roles;
        this.strict = strict;
        this.clock = clock;
    }

    void check(String roleArn) {
        Optional<RoleDirectory> directory = roles.get();
        if (directory.isEmpty() || roleArn == null) {
            return;
        }
        Optional<RoleDirectory.Role> role = directory.get().findByArn(roleArn);
        if (role.isEmpty()) {
            if (strict) {
                throw LambdaException.invalidParameter(CANNOT_ASSUME);
            }
            return;
        }
        if (!trustsLambda(role.get())) {
            throw LambdaException.invalidParameter(CANNOT_ASSUME);
        }
    }

    private boolean trustsLambda(RoleDirectory.Role role) {
        if (role.trustPolicy() == null) {
            return false;
        }
        PolicyPrincipal lambda = PolicyPrincipal.service("lambda.amazonaws.com");
        ContextKeys keys = ContextKeys.builder().time(clock.instant()).build();
        try {
            return PolicyDocument.parse(role.trustPolicy()).evaluate(new AccessRequest(lambda, "sts:AssumeRole", role.arn(), keys))
                    == Decision.ALLOW;
        } catch (MalformedPolicyException e) {
            return false;
        }
    }
}
