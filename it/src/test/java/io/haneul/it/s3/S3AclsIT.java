package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

import java.util.List;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Bucket and object ACLs through the SDK v2: canned ACLs, grant headers and AccessControlPolicy
 * bodies round-trip; BucketOwnerEnforced (the default) refuses anything beyond the owner, as AWS does.
 */
class S3AclsIT {

    static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    static TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        s3 = S3Clients.client(server, S3Clients.ACCOUNT_A);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        server.close();
    }

    static boolean grants(List<Grant> grants, String uri, Permission permission) {
        return grants.stream().anyMatch(g -> uri.equals(g.grantee().uri()) && g.permission() == permission);
    }

    @Test
    void ownerEnforcedBucketsRefuseAclsBeyondTheOwner() {
        String b = S3Clients.bucket("acl-enforced");
        s3.createBucket(r -> r.bucket(b));
        GetBucketAclResponse acl = s3.getBucketAcl(r -> r.bucket(b));
        assertEquals(1, acl.grants().size());
        assertEquals(Permission.FULL_CONTROL, acl.grants().getFirst().permission());
        assertEquals(acl.owner().id(), acl.grants().getFirst().grantee().id());

        expectError("AccessControlListNotSupported", 400, () -> s3.putBucketAcl(r -> r.bucket(b).acl(BucketCannedACL.PUBLIC_READ)));
        expectError("AccessControlListNotSupported", 400, () -> s3.putObject(r -> r.bucket(b).key("k").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")));
        expectError("NoSuchKey", 404, () -> s3.headObject(r -> r.bucket(b).key("k")));
        s3.putObject(r -> r.bucket(b).key("k").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("x"));
        s3.putBucketAcl(r -> r.bucket(b).acl(BucketCannedACL.PRIVATE));
        expectError("MissingSecurityHeader", 400, () -> s3.putBucketAcl(r -> r.bucket(b)));
        expectError("InvalidBucketAclWithObjectOwnership", 400, () -> s3.createBucket(r -> r.bucket(S3Clients.bucket("acl-new"))
                .acl(BucketCannedACL.PUBLIC_READ)));
    }

    @Test
    void aclsRoundTripWhereOwnershipAllowsThem() {
        String b = S3Clients.bucket("acl-writer");
        s3.createBucket(r -> r.bucket(b).objectOwnership(ObjectOwnership.OBJECT_WRITER).acl(BucketCannedACL.PUBLIC_READ));
        assertTrue(grants(s3.getBucketAcl(r -> r.bucket(b)).grants(), ALL_USERS, Permission.READ), "the ACL sent with CreateBucket");
        s3.putBucketAcl(r -> r.bucket(b).grantRead("uri=\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\"")
                .grantFullControl("id=\"" + s3.getBucketAcl(x -> x.bucket(b)).owner().id() + "\""));
        List<Grant> byHeaders = s3.getBucketAcl(r -> r.bucket(b)).grants();
        assertTrue(grants(byHeaders, "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", Permission.READ), byHeaders::toString);
        assertFalse(grants(byHeaders, ALL_USERS, Permission.READ), "a new ACL replaces the old one");

        s3.putObject(r -> r.bucket(b).key("public").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x"));
        assertTrue(grants(s3.getObjectAcl(r -> r.bucket(b).key("public")).grants(), ALL_USERS, Permission.READ));
        s3.putObject(r -> r.bucket(b).key("public"), RequestBody.fromString("y"));
        assertFalse(grants(s3.getObjectAcl(r -> r.bucket(b).key("public")).grants(), ALL_USERS, Permission.READ),
                "an overwrite without an ACL is private again");

        GetObjectAclResponse current = s3.getObjectAcl(r -> r.bucket(b).key("public"));
        s3.putObjectAcl(r -> r.bucket(b).key("public").accessControlPolicy(p -> p.owner(current.owner()).grants(
                Grant.builder().grantee(g -> g.type(Type.CANONICAL_USER).id(current.owner().id())).permission(Permission.FULL_CONTROL).build(),
                Grant.builder().grantee(g -> g.type(Type.GROUP).uri(ALL_USERS)).permission(Permission.READ_ACP).build())));
        assertTrue(grants(s3.getObjectAcl(r -> r.bucket(b).key("public")).grants(), ALL_USERS, Permission.READ_ACP));

        s3.copyObject(r -> r.sourceBucket(b).sourceKey("public").destinationBucket(b).destinationKey("copy")
                .acl(ObjectCannedACL.PUBLIC_READ_WRITE));
        List<Grant> copied = s3.getObjectAcl(r -> r.bucket(b).key("copy")).grants();
        assertTrue(grants(copied, ALL_USERS, Permission.WRITE), copied::toString);
        expectError("InvalidRequest", 400, () -> s3.putObjectAcl(r -> r.bucket(b).key("copy").acl(ObjectCannedACL.PRIVATE)
                .grantRead("uri=\"" + ALL_USERS + "\"")));
        expectError("NoSuchKey", 404, () -> s3.putObjectAcl(r -> r.bucket(b).key("missing").acl(ObjectCannedACL.PRIVATE)));
    }
}
