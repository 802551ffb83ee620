package io.haneul.iam;

import io.haneul.iam.domain.AwsManagedPolicies;
import io.haneul.iam.domain.IamArns;
import io.haneul.iam.domain.IamError;
import io.haneul.iam.domain.IamException;
import io.haneul.iam.domain.IamIds;
import io.haneul.iam.domain.ManagedPolicy;
import io.haneul.iam.domain.Names;
import io.haneul.iam.domain.Paging;
import io.haneul.iam.domain.PolicyDocuments;
import io.haneul.iam.domain.PolicyQuotas;
import io.haneul.iam.domain.PolicyVersion;
import io.haneul.iam.domain.Tags;
import io.haneul.iam.store.PolicyStore;
import io.haneul.iam.store.RoleStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Managed policies (the account's own and AWS's), their versions, and their attachment to roles.
 */
final class PolicyService {

    /** AWS's default quota of managed policies attached to one role. */
    static final int MANAGED_POLICIES_PER_ROLE = 10;

    /** ListPolicies' Scope. */
    enum Scope { All, AWS, Local }

    private final PolicyStore store;
    private final RoleStore roles;
    private final AwsManagedPolicies awsPolicies;
    private final IamIds ids;
    private final Clock clock;

    PolicyService(PolicyStore store, RoleStore roles, AwsManagedPolicies awsPolicies, IamIds ids, Clock clock) {
        this.store = store;
        this.roles = roles;
        this.awsPolicies = awsPolicies;
        this.ids = ids;
        this.clock = clock;
    }

    ManagedPolicy create(String account, String name, String path, String document, String description, Map<String, String> tags) {
        PolicyDocuments.checkIdentityPolicy(document);
        PolicyQuotas.checkManagedPolicy(document);
        var now = clock.instant();
        ManagedPolicy p = new ManagedPolicy(account, name, ids.policy(), Names.path(path), description, "v1", now, now,
                Tags.merge(Map.of(), tags, "Policy"), 0);
        if (!store.insert(p, document)) {
            throw new IamException(IamError.EntityAlreadyExists, "A policy called " + name + " already exists. Duplicate names are not allowed.");
        }
        return p;
    }

    /** GetPolicy: the policy with the account's attachment count. */
    ManagedPolicy get(String account, String arn) {
        ManagedPolicy p = find(account, arn).orElseThrow(() -> notFound(arn));
        return p.withAttachmentCount(roles.attachmentCount(account, arn));
    }

    Paging.Page<ManagedPolicy> list(String account, Scope scope, boolean onlyAttached, String pathPrefix, String marker, Integer maxItems) {
        Map<String, Integer> counts = roles.attachmentCounts(account);
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        String after = Paging.after(marker);
        List<ManagedPolicy> all = new ArrayList<>();
        if (scope != Scope.Local) {
            awsPolicies.all().forEach(e -> all.add(e.policy()));
        }
        if (scope != Scope.AWS) {
            all.addAll(store.all(account));
        }
        List<ManagedPolicy> matching = all.stream()
                .map(p -> p.withAttachmentCount(counts.getOrDefault(p.arn(), 0)))
                .filter(p -> !onlyAttached || p.attachmentCount() > 0)
                .filter(p -> p.path().startsWith(prefix))
                .filter(p -> sortKey(p).compareTo(after) > 0)
                .sorted(Comparator.comparing(PolicyService::sortKey))
                .toList();
        int max = Paging.maxItems(maxItems);
        return Paging.page(matching.subList(0, Math.min(matching.size(), max + 1)), max, PolicyService::sortKey);
    }

    /** Deletes one of the account's policies once it is attached nowhere and only its default version is left. */
    void delete(String account, String arn) {
        ManagedPolicy p = ownPolicy(account, arn);
        if (roles.attachmentCount(account, arn) > 0) {
            throw new IamException(IamError.DeleteConflict, "Cannot delete a policy attached to entities.");
        }
        if (store.versions(account, p.name()).size() > 1) {
            throw new IamException(IamError.DeleteConflict, "This policy has more than one version. Before you delete a policy, "
                    + "you must delete the policy's versions. The default version is deleted with the policy.");
        }
        store.delete(account, p.name());
    }

