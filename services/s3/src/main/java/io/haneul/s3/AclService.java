package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.domain.CannedAcl;
import io.haneul.s3.domain.CannedAcl.Grant;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.s3.store.S3Store;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bucket and object ACLs: canned ACLs, {@code x-amz-grant-*} headers and AccessControlPolicy documents
 * turned into grants, refused where the bucket's ownership controls are BucketOwnerEnforced (AWS's
 * default since 2023), stored and handed back. They are not evaluated: access is the owner's.
 */
final class AclService {

    /** The ACL a request carries, in each of its three forms (any may be null). */
    record Requested(String canned, AccessControlPolicy policy, Map<String, String> grantHeaders) {
        boolean isEmpty() {
            return canned == null && policy == null && grantHeaders.values().stream().allMatch(v -> v == null || v.isBlank());
        }
    }

    /** The {@code x-amz-grant-*} headers by the permission each grants (absent ones may be null). */
    static Map<String, String> grantHeaders(String fullControl, String read, String readAcp, String write, String writeAcp) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("FULL_CONTROL", fullControl);
        m.put("READ", read);
        m.put("READ_ACP", readAcp);
        m.put("WRITE", write);
        m.put("WRITE_ACP", writeAcp);
        return m;
    }

    private final S3Store store;
    private final BucketService buckets;
    private final BucketConfigurations configs;
    private final SdkDocuments documents = new SdkDocuments();

    AclService(S3Store store, BucketService buckets, BucketConfigurations configs) {
        this.store = store;
        this.buckets = buckets;
        this.configs = configs;
    }

    AccessControlPolicy bucketAcl(RequestContext ctx, String bucket) {
        BucketRecord b = buckets.require(ctx, bucket);
        return configs.get(ctx, bucket, Kind.ACL, AccessControlPolicy.class)
                .orElseGet(() -> policy(b.account(), List.of(ownerGrant(b.account()))));
    }

    void putBucketAcl(RequestContext ctx, String bucket, Requested requested) {
        BucketRecord b = buckets.require(ctx, bucket);
        if (requested.isEmpty()) {
            throw new S3Exception(S3Error.MissingSecurityHeader);
        }
        List<Grant> grants = grants(requested, b.account(), b.account());
        checkOwnership(bucket, grants, b.account());
        configs.put(ctx, bucket, Kind.ACL, policy(b.account(), grants));
    }

    /** The grants a CreateBucket asks for, checked against the ownership it sets; null when it asks for none beyond the owner's. */
    AccessControlPolicy initialBucketAcl(RequestContext ctx, Requested requested, ObjectOwnership ownership) {
        if (requested.isEmpty()) {
            return null;
        }
        List<Grant> grants = grants(requested, ctx.accountId(), ctx.accountId());
        if (CannedAcl.ownerOnly(grants, id(ctx.accountId()))) {
            return null;
        }
        if (ownership == null || ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED) {
            throw new S3Exception(S3Error.InvalidBucketAclWithObjectOwnership);
        }
        return policy(ctx.accountId(), grants);
    }

    AccessControlPolicy objectAcl(ObjectRecord o) {
        return store.objectAcl(o.id()).map(json -> documents.read(json, AccessControlPolicy.class))
                .orElseGet(() -> policy(o.owner(), List.of(ownerGrant(o.owner()))));
    }

    /** Checks the ACL an object write carries before anything is written; null when there is none to store. */
    AccessControlPolicy objectWriteAcl(RequestContext ctx, BucketRecord b, Requested requested) {
        if (requested.isEmpty()) {
            return null;
        }
        List<Grant> grants = grants(requested, ctx.accountId(), b.account());
        checkOwnership(b.name(), grants, ctx.accountId());
        return CannedAcl.ownerOnly(grants, id(ctx.accountId())) ? null : policy(ctx.accountId(), grants);
    }

    void putObjectAcl(BucketRecord b, ObjectRecord o, Requested requested) {
        if (requested.isEmpty()) {
            throw new S3Exception(S3Error.MissingSecurityHeader);
        }
        List<Grant> grants = grants(requested, o.owner(), b.account());
        checkOwnership(b.name(), grants, o.owner());
        store.setObjectAclOfRow(o.id(), documents.write(policy(o.owner(), grants)));
    }

    /** Stores the ACL a write carried on the row that write created (none: the default stays). */
    void storeObjectAcl(long rowId, AccessControlPolicy acl) {
        if (acl != null) {
            store.setObjectAclOfRow(rowId, documents.write(acl));
        }
    }

    private void checkOwnership(String bucket, List<Grant> grants, String owner) {
        boolean enforced = configs.getStored(bucket, Kind.OWNERSHIP, OwnershipControls.class)
                .map(c -> c.rules().stream().anyMatch(r -> r.objectOwnership() == ObjectOwnership.BUCKET_OWNER_ENFORCED)).orElse(false);
        if (enforced && !CannedAcl.ownerOnly(grants, id(owner))) {
            throw new S3Exception(S3Error.AccessControlListNotSupported);
        }
    }

    private List<Grant> grants(Requested requested, String owner, String bucketOwner) {
        boolean headers = requested.grantHeaders().values().stream().anyMatch(v -> v != null && !v.isBlank());
        if (requested.canned() != null && (headers || requested.policy() != null)) {
            throw new S3Exception(S3Error.InvalidRequest, "Specifying both Canned ACLs and Header Grants is not allowed");
        }
        if (requested.canned() != null) {
            return CannedAcl.grants(requested.canned(), id(owner), id(bucketOwner));
        }
        List<Grant> grants = new ArrayList<>();
        if (headers) {
            requested.grantHeaders().forEach((permission, header) -> grants.addAll(CannedAcl.fromHeader(header, permission)));
            return grants;
        }
        for (software.amazon.awssdk.services.s3.model.Grant g : requested.policy().grants()) {
            Grantee who = g.grantee();
            if (who == null || who.type() == null || g.permissionAsString() == null) {
                throw new S3Exception(S3Error.MalformedXML);
            }
            switch (who.type()) {
                case CANONICAL_USER -> grants.add(new Grant("id", who.id(), g.permissionAsString()));
                case GROUP -> grants.add(new Grant("uri", who.uri(), g.permissionAsString()));
                case AMAZON_CUSTOMER_BY_EMAIL -> grants.add(new Grant("emailAddress", who.emailAddress(), g.permissionAsString()));
                default -> throw new S3Exception(S3Error.MalformedXML);
            }
        }
        return grants;
    }

    private static String id(String account) {
        return ListingService.owner(account).id();
    }

    private static Grant ownerGrant(String account) {
        return new Grant("id", id(account), "FULL_CONTROL");
    }

    private static AccessControlPolicy policy(String ownerAccount, List<Grant> grants) {
        Owner owner = ListingService.owner(ownerAccount);
        return AccessControlPolicy.builder().owner(owner).grants(grants.stream().map(g -> software.amazon.awssdk.services.s3.model.Grant
                .builder().permission(g.permission()).grantee(grantee(g)).build()).toList()).build();
    }

    private static Grantee grantee(Grant g) {
        return switch (g.kind()) {
            case "id" -> Grantee.builder().type(Type.CANONICAL_USER).id(g.value()).build();
            case "uri" -> Grantee.builder().type(Type.GROUP).uri(g.value()).build();
            default -> Grantee.builder().type(Type.AMAZON_CUSTOMER_BY_EMAIL).emailAddress(g.value()).build();
        };
    }
}
