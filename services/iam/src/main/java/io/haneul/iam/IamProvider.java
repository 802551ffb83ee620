package io.haneul.iam;

import io.haneul.core.engine.ErrorTranslator;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.spi.RoleDirectory;
import io.haneul.iam.domain.IamException;
import io.haneul.iam.domain.Paging;
import io.haneul.iam.domain.PolicyDocuments;
import io.haneul.iam.store.RoleStore;
import software.amazon.awssdk.services.iam.model.*;

import java.util.Map;

/**
 * AWS IAM's roles, managed and inline policies and instance profiles. Thin: rules live in
 * {@link RoleService}, {@link PolicyService} and {@link InstanceProfileService}; this class turns
 * SDK requests into their calls and their results into SDK responses ({@link IamMapping}).
 * Policies are stored and answered, never enforced.
 */
public final class IamProvider implements ErrorTranslator {

    private final RoleService roles;
    private final PolicyService policies;
    private final InstanceProfileService profiles;
    private final RoleDirectory directory;

    IamProvider(RoleService roles, PolicyService policies, InstanceProfileService profiles, RoleDirectory directory) {
        this.roles = roles;
        this.policies = policies;
        this.profiles = profiles;
        this.directory = directory;
    }

    /** The roles as other services look them up (STS AssumeRole). */
    RoleDirectory directory() {
        return directory;
    }

    @Override
    public AwsErrorException translate(RuntimeException e) {
        return e instanceof IamException i ? IamErrors.toAws(i) : null;
    }

    // ---- roles ----

    public CreateRoleResponse createRole(RequestContext ctx, CreateRoleRequest r) {
        var role = roles.create(ctx.accountId(), new RoleService.NewRole(r.roleName(), r.path(), r.assumeRolePolicyDocument(),
                r.description(), r.maxSessionDuration(), r.permissionsBoundary(), IamMapping.tags(r.tags())));
        return CreateRoleResponse.builder().role(IamMapping.role(role)).build();
    }

    public GetRoleResponse getRole(RequestContext ctx, GetRoleRequest r) {
        return GetRoleResponse.builder().role(IamMapping.role(roles.get(ctx.accountId(), r.roleName()))).build();
    }

