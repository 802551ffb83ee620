package io.haneul.it.s3;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Objects through the AWS SDK for Java v2 (which sends aws-chunked bodies with a CRC32 trailer by
 * default): put/get/head/delete, metadata and content headers, ranges, conditional requests, copies,
 * tags, checksums, DeleteObjects, listings.
 */
class S3ObjectsSdkV2IT {

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

    static String newBucket() {
        String b = S3Clients.bucket("obj");
        s3.createBucket(r -> r.bucket(b));
        return b;
    }

    static String md5Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    /** A signed upload whose content type is a form's is still an object upload: every byte kept. */
    @Test
    void formContentTypeUploadKeepsItsBytes() {
        String b = newBucket();
        s3.putObject(r -> r.bucket(b).key("form").contentType("application/x-www-form-urlencoded"), RequestBody.fromString("x=1&y=2"));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket(b).key("form"));
        assertEquals("x=1&y=2", got.asUtf8String());
        assertEquals("application/x-www-form-urlencoded", got.response().contentType());
    }

    @Test
    void putGetHeadDeleteWithMetadataAndContentHeaders() throws Exception {
        String b = newBucket();
        byte[] data = "hello, haneul".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = s3.putObject(r -> r.bucket(b).key("a/b c+d.txt").contentType("text/plain")
                .cacheControl("max-age=60").contentDisposition("inline").contentLanguage("ko")
                .metadata(Map.of("color", "blue", "Owner-Name", "kim")), RequestBody.fromBytes(data));
        assertEquals("\"" + md5Hex(data) + "\"", put.eTag());
        assertNull(put.versionId(), "no version id in a bucket that never had versioning");

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket(b).key("a/b c+d.txt"));
        assertArrayEquals(data, got.asByteArray());
        GetObjectResponse g = got.response();
        assertEquals("text/plain", g.contentType());
        assertEquals("max-age=60", g.cacheControl());
        assertEquals("inline", g.contentDisposition());
        assertEquals("ko", g.contentLanguage());
        assertEquals(Map.of("color", "blue", "owner-name", "kim"), g.metadata());
        assertEquals(put.eTag(), g.eTag());
        assertEquals((long) data.length, g.contentLength());

        HeadObjectResponse h = s3.headObject(r -> r.bucket(b).key("a/b c+d.txt"));
        assertEquals((long) data.length, h.contentLength());
        assertEquals(put.eTag(), h.eTag());
        assertEquals("bytes", h.acceptRanges());

        s3.deleteObject(r -> r.bucket(b).key("a/b c+d.txt"));
        NoSuchKeyException e = assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("a/b c+d.txt")));
        assertEquals(404, e.statusCode());
        expectError(null, 404, () -> s3.headObject(r -> r.bucket(b).key("a/b c+d.txt")));
    }

    @Test
    void emptyAndUnicodeKeysAndDefaultContentType() {
        String b = newBucket();
        s3.putObject(r -> r.bucket(b).key("한글/키 ✓"), RequestBody.empty());
        HeadObjectResponse h = s3.headObject(r -> r.bucket(b).key("한글/키 ✓"));
        assertEquals(0L, h.contentLength());
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", h.eTag());
        assertEquals(0, s3.getObjectAsBytes(r -> r.bucket(b).key("한글/키 ✓")).asByteArray().length);
    }

    @Test
    void rangesAnswer206WithContentRange() {
        String b = newBucket();
        byte[] data = new byte[10_000];
        new Random(1).nextBytes(data);
        s3.putObject(r -> r.bucket(b).key("r"), RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(r -> r.bucket(b).key("r").range("bytes=100-199"));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 200), part.asByteArray());
        assertEquals("bytes 100-199/10000", part.response().contentRange());
        ResponseBytes<GetObjectResponse> suffix = s3.getObjectAsBytes(r -> r.bucket(b).key("r").range("bytes=-10"));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 9990, 10000), suffix.asByteArray());
        ResponseBytes<GetObjectResponse> open = s3.getObjectAsBytes(r -> r.bucket(b).key("r").range("bytes=9000-"));
        assertEquals(1000, open.asByteArray().length);
        ResponseBytes<GetObjectResponse> clipped = s3.getObjectAsBytes(r -> r.bucket(b).key("r").range("bytes=9990-20000"));
        assertEquals("bytes 9990-9999/10000", clipped.response().contentRange());
        expectError("InvalidRange", 416, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("r").range("bytes=10000-")));
    }

    @Test
    void conditionalReads() {
        String b = newBucket();
        String etag = s3.putObject(r -> r.bucket(b).key("c"), RequestBody.fromString("x")).eTag();
        assertEquals(1, s3.getObjectAsBytes(r -> r.bucket(b).key("c").ifMatch(etag)).asByteArray().length);
        expectError("PreconditionFailed", 412, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("c").ifMatch("\"nope\"")));
        expectError(null, 304, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("c").ifNoneMatch(etag)));
        Instant later = Instant.now().plusSeconds(3600);
        expectError(null, 304, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("c").ifModifiedSince(later)));
        Instant earlier = Instant.now().minusSeconds(3600);
        expectError(null, 412, () -> s3.headObject(r -> r.bucket(b).key("c").ifUnmodifiedSince(earlier)));
        expectError("PreconditionFailed", 412, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("c").ifUnmodifiedSince(earlier)));
        assertEquals(1, s3.getObjectAsBytes(r -> r.bucket(b).key("c").ifModifiedSince(earlier)).asByteArray().length);
        // If-Match true wins over If-Unmodified-Since false; If-None-Match false wins over If-Modified-Since
        assertEquals(1, s3.getObjectAsBytes(r -> r.bucket(b).key("c").ifMatch(etag).ifUnmodifiedSince(earlier)).asByteArray().length);
        expectError(null, 304, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("c").ifNoneMatch(etag).ifModifiedSince(earlier)));
    }

    @Test
    void objectAttributesAnswerWhatIsAsked() {
        String b = newBucket();
        PutObjectResponse put = s3.putObject(r -> r.bucket(b).key("attrs").checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .storageClass(StorageClass.STANDARD_IA), RequestBody.fromString("attributes"));
        GetObjectAttributesResponse all = s3.getObjectAttributes(r -> r.bucket(b).key("attrs").objectAttributes(ObjectAttributes.E_TAG,
                ObjectAttributes.OBJECT_SIZE, ObjectAttributes.STORAGE_CLASS, ObjectAttributes.CHECKSUM));
        assertEquals(put.eTag().replace("\"", ""), all.eTag(), "no quotes in this API");
        assertEquals(10L, all.objectSize());
        assertEquals(StorageClass.STANDARD_IA, all.storageClass());
        assertEquals(put.checksumSHA256(), all.checksum().checksumSHA256());
        assertNotNull(all.lastModified());
        GetObjectAttributesResponse sizeOnly = s3.getObjectAttributes(r -> r.bucket(b).key("attrs").objectAttributes(ObjectAttributes.OBJECT_SIZE));
        assertNull(sizeOnly.eTag());
        assertEquals(10L, sizeOnly.objectSize());
        expectError("NoSuchKey", 404, () -> s3.getObjectAttributes(r -> r.bucket(b).key("missing").objectAttributes(ObjectAttributes.E_TAG)));
    }

    @Test
    void archivedObjectsNeedARestoreBeforeReads() {
        String b = newBucket();
        s3.putObject(r -> r.bucket(b).key("cold").storageClass(StorageClass.GLACIER), RequestBody.fromString("frozen"));
        s3.putObject(r -> r.bucket(b).key("instant").storageClass(StorageClass.GLACIER_IR), RequestBody.fromString("quick"));
        s3.putObject(r -> r.bucket(b).key("warm"), RequestBody.fromString("x"));
        HeadObjectResponse head = s3.headObject(r -> r.bucket(b).key("cold"));
        assertEquals(StorageClass.GLACIER, head.storageClass());
        assertNull(head.restore());
        expectError("InvalidObjectState", 403, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("cold")));
        expectError("InvalidObjectState", 403, () -> s3.copyObject(r -> r.sourceBucket(b).sourceKey("cold").destinationBucket(b)
                .destinationKey("copy")));
        assertEquals("quick", s3.getObjectAsBytes(r -> r.bucket(b).key("instant")).asUtf8String(), "Glacier Instant Retrieval reads directly");

        RestoreObjectResponse started = s3.restoreObject(r -> r.bucket(b).key("cold").restoreRequest(q -> q.days(2)
                .glacierJobParameters(j -> j.tier(Tier.STANDARD))));
        assertEquals(202, started.sdkHttpResponse().statusCode());
        assertTrue(s3.headObject(r -> r.bucket(b).key("cold")).restore().startsWith("ongoing-request=\"false\", expiry-date="));
        assertEquals("frozen", s3.getObjectAsBytes(r -> r.bucket(b).key("cold")).asUtf8String());
        assertEquals(200, s3.restoreObject(r -> r.bucket(b).key("cold").restoreRequest(q -> q.days(5))).sdkHttpResponse().statusCode(),
                "a repeat extends the restored copy");
        expectError("InvalidObjectState", 403, () -> s3.restoreObject(r -> r.bucket(b).key("warm").restoreRequest(q -> q.days(1))));
        s3.copyObject(r -> r.sourceBucket(b).sourceKey("cold").destinationBucket(b).destinationKey("thawed").storageClass(StorageClass.STANDARD));
        assertNull(s3.headObject(r -> r.bucket(b).key("thawed")).restore(), "a copy does not inherit the restore");
    }

    @Test
    void serverSideEncryptionIsReportedAndCustomerKeysAreRequired() throws Exception {
        String b = newBucket();
        assertEquals(ServerSideEncryption.AES256, s3.putObject(r -> r.bucket(b).key("plain"), RequestBody.fromString("x")).serverSideEncryption());
        assertEquals(ServerSideEncryption.AES256, s3.headObject(r -> r.bucket(b).key("plain")).serverSideEncryption(), "SSE-S3 by default");
        s3.putObject(r -> r.bucket(b).key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("alias/app")
                .bucketKeyEnabled(true), RequestBody.fromString("x"));
        HeadObjectResponse kms = s3.headObject(r -> r.bucket(b).key("kms"));
        assertEquals(ServerSideEncryption.AWS_KMS, kms.serverSideEncryption());
        assertEquals("alias/app", kms.ssekmsKeyId());
        assertTrue(kms.bucketKeyEnabled());
        s3.putBucketEncryption(r -> r.bucket(b).serverSideEncryptionConfiguration(c -> c.rules(ServerSideEncryptionRule.builder()
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("alias/default")).build())));
        assertEquals("alias/default", s3.putObject(r -> r.bucket(b).key("by-default"), RequestBody.fromString("x")).ssekmsKeyId(),
                "the bucket's default encryption");

        byte[] key = new byte[32];
        new Random(9).nextBytes(key);
        String key64 = java.util.Base64.getEncoder().encodeToString(key);
        String md5 = java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
        PutObjectResponse put = s3.putObject(r -> r.bucket(b).key("secret").sseCustomerAlgorithm("AES256").sseCustomerKey(key64)
                .sseCustomerKeyMD5(md5), RequestBody.fromString("classified"));
        assertEquals("AES256", put.sseCustomerAlgorithm());
        assertEquals(md5, put.sseCustomerKeyMD5());
        expectError("InvalidRequest", 400, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("secret")));
        byte[] other = new byte[32];
        String other64 = java.util.Base64.getEncoder().encodeToString(other);
        String otherMd5 = java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(other));
        expectError("AccessDenied", 403, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(other64).sseCustomerKeyMD5(otherMd5)));
        assertEquals("classified", s3.getObjectAsBytes(r -> r.bucket(b).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key64).sseCustomerKeyMD5(md5)).asUtf8String());
        expectError("InvalidRequest", 400, () -> s3.copyObject(r -> r.sourceBucket(b).sourceKey("secret").destinationBucket(b)
                .destinationKey("copy")));
        s3.copyObject(r -> r.sourceBucket(b).sourceKey("secret").destinationBucket(b).destinationKey("copy")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(key64).copySourceSSECustomerKeyMD5(md5));
        assertEquals("classified", s3.getObjectAsBytes(r -> r.bucket(b).key("copy")).asUtf8String(), "the copy has its own encryption");
        String upload = s3.createMultipartUpload(r -> r.bucket(b).key("secret-mpu").sseCustomerAlgorithm("AES256").sseCustomerKey(key64)
                .sseCustomerKeyMD5(md5)).uploadId();
        expectError("InvalidRequest", 400, () -> s3.uploadPart(r -> r.bucket(b).key("secret-mpu").uploadId(upload).partNumber(1),
                RequestBody.fromString("part")));
        s3.uploadPart(r -> r.bucket(b).key("secret-mpu").uploadId(upload).partNumber(1).sseCustomerAlgorithm("AES256").sseCustomerKey(key64)
                .sseCustomerKeyMD5(md5), RequestBody.fromString("part"));
        expectError("InvalidArgument", 400, () -> s3.putObject(r -> r.bucket(b).key("short").sseCustomerAlgorithm("AES256")
                .sseCustomerKey("c2hvcnQ=").sseCustomerKeyMD5("x"), RequestBody.fromString("x")));
    }

    /** What `curl -d` does to a signed POST: a form content type on an XML body; S3 still reads the document. */
    @Test
    void aSignedPostWithAFormContentTypeIsStillAnXmlRequest() {
        String b = newBucket();
        s3.putObject(r -> r.bucket(b).key("gone"), RequestBody.fromString("x"));
        DeleteObjectsResponse deleted = s3.deleteObjects(r -> r.bucket(b).delete(d -> d.objects(o -> o.key("gone")))
                .overrideConfiguration(o -> o.putHeader("Content-Type", "application/x-www-form-urlencoded")));
        assertEquals("gone", deleted.deleted().getFirst().key());
        expectError("NoSuchKey", 404, () -> s3.headObject(r -> r.bucket(b).key("gone")));
    }

    @Test
    void conditionalWrites() {
        String b = newBucket();
        s3.putObject(r -> r.bucket(b).key("w").ifNoneMatch("*"), RequestBody.fromString("first"));
        expectError("PreconditionFailed", 412, () -> s3.putObject(r -> r.bucket(b).key("w").ifNoneMatch("*"),
                RequestBody.fromString("second")));
        String etag = s3.headObject(r -> r.bucket(b).key("w")).eTag();
        expectError("PreconditionFailed", 412, () -> s3.putObject(r -> r.bucket(b).key("w").ifMatch("\"0123\""),
                RequestBody.fromString("third")));
        s3.putObject(r -> r.bucket(b).key("w").ifMatch(etag), RequestBody.fromString("fourth"));
        assertEquals("fourth", s3.getObjectAsBytes(r -> r.bucket(b).key("w")).asUtf8String());
    }

    @Test
    void checksumsAreVerifiedStoredAndReturnedWhenAsked() {
        String b = newBucket();
        for (ChecksumAlgorithm a : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1,
                ChecksumAlgorithm.SHA256)) {
            String key = "sum-" + a;
            PutObjectResponse put = s3.putObject(r -> r.bucket(b).key(key).checksumAlgorithm(a), RequestBody.fromString("checksummed"));
            String sent = switch (a) {
                case CRC32 -> put.checksumCRC32();
                case CRC32_C -> put.checksumCRC32C();
                case SHA1 -> put.checksumSHA1();
                case SHA256 -> put.checksumSHA256();
                default -> put.checksumCRC64NVME();
            };
            assertNotNull(sent, a + " echoed on put");
            HeadObjectResponse h = s3.headObject(r -> r.bucket(b).key(key).checksumMode(ChecksumMode.ENABLED));
            String stored = switch (a) {
                case CRC32 -> h.checksumCRC32();
                case CRC32_C -> h.checksumCRC32C();
                case SHA1 -> h.checksumSHA1();
                case SHA256 -> h.checksumSHA256();
                default -> h.checksumCRC64NVME();
            };
            assertEquals(sent, stored, a + " returned when asked");
            assertEquals(ChecksumType.FULL_OBJECT, h.checksumType());
            // the SDK validates the body against the returned checksum
            assertEquals("checksummed", s3.getObjectAsBytes(r -> r.bucket(b).key(key).checksumMode(ChecksumMode.ENABLED)).asUtf8String());
        }
        assertNull(s3.headObject(r -> r.bucket(b).key("sum-CRC32")).checksumCRC32(), "not returned unless asked");
        expectError("BadDigest", 400, () -> s3.putObject(r -> r.bucket(b).key("bad").checksumCRC32("AAAAAA=="),
                RequestBody.fromString("data")));
        expectError("BadDigest", 400, () -> s3.putObject(r -> r.bucket(b).key("bad").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="),
                RequestBody.fromString("data")));
        expectError("NoSuchKey", 404, () -> s3.headObject(r -> r.bucket(b).key("bad")));
    }

    @Test
    void copyObjectWithMetadataDirective() {
        String b = newBucket();
        String other = newBucket();
        s3.putObject(r -> r.bucket(b).key("src").contentType("text/plain").metadata(Map.of("k", "v")).tagging("t=1"),
                RequestBody.fromString("copy me"));
        CopyObjectResponse c = s3.copyObject(r -> r.sourceBucket(b).sourceKey("src").destinationBucket(other).destinationKey("dst"));
        assertEquals(s3.headObject(r -> r.bucket(b).key("src")).eTag(), c.copyObjectResult().eTag());
        HeadObjectResponse copied = s3.headObject(r -> r.bucket(other).key("dst"));
        assertEquals("text/plain", copied.contentType());
        assertEquals(Map.of("k", "v"), copied.metadata());
        assertEquals("copy me", s3.getObjectAsBytes(r -> r.bucket(other).key("dst")).asUtf8String());
        assertEquals(List.of(Tag.builder().key("t").value("1").build()),
                s3.getObjectTagging(r -> r.bucket(other).key("dst")).tagSet());

        s3.copyObject(r -> r.sourceBucket(b).sourceKey("src").destinationBucket(b).destinationKey("src")
                .metadataDirective(MetadataDirective.REPLACE).contentType("application/json").metadata(Map.of("n", "2")));
        HeadObjectResponse replaced = s3.headObject(r -> r.bucket(b).key("src"));
        assertEquals("application/json", replaced.contentType());
        assertEquals(Map.of("n", "2"), replaced.metadata());
        expectError("InvalidRequest", 400, () -> s3.copyObject(r -> r.sourceBucket(b).sourceKey("src").destinationBucket(b)
                .destinationKey("src")));
        expectError("NoSuchKey", 404, () -> s3.copyObject(r -> r.sourceBucket(b).sourceKey("missing").destinationBucket(b)
                .destinationKey("x")));
        String etag = replaced.eTag();
        expectError("PreconditionFailed", 412, () -> s3.copyObject(r -> r.sourceBucket(b).sourceKey("src").destinationBucket(b)
                .destinationKey("y").copySourceIfNoneMatch(etag)));
        // deleting the source leaves the copy (copies share no file)
        s3.deleteObject(r -> r.bucket(b).key("src"));
        assertEquals("copy me", s3.getObjectAsBytes(r -> r.bucket(other).key("dst")).asUtf8String());
    }

    @Test
    void objectTagging() {
        String b = newBucket();
        s3.putObject(r -> r.bucket(b).key("t").tagging("a=1&b=two%20words"), RequestBody.fromString("x"));
        assertEquals(2, s3.getObjectAsBytes(r -> r.bucket(b).key("t")).response().tagCount());
        List<Tag> tags = s3.getObjectTagging(r -> r.bucket(b).key("t")).tagSet();
        assertEquals(List.of(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("two words").build()), tags);
        s3.putObjectTagging(r -> r.bucket(b).key("t").tagging(t -> t.tagSet(Tag.builder().key("z").value("9").build())));
        assertEquals(1, s3.getObjectTagging(r -> r.bucket(b).key("t")).tagSet().size());
        s3.deleteObjectTagging(r -> r.bucket(b).key("t"));
        assertTrue(s3.getObjectTagging(r -> r.bucket(b).key("t")).tagSet().isEmpty());
        List<Tag> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Tag.builder().key("k" + i).value("v").build());
        }
        expectError("BadRequest", 400, () -> s3.putObjectTagging(r -> r.bucket(b).key("t").tagging(t -> t.tagSet(eleven))));
    }

    @Test
    void deleteObjectsReportsEachKey() {
        String b = newBucket();
        for (String k : List.of("d1", "d2", "d3")) {
            s3.putObject(r -> r.bucket(b).key(k), RequestBody.fromString(k));
        }
        DeleteObjectsResponse d = s3.deleteObjects(r -> r.bucket(b).delete(del -> del.objects(
                ObjectIdentifier.builder().key("d1").build(), ObjectIdentifier.builder().key("d2").build(),
                ObjectIdentifier.builder().key("never").build())));
        assertEquals(List.of("d1", "d2", "never"), d.deleted().stream().map(DeletedObject::key).toList());
        assertEquals(List.of("d3"), s3.listObjectsV2(r -> r.bucket(b)).contents().stream().map(S3Object::key).toList());
        DeleteObjectsResponse quiet = s3.deleteObjects(r -> r.bucket(b).delete(del -> del.quiet(true)
                .objects(ObjectIdentifier.builder().key("d3").build())));
        assertTrue(quiet.deleted().isEmpty());
    }

    @Test
    void listObjectsV2WithPrefixDelimiterAndPages() {
        String b = newBucket();
        List<String> keys = List.of("a.txt", "dir/1", "dir/2", "dir/sub/3", "e f", "other/x", "z");
        for (String k : keys) {
            s3.putObject(r -> r.bucket(b).key(k), RequestBody.fromString(k));
        }
        ListObjectsV2Response all = s3.listObjectsV2(r -> r.bucket(b));
        assertEquals(keys, all.contents().stream().map(S3Object::key).toList());
        assertEquals(7, all.keyCount());
        assertFalse(all.isTruncated());

        ListObjectsV2Response top = s3.listObjectsV2(r -> r.bucket(b).delimiter("/"));
        assertEquals(List.of("a.txt", "e f", "z"), top.contents().stream().map(S3Object::key).toList());
        assertEquals(List.of("dir/", "other/"), top.commonPrefixes().stream().map(CommonPrefix::prefix).toList());

        ListObjectsV2Response dir = s3.listObjectsV2(r -> r.bucket(b).prefix("dir/").delimiter("/"));
        assertEquals(List.of("dir/1", "dir/2"), dir.contents().stream().map(S3Object::key).toList());
        assertEquals(List.of("dir/sub/"), dir.commonPrefixes().stream().map(CommonPrefix::prefix).toList());

        List<String> paged = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(b).delimiter("/").maxKeys(2).continuationToken(t));
            page.contents().forEach(o -> paged.add(o.key()));
            page.commonPrefixes().forEach(p -> prefixes.add(p.prefix()));
            assertTrue(page.keyCount() <= 2);
            token = page.nextContinuationToken();
            pages++;
        } while (token != null);
        assertEquals(List.of("a.txt", "e f", "z"), paged);
        assertEquals(List.of("dir/", "other/"), prefixes);
        assertEquals(3, pages);

        // the SDK paginator, start-after, and encoding-type=url (the SDK decodes keys)
        assertEquals(keys, s3.listObjectsV2Paginator(r -> r.bucket(b).maxKeys(3)).contents().stream().map(S3Object::key).toList());
        assertEquals(List.of("e f", "other/x", "z"), s3.listObjectsV2(r -> r.bucket(b).startAfter("dir/sub/3")).contents().stream()
                .map(S3Object::key).toList());
        assertEquals("e f", s3.listObjectsV2(r -> r.bucket(b).prefix("e").encodingType(EncodingType.URL)).contents().getFirst().key());
    }

    @Test
    void listObjectsV1WithMarkers() {
        String b = newBucket();
        for (String k : List.of("p/1", "p/2", "p/3", "q/1", "r")) {
            s3.putObject(r -> r.bucket(b).key(k), RequestBody.fromString(k));
        }
        ListObjectsResponse first = s3.listObjects(r -> r.bucket(b).maxKeys(2));
        assertEquals(List.of("p/1", "p/2"), first.contents().stream().map(S3Object::key).toList());
        assertTrue(first.isTruncated());
        assertNull(first.nextMarker(), "NextMarker only with a delimiter");
        ListObjectsResponse second = s3.listObjects(r -> r.bucket(b).marker("p/2"));
        assertEquals(List.of("p/3", "q/1", "r"), second.contents().stream().map(S3Object::key).toList());
        ListObjectsResponse grouped = s3.listObjects(r -> r.bucket(b).delimiter("/").maxKeys(1));
        assertEquals(List.of("p/"), grouped.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
        assertEquals("p/", grouped.nextMarker());
        ListObjectsResponse after = s3.listObjects(r -> r.bucket(b).delimiter("/").marker("p/"));
        assertEquals(List.of("q/"), after.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
        assertEquals(List.of("r"), after.contents().stream().map(S3Object::key).toList());
        assertNotNull(second.contents().getFirst().owner());
    }

    @Test
    void concurrentPutsToOneKeyLeaveOneVersion() throws Exception {
        String b = newBucket();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            bodies.add("body-" + i);
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String body : bodies) {
                done.add(pool.submit(() -> s3.putObject(r -> r.bucket(b).key("contended"), RequestBody.fromString(body))));
                done.add(pool.submit(() -> s3.putObjectTagging(r -> r.bucket(b).key("other").tagging(t -> t.tagSet(List.of())))));
            }
            for (var f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof NoSuchKeyException)) {
                        throw e;
                    }
                }
            }
        }
        assertEquals(1, s3.listObjectVersions(r -> r.bucket(b)).versions().size());
        assertTrue(bodies.contains(s3.getObjectAsBytes(r -> r.bucket(b).key("contended")).asUtf8String()));
    }

    @Test
    void noSuchBucketAndNoSuchKey() {
        expectError("NoSuchBucket", 404, () -> s3.getObjectAsBytes(r -> r.bucket("no-such-bucket-here").key("k")));
        String b = newBucket();
        expectError("NoSuchKey", 404, () -> s3.getObjectAsBytes(r -> r.bucket(b).key("k")));
        expectError("NoSuchKey", 404, () -> s3.getObjectTagging(r -> r.bucket(b).key("k")));
    }
}