    PolicyVersion createVersion(String account, String arn, String document, boolean setAsDefault) {
        ManagedPolicy p = ownPolicy(account, arn);
        PolicyDocuments.checkIdentityPolicy(document);
        PolicyQuotas.checkManagedPolicy(document);
        return store.addVersion(account, p.name(), document, setAsDefault, PolicyVersion.MAX_VERSIONS, clock.instant())
                .orElseThrow(() -> new IamException(IamError.LimitExceeded, "A managed policy can have up to "
                        + PolicyVersion.MAX_VERSIONS + " versions. Before you create a new version, you must delete an existing version."));
    }

    PolicyVersion version(String account, String arn, String versionId) {
        return versions(account, arn).stream().filter(v -> v.versionId().equals(versionId)).findFirst()
                .orElseThrow(() -> noSuchVersion(arn, versionId));
    }

    /** Versions, newest first. */
    List<PolicyVersion> versions(String account, String arn) {
        Optional<AwsManagedPolicies.Entry> aws = awsPolicies.find(arn);
        if (aws.isPresent()) {
            ManagedPolicy p = aws.get().policy();
            return List.of(new PolicyVersion(p.defaultVersionId(), aws.get().document(), true, p.createdAt()));
        }
        ManagedPolicy p = find(account, arn).orElseThrow(() -> notFound(arn));
        return store.versions(account, p.name());
    }

    void deleteVersion(String account, String arn, String versionId) {
        ManagedPolicy p = ownPolicy(account, arn);
        if (versionId.equals(p.defaultVersionId())) {
            throw new IamException(IamError.DeleteConflict, "Cannot delete the default version of a policy.");
        }
        if (!store.deleteVersion(account, p.name(), versionId)) {
            throw noSuchVersion(arn, versionId);
        }
    }

    void setDefaultVersion(String account, String arn, String versionId) {
        ManagedPolicy p = ownPolicy(account, arn);
        version(account, arn, versionId);
        store.setDefaultVersion(account, p.name(), versionId, clock.instant());
    }

    void tag(String account, String arn, Map<String, String> tags) {
        ManagedPolicy p = ownPolicy(account, arn);
        store.updateTags(withTags(p, Tags.merge(p.tags(), tags, "Policy")));
    }

    void untag(String account, String arn, java.util.Collection<String> keys) {
        ManagedPolicy p = ownPolicy(account, arn);
        store.updateTags(withTags(p, Tags.remove(p.tags(), keys)));
    }

    Paging.Page<Map.Entry<String, String>> tags(String account, String arn, String marker, Integer maxItems) {
        return Tags.page(find(account, arn).orElseThrow(() -> notFound(arn)).tags(), marker, maxItems);
    }

    /** The account's roles the policy is attached to, by name (Haneul has no users or groups to list). */
    Paging.Page<io.haneul.iam.domain.Role> rolesAttachedTo(String account, String arn, String pathPrefix, String marker, Integer maxItems) {
        find(account, arn).orElseThrow(() -> notFound(arn));
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        String after = Paging.after(marker);
        List<io.haneul.iam.domain.Role> attached = roles.rolesAttachedTo(account, arn).stream()
                .filter(r -> r.path().startsWith(prefix))
                .filter(r -> r.key().compareTo(after) > 0)
                .sorted(Comparator.comparing(io.haneul.iam.domain.Role::key))
                .toList();
        int max = Paging.maxItems(maxItems);
        return Paging.page(attached.subList(0, Math.min(attached.size(), max + 1)), max, io.haneul.iam.domain.Role::key);
    }