    public ListRolesResponse listRoles(RequestContext ctx, ListRolesRequest r) {
        Paging.Page<io.haneul.iam.domain.Role> page = roles.list(ctx.accountId(), r.pathPrefix(), r.marker(), r.maxItems());
        return ListRolesResponse.builder().roles(page.items().stream().map(IamMapping::listedRole).toList())
                .isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    public UpdateRoleResponse updateRole(RequestContext ctx, UpdateRoleRequest r) {
        roles.update(ctx.accountId(), r.roleName(), r.description(), r.maxSessionDuration());
        return UpdateRoleResponse.builder().build();
    }

    public UpdateRoleDescriptionResponse updateRoleDescription(RequestContext ctx, UpdateRoleDescriptionRequest r) {
        var role = roles.update(ctx.accountId(), r.roleName(), r.description(), null);
        return UpdateRoleDescriptionResponse.builder().role(IamMapping.role(role)).build();
    }

    public UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(RequestContext ctx, UpdateAssumeRolePolicyRequest r) {
        roles.updateTrustPolicy(ctx.accountId(), r.roleName(), r.policyDocument());
        return UpdateAssumeRolePolicyResponse.builder().build();
    }

    public PutRolePermissionsBoundaryResponse putRolePermissionsBoundary(RequestContext ctx, PutRolePermissionsBoundaryRequest r) {
        roles.setPermissionsBoundary(ctx.accountId(), r.roleName(), r.permissionsBoundary());
        return PutRolePermissionsBoundaryResponse.builder().build();
    }

    public DeleteRolePermissionsBoundaryResponse deleteRolePermissionsBoundary(RequestContext ctx, DeleteRolePermissionsBoundaryRequest r) {
        roles.setPermissionsBoundary(ctx.accountId(), r.roleName(), null);
        return DeleteRolePermissionsBoundaryResponse.builder().build();
    }

    public DeleteRoleResponse deleteRole(RequestContext ctx, DeleteRoleRequest r) {
        roles.delete(ctx.accountId(), r.roleName());
        return DeleteRoleResponse.builder().build();
    }

    public TagRoleResponse tagRole(RequestContext ctx, TagRoleRequest r) {
        roles.tag(ctx.accountId(), r.roleName(), IamMapping.tags(r.tags()));
        return TagRoleResponse.builder().build();
    }

    public UntagRoleResponse untagRole(RequestContext ctx, UntagRoleRequest r) {
        roles.untag(ctx.accountId(), r.roleName(), r.tagKeys());
        return UntagRoleResponse.builder().build();
    }

    public ListRoleTagsResponse listRoleTags(RequestContext ctx, ListRoleTagsRequest r) {
        Paging.Page<Map.Entry<String, String>> page = roles.tags(ctx.accountId(), r.roleName(), r.marker(), r.maxItems());
        return ListRoleTagsResponse.builder()
                .tags(IamMapping.tagsOf(page.items()))
                .isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    // ---- inline role policies ----

    public PutRolePolicyResponse putRolePolicy(RequestContext ctx, PutRolePolicyRequest r) {
        roles.putInlinePolicy(ctx.accountId(), r.roleName(), r.policyName(), r.policyDocument());
        return PutRolePolicyResponse.builder().build();
    }

    public GetRolePolicyResponse getRolePolicy(RequestContext ctx, GetRolePolicyRequest r) {
        RoleStore.InlinePolicy p = roles.inlinePolicy(ctx.accountId(), r.roleName(), r.policyName());
        String roleName = roles.get(ctx.accountId(), r.roleName()).name();
        return GetRolePolicyResponse.builder().roleName(roleName).policyName(p.name())
                .policyDocument(PolicyDocuments.urlEncoded(p.document())).build();
    }

    public ListRolePoliciesResponse listRolePolicies(RequestContext ctx, ListRolePoliciesRequest r) {
        Paging.Page<String> page = roles.inlinePolicyNames(ctx.accountId(), r.roleName(), r.marker(), r.maxItems());
        return ListRolePoliciesResponse.builder().policyNames(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    public DeleteRolePolicyResponse deleteRolePolicy(RequestContext ctx, DeleteRolePolicyRequest r) {
        roles.deleteInlinePolicy(ctx.accountId(), r.roleName(), r.policyName());
        return DeleteRolePolicyResponse.builder().build();
    }

    // ---- managed policies ----

    public CreatePolicyResponse createPolicy(RequestContext ctx, CreatePolicyRequest r) {
        var p = policies.create(ctx.accountId(), r.policyName(), r.path(), r.policyDocument(), r.description(), IamMapping.tags(r.tags()));
        return CreatePolicyResponse.builder().policy(IamMapping.policy(p)).build();
    }

    public GetPolicyResponse getPolicy(RequestContext ctx, GetPolicyRequest r) {
        return GetPolicyResponse.builder().policy(IamMapping.policy(policies.get(ctx.accountId(), r.policyArn()))).build();
    }

    public ListPoliciesResponse listPolicies(RequestContext ctx, ListPoliciesRequest r) {
        PolicyService.Scope scope = switch (r.scope() == null ? PolicyScopeType.ALL : r.scope()) {
            case AWS -> PolicyService.Scope.AWS;
            case LOCAL -> PolicyService.Scope.Local;
            default -> PolicyService.Scope.All;
        };
        var page = policies.list(ctx.accountId(), scope, Boolean.TRUE.equals(r.onlyAttached()), r.pathPrefix(), r.marker(), r.maxItems());
        return ListPoliciesResponse.builder().policies(page.items().stream().map(IamMapping::listedPolicy).toList())
                .isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    public DeletePolicyResponse deletePolicy(RequestContext ctx, DeletePolicyRequest r) {
        policies.delete(ctx.accountId(), r.policyArn());
        return DeletePolicyResponse.builder().build();
    }

    public CreatePolicyVersionResponse createPolicyVersion(RequestContext ctx, CreatePolicyVersionRequest r) {
        var v = policies.createVersion(ctx.accountId(), r.policyArn(), r.policyDocument(), Boolean.TRUE.equals(r.setAsDefault()));
        return CreatePolicyVersionResponse.builder().policyVersion(IamMapping.version(v, false)).build();
    }

    public GetPolicyVersionResponse getPolicyVersion(RequestContext ctx, GetPolicyVersionRequest r) {
        var v = policies.version(ctx.accountId(), r.policyArn(), r.versionId());
        return GetPolicyVersionResponse.builder().policyVersion(IamMapping.version(v, true)).build();
    }

    public ListPolicyVersionsResponse listPolicyVersions(RequestContext ctx, ListPolicyVersionsRequest r) {
        var versions = policies.versions(ctx.accountId(), r.policyArn());
        return ListPolicyVersionsResponse.builder().versions(versions.stream().map(v -> IamMapping.version(v, false)).toList())
                .isTruncated(false).build();
    }

    public DeletePolicyVersionResponse deletePolicyVersion(RequestContext ctx, DeletePolicyVersionRequest r) {
        policies.deleteVersion(ctx.accountId(), r.policyArn(), r.versionId());
        return DeletePolicyVersionResponse.builder().build();
    }

    public SetDefaultPolicyVersionResponse setDefaultPolicyVersion(RequestContext ctx, SetDefaultPolicyVersionRequest r) {
        policies.setDefaultVersion(ctx.accountId(), r.policyArn(), r.versionId());
        return SetDefaultPolicyVersionResponse.builder().build();
    }

    public TagPolicyResponse tagPolicy(RequestContext ctx, TagPolicyRequest r) {
        policies.tag(ctx.accountId(), r.policyArn(), IamMapping.tags(r.tags()));
        return TagPolicyResponse.builder().build();
    }

    public UntagPolicyResponse untagPolicy(RequestContext ctx, UntagPolicyRequest r) {
        policies.untag(ctx.accountId(), r.policyArn(), r.tagKeys());
        return UntagPolicyResponse.builder().build();
    }

    public ListPolicyTagsResponse listPolicyTags(RequestContext ctx, ListPolicyTagsRequest r) {
        var page = policies.tags(ctx.accountId(), r.policyArn(), r.marker(), r.maxItems());
        return ListPolicyTagsResponse.builder().tags(IamMapping.tagsOf(page.items())).isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    /** Only roles: Haneul has no IAM users or groups, so those lists are always empty. */
    public ListEntitiesForPolicyResponse listEntitiesForPolicy(RequestContext ctx, ListEntitiesForPolicyRequest r) {
        boolean roles = r.entityFilter() == null || r.entityFilter() == EntityType.ROLE;
        var page = policies.rolesAttachedTo(ctx.accountId(), r.policyArn(), r.pathPrefix(), r.marker(), r.maxItems());
        return ListEntitiesForPolicyResponse.builder()
                .policyRoles(roles ? page.items().stream().map(role -> PolicyRole.builder().roleName(role.name()).roleId(role.roleId()).build()).toList()
                        : java.util.List.of())
                .policyGroups(java.util.List.of()).policyUsers(java.util.List.of())
                .isTruncated(roles && page.truncated()).marker(roles ? page.nextMarker() : null).build();
    }

    public AttachRolePolicyResponse attachRolePolicy(RequestContext ctx, AttachRolePolicyRequest r) {
        policies.attach(ctx.accountId(), r.roleName(), r.policyArn());
        return AttachRolePolicyResponse.builder().build();
    }

    public DetachRolePolicyResponse detachRolePolicy(RequestContext ctx, DetachRolePolicyRequest r) {
        policies.detach(ctx.accountId(), r.roleName(), r.policyArn());
        return DetachRolePolicyResponse.builder().build();
    }

    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(RequestContext ctx, ListAttachedRolePoliciesRequest r) {
        var page = policies.attachedTo(ctx.accountId(), r.roleName(), r.pathPrefix(), r.marker(), r.maxItems());
        return ListAttachedRolePoliciesResponse.builder().attachedPolicies(page.items().stream().map(IamMapping::attached).toList())
                .isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    // ---- instance profiles ----

    public CreateInstanceProfileResponse createInstanceProfile(RequestContext ctx, CreateInstanceProfileRequest r) {
        var p = profiles.create(ctx.accountId(), r.instanceProfileName(), r.path(), IamMapping.tags(r.tags()));
        return CreateInstanceProfileResponse.builder().instanceProfile(IamMapping.instanceProfile(p)).build();
    }

    public GetInstanceProfileResponse getInstanceProfile(RequestContext ctx, GetInstanceProfileRequest r) {
        return GetInstanceProfileResponse.builder()
                .instanceProfile(IamMapping.instanceProfile(profiles.get(ctx.accountId(), r.instanceProfileName()))).build();
    }

    public ListInstanceProfilesResponse listInstanceProfiles(RequestContext ctx, ListInstanceProfilesRequest r) {
        var page = profiles.list(ctx.accountId(), r.pathPrefix(), r.marker(), r.maxItems());
        return ListInstanceProfilesResponse.builder().instanceProfiles(page.items().stream().map(IamMapping::instanceProfile).toList())
                .isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    public ListInstanceProfilesForRoleResponse listInstanceProfilesForRole(RequestContext ctx, ListInstanceProfilesForRoleRequest r) {
        var page = profiles.listForRole(ctx.accountId(), r.roleName(), r.marker(), r.maxItems());
        return ListInstanceProfilesForRoleResponse.builder()
                .instanceProfiles(page.items().stream().map(IamMapping::instanceProfile).toList())
                .isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    public AddRoleToInstanceProfileResponse addRoleToInstanceProfile(RequestContext ctx, AddRoleToInstanceProfileRequest r) {
        profiles.addRole(ctx.accountId(), r.instanceProfileName(), r.roleName());
        return AddRoleToInstanceProfileResponse.builder().build();
    }

    public RemoveRoleFromInstanceProfileResponse removeRoleFromInstanceProfile(RequestContext ctx, RemoveRoleFromInstanceProfileRequest r) {
        profiles.removeRole(ctx.accountId(), r.instanceProfileName(), r.roleName());
        return RemoveRoleFromInstanceProfileResponse.builder().build();
    }

    public TagInstanceProfileResponse tagInstanceProfile(RequestContext ctx, TagInstanceProfileRequest r) {
        profiles.tag(ctx.accountId(), r.instanceProfileName(), IamMapping.tags(r.tags()));
        return TagInstanceProfileResponse.builder().build();
    }

    public UntagInstanceProfileResponse untagInstanceProfile(RequestContext ctx, UntagInstanceProfileRequest r) {
        profiles.untag(ctx.accountId(), r.instanceProfileName(), r.tagKeys());
        return UntagInstanceProfileResponse.builder().build();
    }

    public ListInstanceProfileTagsResponse listInstanceProfileTags(RequestContext ctx, ListInstanceProfileTagsRequest r) {
        var page = profiles.tags(ctx.accountId(), r.instanceProfileName(), r.marker(), r.maxItems());
        return ListInstanceProfileTagsResponse.builder().tags(IamMapping.tagsOf(page.items()))
                .isTruncated(page.truncated()).marker(page.nextMarker()).build();
    }

    public DeleteInstanceProfileResponse deleteInstanceProfile(RequestContext ctx, DeleteInstanceProfileRequest r) {
        profiles.delete(ctx.accountId(), r.instanceProfileName());
        return DeleteInstanceProfileResponse.builder().build();
    }
}
