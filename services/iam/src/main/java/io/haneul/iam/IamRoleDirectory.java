package io.haneul.iam;

import io.haneul.core.spi.RoleDirectory;
import io.haneul.iam.domain.IamArns;
import io.haneul.iam.store.RoleStore;

import java.util.Optional;

/** IAM's roles as other services look them up: by ARN (account, path and name). */
final class IamRoleDirectory implements RoleDirectory {

    private final RoleStore store;

    IamRoleDirectory(RoleStore store) {
        this.store = store;
    }

    @Override
    public Optional<Role> findByArn(String roleArn) {
        return IamArns.parseRole(roleArn)
                .flatMap(arn -> store.find(arn.account(), arn.name()).filter(r -> r.path().equals(arn.path())))
                .map(r -> new Role(r.account(), r.name(), r.roleId(), r.arn(), r.maxSessionDuration(), r.trustPolicy()));
    }
}