    private static ManagedPolicy withTags(ManagedPolicy p, Map<String, String> tags) {
        return new ManagedPolicy(p.account(), p.name(), p.policyId(), p.path(), p.description(), p.defaultVersionId(),
                p.createdAt(), p.updatedAt(), tags, p.attachmentCount());
    }

    // ---- attachments ----

    void attach(String account, String roleName, String arn) {
        roleMustExist(account, roleName);
        if (find(account, arn).isEmpty()) {
            throw IamException.policyNotAttachable(arn);
        }
        if (roles.attach(account, roleName, arn, MANAGED_POLICIES_PER_ROLE) == RoleStore.AttachOutcome.ROLE_FULL) {
            throw new IamException(IamError.LimitExceeded, "Cannot exceed quota for PoliciesPerRole: " + MANAGED_POLICIES_PER_ROLE);
        }
    }

    void detach(String account, String roleName, String arn) {
        roleMustExist(account, roleName);
        if (!roles.detach(account, roleName, arn)) {
            throw notFound(arn);
        }
    }

    /** The policies attached to the role whose path starts with the prefix, by name. */
    Paging.Page<ManagedPolicy> attachedTo(String account, String roleName, String pathPrefix, String marker, Integer maxItems) {
        roleMustExist(account, roleName);
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        String after = Paging.after(marker);
        List<ManagedPolicy> attached = roles.attachedPolicies(account, roleName).stream()
                .map(arn -> find(account, arn)).flatMap(Optional::stream)
                .filter(p -> p.path().startsWith(prefix))
                .filter(p -> sortKey(p).compareTo(after) > 0)
                .sorted(Comparator.comparing(PolicyService::sortKey))
                .toList();
        int max = Paging.maxItems(maxItems);
        return Paging.page(attached.subList(0, Math.min(attached.size(), max + 1)), max, PolicyService::sortKey);
    }

    /** A permissions boundary must name a managed policy that exists (stored on the role, not enforced). */
    void requireBoundary(String account, String arn) {
        if (find(account, arn).isEmpty()) {
            throw new IamException(IamError.NoSuchEntity, "Scope ARN: " + arn + " does not exist or is not attachable.");
        }
    }

    /** The policy an ARN names, as the account sees it: AWS's, or the account's own with that path. */
    Optional<ManagedPolicy> find(String account, String arn) {
        Optional<IamArns.Parsed> parsed = IamArns.parsePolicy(arn);
        if (parsed.isEmpty()) {
            throw new IamException(IamError.InvalidInput, "ARN " + arn + " is not valid.");
        }
        if (parsed.get().account().equals(IamArns.AWS)) {
            return awsPolicies.find(arn).map(AwsManagedPolicies.Entry::policy);
        }
        if (!parsed.get().account().equals(account)) {
            return Optional.empty();
        }
        return store.find(account, parsed.get().name()).filter(p -> p.path().equals(parsed.get().path()));
    }

    private ManagedPolicy ownPolicy(String account, String arn) {
        ManagedPolicy p = find(account, arn).orElseThrow(() -> notFound(arn));
        if (p.awsManaged()) {
            throw new IamException(IamError.UnmodifiableEntity, "Cannot perform the operation on the AWS managed policy " + arn + ".");
        }
        return p;
    }

    private void roleMustExist(String account, String roleName) {
        if (roles.find(account, roleName).isEmpty()) {
            throw IamException.noSuchRole(roleName);
        }
    }

    /** Policies list by name; AWS's and the account's may share a name, so the ARN breaks ties. */
    private static String sortKey(ManagedPolicy p) {
        return Names.key(p.name()) + "\u0000" + p.arn();
    }

    private static IamException notFound(String arn) {
        return new IamException(IamError.NoSuchEntity, "Policy " + arn + " was not found.");
    }

    private static IamException noSuchVersion(String arn, String versionId) {
        return new IamException(IamError.NoSuchEntity, "Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
    }
}
