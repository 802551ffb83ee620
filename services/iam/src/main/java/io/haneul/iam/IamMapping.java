package io.haneul.iam;

import io.haneul.iam.domain.InstanceProfile;
import io.haneul.iam.domain.ManagedPolicy;
import io.haneul.iam.domain.PolicyDocuments;
import io.haneul.iam.domain.PolicyVersion;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleLastUsed;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain records to the SDK's IAM shapes, with IAM's conventions: policy documents percent-encoded,
 * and list answers leaving out what AWS's list operations leave out (a role's tags, boundary and
 * last use; a policy's description and tags).
 */
final class IamMapping {

    private IamMapping() {
    }

    /** A role as GetRole and CreateRole answer it. */
    static Role role(io.haneul.iam.domain.Role r) {
        return listedRole(r).toBuilder()
                .tags(tags(r.tags()))
                .permissionsBoundary(r.permissionsBoundary() == null ? null : AttachedPermissionsBoundary.builder()
                        .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                        .permissionsBoundaryArn(r.permissionsBoundary()).build())
                .roleLastUsed(RoleLastUsed.builder().build())
                .build();
    }

    /** A role as ListRoles and instance profiles answer it. */
    static Role listedRole(io.haneul.iam.domain.Role r) {
        return Role.builder()
                .path(r.path()).roleName(r.name()).roleId(r.roleId()).arn(r.arn()).createDate(r.createdAt())
                .assumeRolePolicyDocument(PolicyDocuments.urlEncoded(r.trustPolicy()))
                .description(r.description()).maxSessionDuration(r.maxSessionDuration())
                .build();
    }

    /** A managed policy as GetPolicy and CreatePolicy answer it. */
    static Policy policy(ManagedPolicy p) {
        return listedPolicy(p).toBuilder().description(p.description()).tags(p.tags().isEmpty() ? null : tags(p.tags())).build();
    }

    static Policy listedPolicy(ManagedPolicy p) {
        return Policy.builder()
                .policyName(p.name()).policyId(p.policyId()).arn(p.arn()).path(p.path())
                .defaultVersionId(p.defaultVersionId()).attachmentCount(p.attachmentCount())
                .permissionsBoundaryUsageCount(0).isAttachable(true)
                .createDate(p.createdAt()).updateDate(p.updatedAt())
                .build();
    }

    static software.amazon.awssdk.services.iam.model.PolicyVersion version(PolicyVersion v, boolean withDocument) {
        return software.amazon.awssdk.services.iam.model.PolicyVersion.builder()
                .versionId(v.versionId()).isDefaultVersion(v.isDefault()).createDate(v.createdAt())
                .document(withDocument ? PolicyDocuments.urlEncoded(v.document()) : null)
                .build();
    }

    static AttachedPolicy attached(ManagedPolicy p) {
        return AttachedPolicy.builder().policyName(p.name()).policyArn(p.arn()).build();
    }

    static software.amazon.awssdk.services.iam.model.InstanceProfile instanceProfile(InstanceProfile p) {
        return software.amazon.awssdk.services.iam.model.InstanceProfile.builder()
                .path(p.path()).instanceProfileName(p.name()).instanceProfileId(p.profileId()).arn(p.arn())
                .createDate(p.createdAt())
                .roles(p.roles().stream().map(IamMapping::listedRole).toList())
                .tags(p.tags().isEmpty() ? null : tags(p.tags()))
                .build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tagsOf(tags.entrySet());
    }

    /** Tag entries of a page, as the SDK's tags. */
    static List<Tag> tagsOf(java.util.Collection<Map.Entry<String, String>> entries) {
        return entries.stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** Request tags in order; a key given twice keeps its last value. */
    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.key(), t.value()));
        }
        return out;
    }
}
