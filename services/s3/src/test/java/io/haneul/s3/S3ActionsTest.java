package io.haneul.s3;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class S3ActionsTest {

    @Test
    void objectRequestsNameObjectActions() {
        assertEquals("s3:GetObject", S3Actions.of("GET", true, Set.of()));
        assertEquals("s3:GetObject", S3Actions.of("HEAD", true, Set.of()));
        assertEquals("s3:GetObjectVersion", S3Actions.of("GET", true, Set.of("versionId")));
        assertEquals("s3:PutObject", S3Actions.of("PUT", true, Set.of("partNumber", "uploadId")));
        assertEquals("s3:PutObjectAcl", S3Actions.of("PUT", true, Set.of("acl")));
        assertEquals("s3:DeleteObject", S3Actions.of("DELETE", true, Set.of()));
        assertEquals("s3:AbortMultipartUpload", S3Actions.of("DELETE", true, Set.of("uploadId")));
        assertEquals("s3:RestoreObject", S3Actions.of("POST", true, Set.of("restore")));
    }

    @Test
    void bucketRequestsNameBucketActions() {
        assertEquals("s3:ListBucket", S3Actions.of("GET", false, Set.of("list-type", "prefix")));
        assertEquals("s3:ListBucketVersions", S3Actions.of("GET", false, Set.of("versions")));
        assertEquals("s3:GetBucketPolicy", S3Actions.of("GET", false, Set.of("policy")));
        assertEquals("s3:PutBucketPolicy", S3Actions.of("PUT", false, Set.of("policy")));
        assertEquals("s3:DeleteBucketPolicy", S3Actions.of("DELETE", false, Set.of("policy")));
        assertEquals("s3:CreateBucket", S3Actions.of("PUT", false, Set.of()));
        assertEquals("s3:DeleteBucket", S3Actions.of("DELETE", false, Set.of()));
        assertEquals("s3:DeleteObject", S3Actions.of("POST", false, Set.of("delete")));
    }
}
