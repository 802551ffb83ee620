package io.haneul.iam;

import io.haneul.iam.domain.IamError;
import io.haneul.iam.domain.IamException;
import io.haneul.iam.domain.IamIds;
import io.haneul.iam.domain.Names;
import io.haneul.iam.domain.Paging;
import io.haneul.iam.domain.PolicyDocuments;
import io.haneul.iam.domain.PolicyQuotas;
import io.haneul.iam.domain.Role;
import io.haneul.iam.domain.Tags;
import io.haneul.iam.store.RoleStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;
import java.util.Map;

/** Roles and their inline policies: IAM's rules over {@link RoleStore}. */
final class RoleService {

    /** What CreateRole asks for, beside the account. */
    record NewRole(String name, String path, String trustPolicy, String description, Integer maxSessionDuration,
                   String permissionsBoundary, Map<String, String> tags) {
    }

    private final RoleStore store;
    private final PolicyService policies;
    private final IamIds ids;
    private final Clock clock;

    RoleService(RoleStore store, PolicyService policies, IamIds ids, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.ids = ids;
        this.clock = clock;
    }

    Role create(String account, NewRole r) {
        PolicyDocuments.checkTrustPolicy(r.trustPolicy());
        PolicyQuotas.checkTrustPolicy(r.trustPolicy());
        if (r.permissionsBoundary() != null) {
            policies.requireBoundary(account, r.permissionsBoundary());
        }
        Role role = new Role(account, r.name(), ids.role(), Names.path(r.path()), r.trustPolicy(), r.description(),
                r.maxSessionDuration() == null ? Role.DEFAULT_MAX_SESSION_SECONDS : r.maxSessionDuration(),
                r.permissionsBoundary(), clock.instant(), Tags.merge(Map.of(), r.tags(), "Role"));
        if (!store.insert(role)) {
            throw new IamException(IamError.EntityAlreadyExists, "Role with name " + r.name() + " already exists.");
        }
        return role;
    }

    Role get(String account, String name) {
        return store.find(account, name).orElseThrow(() -> IamException.noSuchRole(name));
    }

    Paging.Page<Role> list(String account, String pathPrefix, String marker, Integer maxItems) {
        int max = Paging.maxItems(maxItems);
        return Paging.page(store.list(account, pathPrefix == null ? "/" : pathPrefix, Paging.after(marker), max + 1), max, Role::key);
    }

    /** UpdateRole: only the members given change. */
    Role update(String account, String name, String description, Integer maxSessionDuration) {
        Role r = get(account, name);
        Role updated = new Role(r.account(), r.name(), r.roleId(), r.path(), r.trustPolicy(),
                description != null ? description : r.description(),
                maxSessionDuration != null ? maxSessionDuration : r.maxSessionDuration(),
                r.permissionsBoundary(), r.createdAt(), r.tags());
        store.update(updated);
        return updated;
    }

    void updateTrustPolicy(String account, String name, String document) {
        Role r = get(account, name);
        PolicyDocuments.checkTrustPolicy(document);
        PolicyQuotas.checkTrustPolicy(document);
        store.update(new Role(r.account(), r.name(), r.roleId(), r.path(), document, r.description(), r.maxSessionDuration(),
                r.permissionsBoundary(), r.createdAt(), r.tags()));
    }

    void setPermissionsBoundary(String account, String name, String boundaryArn) {
        Role r = get(account, name);
        if (boundaryArn != null) {
            policies.requireBoundary(account, boundaryArn);
        }
        store.update(new Role(r.account(), r.name(), r.roleId(), r.path(), r.trustPolicy(), r.description(), r.maxSessionDuration(),
                boundaryArn, r.createdAt(), r.tags()));
    }

    /** Deletes the role; as on AWS, only once its policies are gone and no instance profile holds it. */
    void delete(String account, String name) {
        get(account, name);
        RoleStore.Dependents d = store.deleteUnlessReferenced(account, name);
        if (d.instanceProfiles() > 0) {
            throw new IamException(IamError.DeleteConflict, "Cannot delete entity, must remove roles from instance profile first.");
        }
        if (d.attachedPolicies() > 0) {
            throw new IamException(IamError.DeleteConflict, "Cannot delete entity, must detach all policies first.");
        }
        if (d.inlinePolicies() > 0) {
            throw new IamException(IamError.DeleteConflict, "Cannot delete entity, must delete policies first.");
        }
    }

    void tag(String account, String name, Map<String, String> tags) {
        Role r = get(account, name);
        store.update(withTags(r, Tags.merge(r.tags(), tags, "Role")));
    }

    void untag(String account, String name, Collection<String> keys) {
        Role r = get(account, name);
        store.update(withTags(r, Tags.remove(r.tags(), keys)));
    }

    Paging.Page<Map.Entry<String, String>> tags(String account, String name, String marker, Integer maxItems) {
        return Tags.page(get(account, name).tags(), marker, maxItems);
    }

    // ---- inline policies ----

    void putInlinePolicy(String account, String roleName, String policyName, String document) {
        Role role = get(account, roleName);
        PolicyDocuments.checkIdentityPolicy(document);
        List<String> after = new ArrayList<>(List.of(document));
        store.inlinePolicies(account, roleName).stream().filter(p -> !Names.key(p.name()).equals(Names.key(policyName)))
                .forEach(p -> after.add(p.document()));
        PolicyQuotas.checkRoleInlinePolicies(role.name(), after);
        store.putInlinePolicy(account, roleName, policyName, document);
    }

    RoleStore.InlinePolicy inlinePolicy(String account, String roleName, String policyName) {
        get(account, roleName);
        return store.inlinePolicy(account, roleName, policyName).orElseThrow(() -> noSuchInlinePolicy(policyName));
    }

    Paging.Page<String> inlinePolicyNames(String account, String roleName, String marker, Integer maxItems) {
        get(account, roleName);
        int max = Paging.maxItems(maxItems);
        return Paging.page(store.inlinePolicyNames(account, roleName, Paging.after(marker), max + 1), max, Names::key);
    }

    void deleteInlinePolicy(String account, String roleName, String policyName) {
        get(account, roleName);
        if (!store.deleteInlinePolicy(account, roleName, policyName)) {
            throw noSuchInlinePolicy(policyName);
        }
    }

    private static IamException noSuchInlinePolicy(String policyName) {
        return new IamException(IamError.NoSuchEntity, "The role policy with name " + policyName + " cannot be found.");
    }

    private static Role withTags(Role r, Map<String, String> tags) {
        return new Role(r.account(), r.name(), r.roleId(), r.path(), r.trustPolicy(), r.description(), r.maxSessionDuration(),
                r.permissionsBoundary(), r.createdAt(), tags);
    }
}
