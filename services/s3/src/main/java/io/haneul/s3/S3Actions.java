package io.haneul.s3;

import java.util.Map;
import java.util.Set;

/**
 * The IAM action a REST request to S3 asks for, as bucket policies name it ({@code s3:GetObject},
 * {@code s3:ListBucket}, {@code s3:PutBucketPolicy}), read from the method, whether a key is named,
 * and the sub-resource in the query. Covers the operations Haneul serves; a sub-resource without an
 * entry falls back to the method's plain object or bucket action.
 */
final class S3Actions {

    private static final Map<String, String> BUCKET_GET = Map.ofEntries(Map.entry("policy", "GetBucketPolicy"),
            Map.entry("policyStatus", "GetBucketPolicyStatus"), Map.entry("acl", "GetBucketAcl"), Map.entry("tagging", "GetBucketTagging"),
            Map.entry("cors", "GetBucketCORS"), Map.entry("website", "GetBucketWebsite"), Map.entry("versioning", "GetBucketVersioning"),
            Map.entry("location", "GetBucketLocation"), Map.entry("lifecycle", "GetLifecycleConfiguration"),
            Map.entry("encryption", "GetEncryptionConfiguration"), Map.entry("notification", "GetBucketNotification"),
            Map.entry("publicAccessBlock", "GetBucketPublicAccessBlock"), Map.entry("ownershipControls", "GetBucketOwnershipControls"),
            Map.entry("object-lock", "GetBucketObjectLockConfiguration"), Map.entry("logging", "GetBucketLogging"),
            Map.entry("replication", "GetReplicationConfiguration"), Map.entry("uploads", "ListBucketMultipartUploads"),
            Map.entry("versions", "ListBucketVersions"));
    private static final Map<String, String> BUCKET_PUT = Map.ofEntries(Map.entry("policy", "PutBucketPolicy"),
            Map.entry("acl", "PutBucketAcl"), Map.entry("tagging", "PutBucketTagging"), Map.entry("cors", "PutBucketCORS"),
            Map.entry("website", "PutBucketWebsite"), Map.entry("versioning", "PutBucketVersioning"),
            Map.entry("lifecycle", "PutLifecycleConfiguration"), Map.entry("encryption", "PutEncryptionConfiguration"),
            Map.entry("notification", "PutBucketNotification"), Map.entry("publicAccessBlock", "PutBucketPublicAccessBlock"),
            Map.entry("ownershipControls", "PutBucketOwnershipControls"), Map.entry("object-lock", "PutBucketObjectLockConfiguration"),
            Map.entry("logging", "PutBucketLogging"), Map.entry("replication", "PutReplicationConfiguration"));
    private static final Map<String, String> BUCKET_DELETE = Map.of("policy", "DeleteBucketPolicy", "website", "DeleteBucketWebsite",
            "tagging", "PutBucketTagging", "cors", "PutBucketCORS", "lifecycle", "PutLifecycleConfiguration",
            "encryption", "PutEncryptionConfiguration", "publicAccessBlock", "PutBucketPublicAccessBlock",
            "ownershipControls", "PutBucketOwnershipControls", "replication", "PutReplicationConfiguration");
    private static final Map<String, String> OBJECT_GET = Map.of("acl", "GetObjectAcl", "tagging", "GetObjectTagging",
            "attributes", "GetObjectAttributes", "retention", "GetObjectRetention", "legal-hold", "GetObjectLegalHold",
            "uploadId", "ListMultipartUploadParts");
    private static final Map<String, String> OBJECT_PUT = Map.of("acl", "PutObjectAcl", "tagging", "PutObjectTagging",
            "retention", "PutObjectRetention", "legal-hold", "PutObjectLegalHold");
    private static final Map<String, String> OBJECT_DELETE = Map.of("uploadId", "AbortMultipartUpload", "tagging", "DeleteObjectTagging");
    private static final Map<String, String> OBJECT_POST = Map.of("restore", "RestoreObject", "select", "GetObject");

    /** The bucket-policy actions a bucket's owner may always perform, so that a policy can never lock its owner out. */
    static final Set<String> OWNER_ALWAYS = Set.of("s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy");

    private S3Actions() {
    }

    /**
     * @param method the HTTP method
     * @param hasKey whether the request names an object
     * @param query  the query's parameter names
     */
    static String of(String method, boolean hasKey, Set<String> query) {
        String name = hasKey ? objectAction(method, query) : bucketAction(method, query);
        return "s3:" + name;
    }

    private static String objectAction(String method, Set<String> query) {
        return switch (method) {
            case "GET", "HEAD" -> pick(OBJECT_GET, query, query.contains("versionId") ? "GetObjectVersion" : "GetObject");
            case "PUT" -> pick(OBJECT_PUT, query, "PutObject");
            case "DELETE" -> pick(OBJECT_DELETE, query, query.contains("versionId") ? "DeleteObjectVersion" : "DeleteObject");
            default -> pick(OBJECT_POST, query, "PutObject");
        };
    }

    private static String bucketAction(String method, Set<String> query) {
        return switch (method) {
            case "GET", "HEAD" -> pick(BUCKET_GET, query, "ListBucket");
            case "PUT" -> pick(BUCKET_PUT, query, "CreateBucket");
            case "DELETE" -> pick(BUCKET_DELETE, query, "DeleteBucket");
            default -> query.contains("delete") ? "DeleteObject" : "PutObject";
        };
    }

    private static String pick(Map<String, String> bySubresource, Set<String> query, String otherwise) {
        for (String q : query) {
            String action = bySubresource.get(q);
            if (action != null) {
                return action;
            }
        }
        return otherwise;
    }
}
