package io.haneul.iam;

import io.haneul.iam.domain.IamError;
import io.haneul.iam.domain.IamException;
import io.haneul.iam.domain.IamIds;
import io.haneul.iam.domain.InstanceProfile;
import io.haneul.iam.domain.Names;
import io.haneul.iam.domain.Paging;
import io.haneul.iam.domain.Tags;
import io.haneul.iam.store.InstanceProfileStore;
import io.haneul.iam.store.RoleStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Instance profiles: containers that hand one role to EC2 instances (stored; Haneul runs no instances). */
final class InstanceProfileService {

    private final InstanceProfileStore store;
    private final RoleStore roles;
    private final IamIds ids;
    private final Clock clock;

    InstanceProfileService(InstanceProfileStore store, RoleStore roles, IamIds ids, Clock clock) {
        this.store = store;
        this.roles = roles;
        this.ids = ids;
        this.clock = clock;
    }

    InstanceProfile create(String account, String name, String path, Map<String, String> tags) {
        InstanceProfile p = new InstanceProfile(account, name, ids.instanceProfile(), Names.path(path), clock.instant(),
                Tags.merge(Map.of(), tags, "InstanceProfile"), List.of());
        if (!store.insert(p)) {
            throw new IamException(IamError.EntityAlreadyExists, "Instance Profile " + name + " already exists.");
        }
        return p;
    }

    InstanceProfile get(String account, String name) {
        return store.find(account, name).orElseThrow(() -> IamException.noSuchInstanceProfile(name));
    }

    Paging.Page<InstanceProfile> list(String account, String pathPrefix, String marker, Integer maxItems) {
        int max = Paging.maxItems(maxItems);
        return Paging.page(store.list(account, pathPrefix == null ? "/" : pathPrefix, Paging.after(marker), max + 1), max,
                p -> Names.key(p.name()));
    }

    Paging.Page<InstanceProfile> listForRole(String account, String roleName, String marker, Integer maxItems) {
        roleMustExist(account, roleName);
        int max = Paging.maxItems(maxItems);
        return Paging.page(store.listForRole(account, roleName, Paging.after(marker), max + 1), max, p -> Names.key(p.name()));
    }

    /** Adds the role; an instance profile holds one role, as AWS's quota says. */
    void addRole(String account, String profileName, String roleName) {
        get(account, profileName);
        roleMustExist(account, roleName);
        if (store.addRole(account, profileName, roleName) == InstanceProfileStore.AddOutcome.PROFILE_FULL) {
            throw new IamException(IamError.LimitExceeded, "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        }
    }

    void removeRole(String account, String profileName, String roleName) {
        get(account, profileName);
        if (!store.removeRole(account, profileName, roleName)) {
            throw IamException.noSuchRole(roleName);
        }
    }

    void delete(String account, String name) {
        get(account, name);
        if (!store.deleteIfEmpty(account, name)) {
            throw new IamException(IamError.DeleteConflict, "Cannot delete entity, must remove roles from instance profile first.");
        }
    }

    void tag(String account, String name, Map<String, String> tags) {
        InstanceProfile p = get(account, name);
        store.updateTags(account, p.name(), Tags.merge(p.tags(), tags, "InstanceProfile"));
    }

    void untag(String account, String name, java.util.Collection<String> keys) {
        InstanceProfile p = get(account, name);
        store.updateTags(account, p.name(), Tags.remove(p.tags(), keys));
    }

    Paging.Page<Map.Entry<String, String>> tags(String account, String name, String marker, Integer maxItems) {
        return Tags.page(get(account, name).tags(), marker, maxItems);
    }

    private void roleMustExist(String account, String roleName) {
        if (roles.find(account, roleName).isEmpty()) {
            throw IamException.noSuchRole(roleName);
        }
    }
}
