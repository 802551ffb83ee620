package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ObjectStorage.ObjectInfo;
import io.haneul.core.spi.ObjectStorage.ObjectStorageException;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/** The ObjectStorage export other services read and write S3 through (Transcoder inputs, SageMaker channels, SES mail). */
class S3ObjectStorageTest {

    static final String OWNER = "111111111111";
    @TempDir
    Path dir;
    Database db;
    S3Provider provider;
    ObjectStorage storage;

    @BeforeEach
    void start() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        S3Module module = new S3Module();
        Map<Class<?>, Supplier<?>> components = Map.of(Database.class, () -> db);
        provider = (S3Provider) module.provider("s3-2006-03-01",
                new ServiceEnvironment(Clock.systemUTC(), components, Map.of("data-dir", dir.toString())));
        storage = (ObjectStorage) module.export(ObjectStorage.class, provider).orElseThrow();
        provider.createBucket(ctx(OWNER), CreateBucketRequest.builder().bucket("media").build());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    static RequestContext ctx(String account) {
        return new RequestContext(account, "us-east-1", "req", "AKID", "localhost:4566", "http", Instant.now());
    }

    static String quotedMd5(byte[] data) throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"";
    }

    @Test
    void streamsInAndOut() throws Exception {
        byte[] video = new byte[3 * 1024 * 1024 + 7];
        new Random(1).nextBytes(video);
        String etag = storage.putObject(OWNER, "us-east-1", "media", "in/clip.mp4", new ByteArrayInputStream(video), "video/mp4",
                Map.of("source", "camera"));
        assertEquals(quotedMd5(video), etag);

        ObjectInfo head = storage.headObject(OWNER, "media", "in/clip.mp4").orElseThrow();
        assertEquals(video.length, head.size());
        assertEquals("video/mp4", head.contentType());
        assertEquals(Map.of("source", "camera"), head.metadata());
        try (ObjectStorage.StoredObject o = storage.getObject(OWNER, "media", "in/clip.mp4"); InputStream in = o.content()) {
            assertEquals(etag, o.info().etag());
            assertArrayEquals(video, in.readAllBytes());
        }
        storage.putObject(OWNER, "us-east-1", "media", "plain", "text".getBytes(), null);
        assertEquals("binary/octet-stream", storage.headObject(OWNER, "media", "plain").orElseThrow().contentType());
    }

    @Test
    void listsInKeyOrderPageByPage() {
        for (String key : List.of("train/b.csv", "train/a.csv", "train/c/d.csv", "test/x.csv", "train0")) {
            storage.putObject(OWNER, "us-east-1", "media", key, key.getBytes(), "text/csv");
        }
        List<ObjectInfo> first = storage.listObjects(OWNER, "media", "train/", null, 2);
        assertEquals(List.of("train/a.csv", "train/b.csv"), first.stream().map(ObjectInfo::key).toList());
        List<ObjectInfo> rest = storage.listObjects(OWNER, "media", "train/", first.getLast().key(), 2);
        assertEquals(List.of("train/c/d.csv"), rest.stream().map(ObjectInfo::key).toList());
        assertEquals(5, storage.listObjects(OWNER, "media", "", null, 1000).size());
        assertEquals("InvalidArgument", assertThrows(ObjectStorageException.class,
                () -> storage.listObjects(OWNER, "media", "", null, 0)).code());
    }

    @Test
    void errorsCarryS3Codes() {
        assertEquals("NoSuchBucket", assertThrows(ObjectStorageException.class,
                () -> storage.getObject(OWNER, "nope-bucket", "k")).code());
        assertEquals("AccessDenied", assertThrows(ObjectStorageException.class,
                () -> storage.headObject("222222222222", "media", "k")).code());
        assertEquals("NoSuchKey", assertThrows(ObjectStorageException.class,
                () -> storage.getObject(OWNER, "media", "missing")).code());
        assertTrue(storage.headObject(OWNER, "media", "missing").isEmpty());
    }

    @Test
    void deleteMarkersHideObjects() {
        provider.putBucketVersioning(ctx(OWNER), PutBucketVersioningRequest.builder().bucket("media")
                .versioningConfiguration(v -> v.status("Enabled")).build());
        storage.putObject(OWNER, "us-east-1", "media", "gone", "x".getBytes(), null);
        provider.deleteObject(ctx(OWNER), DeleteObjectRequest.builder().bucket("media").key("gone").build());
        assertTrue(storage.headObject(OWNER, "media", "gone").isEmpty());
        assertEquals("NoSuchKey", assertThrows(ObjectStorageException.class, () -> storage.getObject(OWNER, "media", "gone")).code());
        assertTrue(storage.listObjects(OWNER, "media", "", null, 10).isEmpty());
    }

    @Test
    void objectAclsAreReplacedByExactlyTheGrantsGiven() {
        provider.createBucket(ctx(OWNER), CreateBucketRequest.builder().bucket("shared")
                .objectOwnership(software.amazon.awssdk.services.s3.model.ObjectOwnership.BUCKET_OWNER_PREFERRED).build());
        storage.putObject(OWNER, "us-east-1", "shared", "out.mp4", "video".getBytes(), "video/mp4");
        storage.putObjectAcl(OWNER, "shared", "out.mp4", List.of(
                new ObjectStorage.Grant(ObjectStorage.GranteeType.GROUP, "http://acs.amazonaws.com/groups/global/AllUsers", "READ"),
                new ObjectStorage.Grant(ObjectStorage.GranteeType.EMAIL, "media@example.com", "FULL_CONTROL")));
        var acl = provider.getObjectAcl(ctx(OWNER), software.amazon.awssdk.services.s3.model.GetObjectAclRequest.builder()
                .bucket("shared").key("out.mp4").build());
        assertEquals(List.of("http://acs.amazonaws.com/groups/global/AllUsers READ", "media@example.com FULL_CONTROL"),
                acl.grants().stream().map(g -> (g.grantee().uri() != null ? g.grantee().uri() : g.grantee().emailAddress())
                        + " " + g.permissionAsString()).toList());

        // the default ownership (BucketOwnerEnforced) disables ACLs
        storage.putObject(OWNER, "us-east-1", "media", "out.mp4", "video".getBytes(), "video/mp4");
        ObjectStorageException e = assertThrows(ObjectStorageException.class, () -> storage.putObjectAcl(OWNER, "media", "out.mp4",
                List.of(new ObjectStorage.Grant(ObjectStorage.GranteeType.CANONICAL_USER, "abc", "READ"))));
        assertEquals("AccessControlListNotSupported", e.code());
    }

    @Test
    void writesAskForServerSideEncryption() {
        storage.putObject(OWNER, "us-east-1", "media", "kms.mp4", new ByteArrayInputStream("video".getBytes()), "video/mp4", Map.of(),
                new ObjectStorage.ServerSideEncryption("aws:kms", "arn:aws:kms:us-east-1:111111111111:key/k1"));
        var head = provider.headObject(ctx(OWNER), software.amazon.awssdk.services.s3.model.HeadObjectRequest.builder()
                .bucket("media").key("kms.mp4").build());
        assertEquals("aws:kms", head.serverSideEncryptionAsString());
        assertEquals("arn:aws:kms:us-east-1:111111111111:key/k1", head.ssekmsKeyId());
    }

    @Test
    void writesAskForAStorageClass() {
        storage.putObject(OWNER, "us-east-1", "media", "rr.mp4", new ByteArrayInputStream("video".getBytes()), "video/mp4", Map.of(),
                null, "REDUCED_REDUNDANCY");
        var head = provider.headObject(ctx(OWNER), software.amazon.awssdk.services.s3.model.HeadObjectRequest.builder()
                .bucket("media").key("rr.mp4").build());
        assertEquals("REDUCED_REDUNDANCY", head.storageClassAsString());

        storage.putObject(OWNER, "us-east-1", "media", "std.mp4", new ByteArrayInputStream("video".getBytes()), "video/mp4", Map.of(),
                null, null);
        assertNull(provider.headObject(ctx(OWNER), software.amazon.awssdk.services.s3.model.HeadObjectRequest.builder()
                .bucket("media").key("std.mp4").build()).storageClassAsString()); // S3 leaves STANDARD out

        ObjectStorageException e = assertThrows(ObjectStorageException.class, () -> storage.putObject(OWNER, "us-east-1", "media",
                "x.mp4", new ByteArrayInputStream("video".getBytes()), "video/mp4", Map.of(), null, "EXPRESS_ONEZONE"));
        assertEquals("InvalidStorageClass", e.code());
        assertTrue(storage.headObject(OWNER, "media", "x.mp4").isEmpty());
    }
}
