package io.haneul.s3;

import io.haneul.core.policy.Decision;
import io.haneul.core.policy.PolicyPrincipal;
import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

import java.util.Set;

/**
 * What a website endpoint may show: as on AWS, only what anonymous visitors may read. An object is
 * readable when the bucket policy allows everyone {@code s3:GetObject} on it (unless the bucket's
 * Block Public Access has BlockPublicPolicy or RestrictPublicBuckets on) or its ACL grants AllUsers
 * READ (unless IgnorePublicAcls is on, or the bucket's ownership is BucketOwnerEnforced, which turns
 * ACLs off); a Deny of the policy wins over both. A missing key may be reported as missing (404) only
 * when visitors may list the bucket ({@code s3:ListBucket}, or a bucket ACL granting AllUsers READ);
 * otherwise it is 403, so that a website never tells which private keys exist.
 */
final class WebsiteAccess {

    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final Set<String> READS = Set.of("READ", "FULL_CONTROL");

    private final BucketConfigurations configs;
    private final AclService acls;
    private final BucketPolicies policies;

    WebsiteAccess(BucketConfigurations configs, AclService acls, BucketPolicies policies) {
        this.configs = configs;
        this.acls = acls;
        this.policies = policies;
    }

    boolean canRead(BucketRecord b, ObjectRecord o, BucketPolicies.Origin origin) {
        return allowed(b, "s3:GetObject", o.key(), origin, () -> acls.objectAcl(o));
    }

    boolean canList(BucketRecord b, BucketPolicies.Origin origin) {
        return allowed(b, "s3:ListBucket", null, origin,
                () -> configs.getStored(b.name(), Kind.ACL, AccessControlPolicy.class).orElse(null));
    }

    private boolean allowed(BucketRecord b, String action, String key, BucketPolicies.Origin origin,
                            java.util.function.Supplier<AccessControlPolicy> acl) {
        Decision byPolicy = policies.decide(b, PolicyPrincipal.anonymous(), action, key, origin);
        if (byPolicy == Decision.DENY) {
            return false;
        }
        PublicAccessBlockConfiguration block = configs.getStored(b.name(), Kind.PUBLIC_ACCESS_BLOCK, PublicAccessBlockConfiguration.class)
                .orElse(PublicAccessBlockConfiguration.builder().build());
        if (byPolicy == Decision.ALLOW && !on(block.blockPublicPolicy()) && !on(block.restrictPublicBuckets())) {
            return true;
        }
        return !on(block.ignorePublicAcls()) && !aclsDisabled(b) && grantsEveryoneRead(acl.get());
    }

    private boolean aclsDisabled(BucketRecord b) {
        return configs.getStored(b.name(), Kind.OWNERSHIP, OwnershipControls.class)
                .map(c -> c.rules().stream().anyMatch(r -> r.objectOwnership() == ObjectOwnership.BUCKET_OWNER_ENFORCED)).orElse(false);
    }

    private static boolean grantsEveryoneRead(AccessControlPolicy acl) {
        return acl != null && acl.grants().stream().anyMatch(g -> g.grantee() != null && ALL_USERS.equals(g.grantee().uri())
                && READS.contains(g.permissionAsString()));
    }

    private static boolean on(Boolean setting) {
        return Boolean.TRUE.equals(setting);
    }
}
