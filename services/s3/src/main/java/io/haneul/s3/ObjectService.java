package io.haneul.s3;

import io.haneul.core.auth.ChecksumAlgorithm;
import io.haneul.core.engine.RequestBody;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.StreamingOutput;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.wire.WireRequest;
import io.haneul.s3.domain.ByteRange;
import io.haneul.s3.domain.Checksums;
import io.haneul.s3.domain.Conditions;
import io.haneul.s3.domain.ETags;
import io.haneul.s3.domain.Ids;
import io.haneul.s3.domain.Keys;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.domain.Tags;
import io.haneul.s3.store.BlobStore;
import io.haneul.s3.store.MissingBlobException;
import io.haneul.s3.store.MissingBlobException;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.s3.store.S3Store;
import io.haneul.s3.store.Segment;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.s3.model.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Objects: writes that stream the body to a blob and then record the version, reads that stream
 * a blob (or a range of it) back, deletes under the bucket's versioning state, copies, tags.
 */
final class ObjectService {

    /** The largest single PUT or copy S3 accepts: 5 GiB. */
    static final long MAX_PUT = 5L * 1024 * 1024 * 1024;
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private final S3Store store;
    private final BlobStore blobs;
    private final ObjectLocks locks;
    private final Encryption encryption;
    private final BucketService buckets;
    private final EventNotifier events;
    private final Clock clock;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ObjectService.class);

    /** Reads that found an object's bytes missing from the blob store (see {@link MissingBlobException}). */
    private final java.util.concurrent.atomic.LongAdder missingBlobs = new java.util.concurrent.atomic.LongAdder();

    /** The store and clock, for the provider's parts that work on object versions (annotations, encryption updates). */
    S3Store store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    BlobStore blobs() {
        return blobs;
    }

    ObjectService(S3Store store, BlobStore blobs, BucketService buckets, EventNotifier events, ObjectLocks locks, Encryption encryption,
                  Clock clock) {
        this.store = store;
        this.encryption = encryption;
        this.locks = locks;
        this.blobs = blobs;
        this.buckets = buckets;
        this.events = events;
        this.clock = clock;
    }

    /** How many reads found an object's bytes missing (for the metrics). */
    long missingBlobs() {
        return missingBlobs.sum();
    }

    // ---- write ----

    PutObjectResponse put(RequestContext ctx, PutObjectRequest r) {
        return put(ctx, r, stored -> { });
    }

    /** @param created gets the new row once committed (to attach what the request carried, such as an ACL) */
    PutObjectResponse put(RequestContext ctx, PutObjectRequest r, java.util.function.Consumer<ObjectRecord> created) {
        BucketRecord b = buckets.require(ctx, r.bucket(), "s3:PutObject", r.key());
        Keys.check(r.key());
        Map<String, String> tags = Tags.fromHeader(r.tagging());
        String storageClass = storageClass(r.storageClassAsString()); // checked before the body is read
        if (r.contentLength() != null && r.contentLength() > MAX_PUT) {
            throw tooLarge(r.contentLength());
        }
        Map<String, String> headers = contentHeaders(r.contentType(), r.cacheControl(), r.contentDisposition(), r.contentEncoding(),
                r.contentLanguage(), r.expires(), r.websiteRedirectLocation());
        headers.putAll(encryption.forNewObject(b, new Encryption.Requested(r.serverSideEncryptionAsString(), r.ssekmsKeyId(),
                r.bucketKeyEnabled(), r.sseCustomerAlgorithm(), r.sseCustomerKey(), r.sseCustomerKeyMD5())));
        // checked before the body is read, so a refused request leaves no blob behind
        String lock = locks.stateFor(b, r.objectLockModeAsString(), r.objectLockRetainUntilDate(), r.objectLockLegalHoldStatusAsString());
        Received in = receive(ctx, ChecksumFields.first(r.checksumCRC32(), r.checksumCRC32C(), r.checksumCRC64NVME(),
                r.checksumSHA1(), r.checksumSHA256()), r.checksumAlgorithmAsString(), r.contentMD5(), MAX_PUT, true);
        ObjectRecord row = new ObjectRecord(0, b.name(), r.key(), newVersionId(b), true, false, in.stored().size(),
                ETags.of(in.stored().md5()), List.of(new Segment(in.stored().blob(), in.stored().size())), clock.millis(),
                headers, r.metadata(), tags,
                in.algorithm(), in.checksum(), in.algorithm() == null ? null : Checksums.FULL_OBJECT, 0,
                storageClass, ctx.accountId());
        row = row.withObjectLock(lock);
        ObjectRecord stored = commit(row, b, current -> Conditions.checkWrite(r.key(),
                current == null || current.deleteMarker() ? null : current.etag(), r.ifMatch(), r.ifNoneMatch()));
        created.accept(stored);
        events.objectEvent(ctx, b, "ObjectCreated:Put", stored);
        PutObjectResponse.Builder out = PutObjectResponse.builder().eTag(stored.etag()).versionId(versionHeader(b, stored));
        Encryption.describe(stored.headers(), out::serverSideEncryption, out::ssekmsKeyId, out::bucketKeyEnabled, out::sseCustomerAlgorithm,
                out::sseCustomerKeyMD5);
        ChecksumFields.set(stored.checksumAlgorithm(), stored.checksumValue(), out::checksumCRC32, out::checksumCRC32C,
                out::checksumCRC64NVME, out::checksumSHA1, out::checksumSHA256);
        if (stored.checksumAlgorithm() != null) {
            out.checksumType(stored.checksumType());
        }
        return out.build();
    }

    /**
     * A write from another service (the {@link io.haneul.core.spi.ObjectStorage} export): the same path as
     * PutObject without conditions or checksums, streamed from {@code content}; fires {@code ObjectCreated:Put}.
     */
    ObjectRecord putInternal(String account, String region, String bucket, String key, InputStream content, String contentType,
                             Map<String, String> metadata) {
        return putInternal(account, region, bucket, key, content, contentType, metadata, Encryption.Requested.NONE, null);
    }

    /**
     * {@link #putInternal(String, String, String, String, InputStream, String, Map)} asking for SSE-S3 or SSE-KMS
     * and a storage class (null: STANDARD; checked before the body is read).
     */
    ObjectRecord putInternal(String account, String region, String bucket, String key, InputStream content, String contentType,
                             Map<String, String> metadata, Encryption.Requested encryption, String storageClass) {
        RequestContext ctx = internalContext(account, region);
        BucketRecord b = buckets.require(ctx, bucket);
        return putStreamed(ctx, b, new StreamedPut(key, contentHeaders(contentType, null, null, null, null, null, null),
                metadata, storageClass(storageClass), 0, MAX_PUT, "ObjectCreated:Put"), content, encryption);
    }

    /**
     * A whole object from a stream, without PutObject's conditions and checksums (other services'
     * writes, browser-form uploads).
     *
     * @param minSize the fewest bytes accepted ({@code EntityTooSmall} below, nothing kept)
     * @param maxSize the most bytes accepted ({@code EntityTooLarge} beyond)
     * @param event   the notification sent, e.g. {@code ObjectCreated:Post}
     */
    record StreamedPut(String key, Map<String, String> contentHeaders, Map<String, String> metadata, String storageClass,
                       long minSize, long maxSize, String event) {
    }

    ObjectRecord putStreamed(RequestContext ctx, BucketRecord b, StreamedPut put, InputStream content) {
        return putStreamed(ctx, b, put, content, Encryption.Requested.NONE);
    }

    private ObjectRecord putStreamed(RequestContext ctx, BucketRecord b, StreamedPut put, InputStream content,
                                     Encryption.Requested encryptionRequested) {
        Keys.check(put.key());
        BlobStore.Stored stored = write(content, Set.of(ChecksumAlgorithm.CRC64NVME), Math.min(put.maxSize(), MAX_PUT));
        if (stored.size() < put.minSize()) {
            blobs.delete(List.of(stored.blob()));
            throw new S3Exception(S3Error.EntityTooSmall, null, S3Exception.ordered("ProposedSize", stored.size(),
                    "MinSizeAllowed", put.minSize()));
        }
        Map<String, String> headers = new LinkedHashMap<>(put.contentHeaders());
        headers.putAll(encryption.forNewObject(b, encryptionRequested));
        ObjectRecord row = new ObjectRecord(0, b.name(), put.key(), newVersionId(b), true, false, stored.size(),
                ETags.of(stored.md5()), List.of(new Segment(stored.blob(), stored.size())), clock.millis(),
                headers, Map.copyOf(put.metadata()), Map.of(), ChecksumAlgorithm.CRC64NVME.name(),
                Base64.getEncoder().encodeToString(stored.checksums().get(ChecksumAlgorithm.CRC64NVME)), Checksums.FULL_OBJECT, 0,
                storageClass(put.storageClass()),
                ctx.accountId());
        ObjectRecord out = commit(withLock(b, row, null, null, null), b, current -> { });
        events.objectEvent(ctx, b, put.event(), out);
        return out;
    }

    /** The key's current object for another service, as its account sees it; empty for none or a delete marker. */
    Optional<ObjectRecord> currentInternal(String account, String bucket, String key) {
        BucketRecord b = buckets.require(internalContext(account, null), bucket);
        return store.current(b.name(), key).filter(o -> !o.deleteMarker());
    }

    /** A bucket another service names, as its account sees it. */
    BucketRecord bucketInternal(String account, String bucket) {
        return buckets.require(internalContext(account, null), bucket);
    }

    /** One version of a key for another service (Lambda's S3ObjectVersion), as its account sees it. */
    ObjectRecord versionInternal(String account, String bucket, String key, String versionId) {
        BucketRecord b = buckets.require(internalContext(account, null), bucket);
        return resolve(b, key, versionId, "GET");
    }

    /** Current objects under a prefix after a key, for another service, as its account sees them. */
    List<ObjectRecord> listInternal(String account, String bucket, String prefix, String startAfter, int max) {
        if (max < 1 || max > 1000) {
            throw S3Exception.invalidArgument("max-keys must be between 1 and 1000", "max-keys", String.valueOf(max));
        }
        BucketRecord b = buckets.require(internalContext(account, null), bucket);
        io.haneul.s3.domain.Listing.Cursor after = startAfter == null || startAfter.isEmpty()
                ? io.haneul.s3.domain.Listing.Cursor.start() : io.haneul.s3.domain.Listing.Cursor.after(startAfter);
        return store.listCurrent(b.name(), after, prefix == null ? "" : prefix, max);
    }

    /** The key's current version unless it is a delete marker (the website endpoint's lookup). */
    Optional<ObjectRecord> currentVisible(BucketRecord b, String key) {
        return key.isEmpty() ? Optional.empty() : store.current(b.name(), key).filter(o -> !o.deleteMarker());
    }

    /** An object's bytes, whole. */
    InputStream open(ObjectRecord o) {
        try {
            return blobs.open(o.segments(), 0, o.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RequestContext internalContext(String account, String region) {
        return new RequestContext(account, region == null ? "us-east-1" : region, java.util.UUID.randomUUID().toString(), null,
                "localhost", "http", clock.instant());
    }

    /** A new version with its Object Lock state: what its request asks for, else the bucket's default retention. */
    ObjectRecord withLock(BucketRecord b, ObjectRecord row, String mode, Instant until, String legalHold) {
        return row.deleteMarker() ? row : row.withObjectLock(locks.stateFor(b, mode, until, legalHold));
    }

    /**
     * Records a version whose blobs are written; on failure the new blobs go, on success the replaced ones.
     * The row's Object Lock state is the caller's to decide ({@link #withLock}), once.
     */
    ObjectRecord commit(ObjectRecord row, BucketRecord b, java.util.function.Consumer<ObjectRecord> precondition) {
        S3Store.Written w;
        try {
            w = store.put(row, b.versioningEnabled(), precondition);
        } catch (RuntimeException e) {
            blobs.delete(Segment.blobs(row.segments()));
            throw e;
        }
        blobs.delete(w.droppedBlobs());
        return w.object();
    }

    /** A body received into a blob, with the checksum to store (algorithm null when none). */
    record Received(BlobStore.Stored stored, String algorithm, String checksum) {
    }

    /**
     * Streams the request body into a new blob, verifying Content-MD5 and any checksum the client sent
     * (as a header, or as an aws-chunked trailer, which the body stream verifies itself).
     *
     * @param provided     a checksum value the client sent as a header, or null
     * @param sdkAlgorithm the checksum algorithm the client named (x-amz-sdk-checksum-algorithm), or null
     */
    Received receive(RequestContext ctx, ChecksumFields.Value provided, String sdkAlgorithm, String contentMd5, long maxSize) {
        return receive(ctx, provided, sdkAlgorithm, contentMd5, maxSize, false);
    }

    /**
     * As {@link #receive(RequestContext, ChecksumFields.Value, String, String, long)}; with {@code defaultChecksum}
     * a body that comes with no checksum and names no algorithm gets a CRC64NVME checksum, as every new object
     * has on AWS since 2025 (reported with {@code ChecksumType: FULL_OBJECT}).
     */
    Received receive(RequestContext ctx, ChecksumFields.Value provided, String sdkAlgorithm, String contentMd5, long maxSize,
                     boolean defaultChecksum) {
        RequestBody body = ctx.body();
        InputStream in = body == null ? InputStream.nullInputStream() : body.stream();
        Set<ChecksumAlgorithm> compute = new LinkedHashSet<>();
        if (provided != null) {
            compute.add(provided.algorithm());
        }
        ChecksumAlgorithm named = Checksums.algorithm(sdkAlgorithm);
        boolean chunked = body != null && body.chunked();
        if (named != null && provided == null && !chunked) {
            compute.add(named);
        }
        if (defaultChecksum && named == null && provided == null) {
            compute.add(ChecksumAlgorithm.CRC64NVME); // a trailer, if the body has one, wins over it
        }
        BlobStore.Stored stored = write(in, compute, maxSize);
        try {
            ETags.checkContentMd5(contentMd5, stored.md5());
            if (provided != null) {
                String computed = Base64.getEncoder().encodeToString(stored.checksums().get(provided.algorithm()));
                if (!computed.equals(provided.base64().strip())) {
                    throw new S3Exception(S3Error.BadDigest, "The " + provided.algorithm().displayName()
                            + " you specified did not match the calculated checksum.");
                }
                return new Received(stored, provided.algorithm().name(), provided.base64().strip());
            }
            if (body != null && body.trailingChecksum().isPresent()) {
                var t = body.trailingChecksum().get();
                return new Received(stored, t.algorithm().name(), t.base64());
            }
            if (named != null && stored.checksums().containsKey(named)) {
                return new Received(stored, named.name(), Base64.getEncoder().encodeToString(stored.checksums().get(named)));
            }
            if (defaultChecksum && stored.checksums().containsKey(ChecksumAlgorithm.CRC64NVME)) {
                return new Received(stored, ChecksumAlgorithm.CRC64NVME.name(),
                        Base64.getEncoder().encodeToString(stored.checksums().get(ChecksumAlgorithm.CRC64NVME)));
            }
            return new Received(stored, null, null);
        } catch (RuntimeException e) {
            blobs.delete(List.of(stored.blob()));
            throw e;
        }
    }

    /** Writes a stream to a blob, turning stream failures into S3's errors. */
    BlobStore.Stored write(InputStream in, Set<ChecksumAlgorithm> compute, long maxSize) {
        try {
            return blobs.write(in, compute, maxSize);
        } catch (BlobStore.TooLarge e) {
            throw new S3Exception(S3Error.EntityTooLarge, null, S3Exception.ordered("ProposedSize", maxSize + 1, "MaxSizeAllowed", maxSize));
        } catch (IOException e) {
            AwsErrorException aws = RequestBody.toAwsError(e);
            if (aws != null) {
                throw aws;
            }
            throw new UncheckedIOException(e);
        }
    }

    static S3Exception tooLarge(long size) {
        return new S3Exception(S3Error.EntityTooLarge, null, S3Exception.ordered("ProposedSize", size, "MaxSizeAllowed", MAX_PUT));
    }

    // ---- read ----

    StreamingOutput get(RequestContext ctx, GetObjectRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket(), r.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion", r.key());
        ObjectRecord o = resolve(b, r.key(), r.versionId(), "GET");
        checkReadable(o);
        Encryption.checkRead(o, r.sseCustomerAlgorithm(), r.sseCustomerKey(), r.sseCustomerKeyMD5());
        Conditions.checkRead(o.etag(), Instant.ofEpochMilli(o.lastModified()), r.ifMatch(), r.ifNoneMatch(), r.ifModifiedSince(),
                r.ifUnmodifiedSince());
        ByteRange range = range(o, r.partNumber(), r.range());
        long first = range == null ? 0 : range.first();
        long length = range == null ? o.size() : range.length();
        GetObjectResponse.Builder out = GetObjectResponse.builder();
        describe(out, b, o, range, r.partNumber(), r.checksumModeAsString());
        out.contentLength(length);
        overrides(out, r.responseContentType(), r.responseContentLanguage(), r.responseExpires(), r.responseCacheControl(),
                r.responseContentDisposition(), r.responseContentEncoding());
        InputStream data;
        try {
            data = blobs.open(o.segments(), first, length);
        } catch (MissingBlobException e) {
            missingBlobs.increment();
            LOG.error("GetObject {}/{}: {} (is every node's --s3-blob-dir/--s3-blob-url the same store?)", b.name(), o.key(),
                    e.getMessage());
            throw new S3Exception(S3Error.InternalError);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StreamingOutput(out.build(), range == null ? 0 : 206, data, length);
    }

    HeadObjectResponse head(RequestContext ctx, HeadObjectRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket(), r.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion", r.key());
        ObjectRecord o = resolve(b, r.key(), r.versionId(), "HEAD");
        Encryption.checkRead(o, r.sseCustomerAlgorithm(), r.sseCustomerKey(), r.sseCustomerKeyMD5());
        Conditions.checkRead(o.etag(), Instant.ofEpochMilli(o.lastModified()), r.ifMatch(), r.ifNoneMatch(), r.ifModifiedSince(),
                r.ifUnmodifiedSince());
        ByteRange range = range(o, r.partNumber(), r.range());
        GetObjectResponse.Builder get = GetObjectResponse.builder();
        describe(get, b, o, range, r.partNumber(), r.checksumModeAsString());
        get.contentLength(range == null ? o.size() : range.length());
        overrides(get, r.responseContentType(), r.responseContentLanguage(), r.responseExpires(), r.responseCacheControl(),
                r.responseContentDisposition(), r.responseContentEncoding());
        HeadObjectResponse.Builder head = HeadObjectResponse.builder();
        copyFields((SdkPojo) get.build(), (SdkPojo) head);
        return head.build();
    }

    /**
     * GetObjectAttributes: only the attributes asked for. ETags come without quotes here, as S3 sends
     * them; parts (of a multipart object) page by part number.
     */
    GetObjectAttributesResponse attributes(RequestContext ctx, GetObjectAttributesRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        ObjectRecord o = resolve(b, r.key(), r.versionId(), "GET");
        java.util.Set<ObjectAttributes> asked = java.util.EnumSet.noneOf(ObjectAttributes.class);
        asked.addAll(r.objectAttributes());
        if (asked.isEmpty() || asked.contains(ObjectAttributes.UNKNOWN_TO_SDK_VERSION)) {
            throw S3Exception.invalidArgument("Invalid attribute name specified.", "x-amz-object-attributes",
                    String.join(",", r.objectAttributesAsStrings()));
        }
        GetObjectAttributesResponse.Builder out = GetObjectAttributesResponse.builder()
                .lastModified(Instant.ofEpochMilli(o.lastModified())).versionId(versionHeader(b, o));
        if (asked.contains(ObjectAttributes.E_TAG)) {
            out.eTag(o.etag().replace("\"", ""));
        }
        if (asked.contains(ObjectAttributes.OBJECT_SIZE)) {
            out.objectSize(o.size());
        }
        if (asked.contains(ObjectAttributes.STORAGE_CLASS)) {
            out.storageClass(o.storageClass() == null ? "STANDARD" : o.storageClass());
        }
        if (asked.contains(ObjectAttributes.CHECKSUM) && o.checksumAlgorithm() != null) {
            Checksum.Builder c = Checksum.builder().checksumType(o.checksumType());
            ChecksumFields.set(o.checksumAlgorithm(), o.checksumValue(), c::checksumCRC32, c::checksumCRC32C, c::checksumCRC64NVME,
                    c::checksumSHA1, c::checksumSHA256);
            out.checksum(c.build());
        }
        if (asked.contains(ObjectAttributes.OBJECT_PARTS) && o.partsCount() > 0) {
            int max = r.maxParts() == null ? 1000 : Math.max(0, Math.min(r.maxParts(), 1000));
            int marker = r.partNumberMarker() == null ? 0 : r.partNumberMarker();
            List<ObjectPart> parts = new ArrayList<>();
            for (int n = marker + 1; n <= o.segments().size() && parts.size() < max; n++) {
                parts.add(ObjectPart.builder().partNumber(n).size(o.segments().get(n - 1).size()).build());
            }
            int last = parts.isEmpty() ? marker : parts.getLast().partNumber();
            out.objectParts(GetObjectAttributesParts.builder().totalPartsCount(o.partsCount()).partNumberMarker(marker)
                    .nextPartNumberMarker(last).maxParts(max).isTruncated(last < o.segments().size()).parts(parts).build());
        }
        return out.build();
    }

    /** Whether the bytes can be read now: not archived, or restored and the copy not yet expired. */
    boolean readable(ObjectRecord o) {
        return !io.haneul.s3.domain.Restores.archived(o.storageClass())
                || io.haneul.s3.domain.Restores.readable(o.headers().get(RESTORE), clock.instant());
    }

    /** Archived objects are read only while a restore keeps a copy (InvalidObjectState otherwise). */
    void checkReadable(ObjectRecord o) {
        if (!readable(o)) {
            throw new S3Exception(S3Error.InvalidObjectState, null, S3Exception.ordered("StorageClass", o.storageClass()));
        }
    }

    /** A copy is a new object: its source's restore and encryption do not come with it. */
    private static Map<String, String> copyable(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.remove(RESTORE);
        copy.keySet().removeAll(Encryption.KEYS);
        return copy;
    }

    /** Where a restore's state is kept with the object (S3's header value, never sent as a content header). */
    static final String RESTORE = "x-amz-restore";

    /**
     * RestoreObject: a copy of an archived object readable for the days asked. The restore completes at
     * once (AWS takes minutes to hours), so the first answer is 202 and the object is readable after it;
     * a repeat while readable extends the copy (200).
     *
     * @return true when a restore started (202), false when an existing copy was extended (200)
     */
    boolean restore(RequestContext ctx, RestoreObjectRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        ObjectRecord o = resolve(b, r.key(), r.versionId(), "POST");
        if (!io.haneul.s3.domain.Restores.archived(o.storageClass())) {
            throw new S3Exception(S3Error.InvalidObjectState, "Restore is not allowed for the object's current storage class", Map.of());
        }
        RestoreRequest req = r.restoreRequest();
        if (req == null || req.days() == null || req.days() < 1) {
            throw S3Exception.malformedXml();
        }
        boolean extending = io.haneul.s3.domain.Restores.readable(o.headers().get(RESTORE), clock.instant());
        Map<String, String> headers = new LinkedHashMap<>(o.headers());
        headers.put(RESTORE, io.haneul.s3.domain.Restores.completed(io.haneul.s3.domain.Restores.expiryAfter(clock.instant(), req.days())));
        if (!store.setObjectHeadersOfRow(o.id(), headers)) {
            throw S3Exception.noSuchKey(o.key()); // replaced while the restore was asked for
        }
        if (!extending) {
            events.objectEvent(ctx, b, "ObjectRestore:Post", o);
            events.objectEvent(ctx, b, "ObjectRestore:Completed", o);
        }
        return !extending;
    }

    /** The range a read asks for: a part of a multipart object, a Range header, or null for all of it. */
    private static ByteRange range(ObjectRecord o, Integer partNumber, String rangeHeader) {
        if (partNumber != null) {
            int parts = Math.max(1, o.segments().size());
            if (partNumber < 1 || partNumber > parts) {
                throw new S3Exception(S3Error.InvalidRange, null, S3Exception.ordered("RangeRequested", "partNumber=" + partNumber,
                        "ActualObjectSize", o.size()));
            }
            if (o.partsCount() == 0) {
                return null;
            }
            long first = 0;
            for (int i = 0; i < partNumber - 1; i++) {
                first += o.segments().get(i).size();
            }
            return new ByteRange(first, first + o.segments().get(partNumber - 1).size() - 1);
        }
        return ByteRange.parse(rangeHeader, o.size());
    }

    /** The current version (or the named one) of a key that reads can see. */
    ObjectRecord resolve(BucketRecord b, String key, String versionId, String method) {
        if (versionId == null || versionId.isEmpty()) {
            ObjectRecord o = store.current(b.name(), key).orElseThrow(() -> S3Exception.noSuchKey(key));
            if (o.deleteMarker()) {
                throw S3Exception.noSuchKey(key);
            }
            return o;
        }
        ObjectRecord o = store.version(b.name(), key, versionId).orElseThrow(() -> S3Exception.noSuchVersion(key, versionId));
        if (o.deleteMarker()) {
            throw new S3Exception(S3Error.MethodNotAllowed, null,
                    S3Exception.ordered("Method", method, "ResourceType", "DeleteMarker"));
        }
        return o;
    }

    private void describe(GetObjectResponse.Builder out, BucketRecord b, ObjectRecord o, ByteRange range, Integer partNumber,
                          String checksumMode) {
        Map<String, String> h = o.headers();
        out.acceptRanges("bytes").eTag(o.etag()).lastModified(Instant.ofEpochMilli(o.lastModified()))
                .contentType(h.getOrDefault("Content-Type", DEFAULT_CONTENT_TYPE)).cacheControl(h.get("Cache-Control"))
                .contentDisposition(h.get("Content-Disposition")).contentEncoding(h.get("Content-Encoding"))
                .contentLanguage(h.get("Content-Language")).websiteRedirectLocation(h.get("x-amz-website-redirect-location"))
                .versionId(versionHeader(b, o));
        out.restore(h.get(RESTORE));
        Encryption.describe(h, out::serverSideEncryption, out::ssekmsKeyId, out::bucketKeyEnabled, out::sseCustomerAlgorithm,
                out::sseCustomerKeyMD5);
        io.haneul.s3.domain.ObjectLock lock = o.lock();
        if (lock.hasRetention()) {
            out.objectLockMode(lock.mode()).objectLockRetainUntilDate(Instant.ofEpochMilli(lock.retainUntil()));
        }
        out.objectLockLegalHoldStatus(lock.legalHold());
        if (h.get("Expires") != null) {
            out.expiresString(h.get("Expires"));
        }
        if (!o.metadata().isEmpty()) {
            out.metadata(o.metadata());
        }
        if (!o.tags().isEmpty()) {
            out.tagCount(o.tags().size());
        }
        if (o.storageClass() != null && !"STANDARD".equals(o.storageClass())) {
            out.storageClass(o.storageClass());
        }
        if (partNumber != null && o.partsCount() > 0) {
            out.partsCount(o.partsCount());
        }
        if (range != null) {
            out.contentRange(range.contentRange(o.size()));
        }
        if ("ENABLED".equalsIgnoreCase(checksumMode) && o.checksumAlgorithm() != null
                && (range == null || (partNumber != null && o.partsCount() == 0))) {
            ChecksumFields.set(o.checksumAlgorithm(), o.checksumValue(), out::checksumCRC32, out::checksumCRC32C,
                    out::checksumCRC64NVME, out::checksumSHA1, out::checksumSHA256);
            out.checksumType(o.checksumType());
        }
    }

    private static void overrides(GetObjectResponse.Builder out, String type, String language, Instant expires, String cache,
                                  String disposition, String encoding) {
        if (type != null) {
            out.contentType(type);
        }
        if (language != null) {
            out.contentLanguage(language);
        }
        if (expires != null) {
            out.expires(expires);
        }
        if (cache != null) {
            out.cacheControl(cache);
        }
        if (disposition != null) {
            out.contentDisposition(disposition);
        }
        if (encoding != null) {
            out.contentEncoding(encoding);
        }
    }

    /** Copies the members one SDK object shares by name with another's builder (GetObject's answer into HeadObject's). */
    static void copyFields(SdkPojo from, SdkPojo toBuilder) {
        Map<String, SdkField<?>> byName = new LinkedHashMap<>();
        from.sdkFields().forEach(f -> byName.put(f.memberName(), f));
        for (SdkField<?> f : toBuilder.sdkFields()) {
            SdkField<?> source = byName.get(f.memberName());
            if (source != null) {
                Object value = source.getValueOrDefault(from);
                if (value != null) {
                    f.set(toBuilder, value);
                }
            }
        }
    }

    // ---- delete ----

    /** Result of deleting one key (or version). */
    record Deleted(String versionId, boolean deleteMarker) {
    }

    Deleted delete(RequestContext ctx, BucketRecord b, String key, String versionId) {
        return delete(ctx, b, key, versionId, false);
    }

    /** @param bypassGovernance the caller sent x-amz-bypass-governance-retention: GOVERNANCE retention does not stop it */
    Deleted delete(RequestContext ctx, BucketRecord b, String key, String versionId, boolean bypassGovernance) {
        if (versionId != null && !versionId.isEmpty()) {
            ObjectRecord version = store.version(b.name(), key, versionId).orElse(null);
            if (version == null) {
                return new Deleted(versionId, false);
            }
            ObjectRecord removed = store.deleteVersionIf(b.name(), key, versionId, current -> {
                locks.checkDeletable(current, bypassGovernance);
                return true;
            }).orElse(null);
            if (removed == null) {
                return new Deleted(versionId, false);
            }
            blobs.delete(Segment.blobs(removed.segments()));
            events.objectEvent(ctx, b, "ObjectRemoved:Delete", removed);
            return new Deleted(versionId, removed.deleteMarker());
        }
        if (b.versioning() == null) {
            store.deleteVersion(b.name(), key, Ids.NULL_VERSION).ifPresent(removed -> {
                blobs.delete(Segment.blobs(removed.segments()));
                events.objectEvent(ctx, b, "ObjectRemoved:Delete", removed);
            });
            return new Deleted(null, false);
        }
        ObjectRecord marker = new ObjectRecord(0, b.name(), key, newVersionId(b), true, true, 0, "", List.of(), clock.millis(),
                Map.of(), Map.of(), Map.of(), null, null, null, 0, null, ctx.accountId());
        ObjectRecord stored = commit(marker, b, null);
        events.objectEvent(ctx, b, "ObjectRemoved:DeleteMarkerCreated", stored);
        return new Deleted(stored.versionId(), true);
    }

    /**
     * Lifecycle expiry of a key's current version: removed where versioning was never on, else hidden
     * behind a new delete marker; only while {@code o} is still current (false when a write came first).
     */
    boolean expireCurrent(BucketRecord b, ObjectRecord o) {
        RequestContext ctx = internalContext(b.account(), b.region());
        if (b.versioning() == null) {
            return expireVersion(b, o);
        }
        ObjectRecord marker = new ObjectRecord(0, b.name(), o.key(), newVersionId(b), true, true, 0, "", List.of(), clock.millis(),
                Map.of(), Map.of(), Map.of(), null, null, null, 0, null, b.account());
        ObjectRecord stored;
        try {
            stored = commit(marker, b, current -> {
                if (current == null || current.id() != o.id()) {
                    throw new Superseded();
                }
            });
        } catch (Superseded e) {
            return false;
        }
        events.objectEvent(ctx, b, "LifecycleExpiration:DeleteMarkerCreated", stored);
        return true;
    }

    /** Lifecycle removal of one version (a noncurrent one, an expired delete marker), only while it is still row {@code o}. */
    boolean expireVersion(BucketRecord b, ObjectRecord o) {
        return store.deleteVersionIf(b.name(), o.key(), o.versionId(),
                current -> current.id() == o.id() && current.latest() == o.latest() && locks.deletable(current)).map(removed -> {
            blobs.delete(Segment.blobs(removed.segments()));
            events.objectEvent(internalContext(b.account(), b.region()), b, "LifecycleExpiration:Delete", removed);
            return true;
        }).orElse(false);
    }

    /** The version a lifecycle sweep decided on is no longer current. */
    private static final class Superseded extends RuntimeException {
        Superseded() {
            super(null, null, false, false);
        }
    }

    DeleteObjectsResponse deleteMany(RequestContext ctx, DeleteObjectsRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        Delete d = r.delete();
        if (d == null || d.objects().isEmpty() || d.objects().size() > 1000) {
            throw S3Exception.malformedXml();
        }
        boolean quiet = Boolean.TRUE.equals(d.quiet());
        List<DeletedObject> deleted = new ArrayList<>();
        List<software.amazon.awssdk.services.s3.model.S3Error> errors = new ArrayList<>();
        for (ObjectIdentifier id : d.objects()) {
            try {
                Keys.check(id.key());
                Deleted result = delete(ctx, b, id.key(), id.versionId(), Boolean.TRUE.equals(r.bypassGovernanceRetention()));
                if (!quiet) {
                    DeletedObject.Builder one = DeletedObject.builder().key(id.key());
                    if (id.versionId() != null) {
                        one.versionId(id.versionId());
                        if (result.deleteMarker()) {
                            one.deleteMarker(true).deleteMarkerVersionId(id.versionId());
                        }
                    } else if (result.deleteMarker()) {
                        one.deleteMarker(true).deleteMarkerVersionId(result.versionId());
                    }
                    deleted.add(one.build());
                }
            } catch (S3Exception e) {
                errors.add(software.amazon.awssdk.services.s3.model.S3Error.builder().key(id.key()).versionId(id.versionId())
                        .code(e.error().name()).message(e.getMessage()).build());
            }
        }
        return DeleteObjectsResponse.builder().deleted(deleted.isEmpty() ? null : deleted)
                .errors(errors.isEmpty() ? null : errors).build();
    }

    // ---- copy ----

    /** A parsed {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=id]}, URL-encoded. */
    record CopySource(String bucket, String key, String versionId) {
        static CopySource parse(String header) {
            if (header == null || header.isBlank()) {
                throw S3Exception.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                        "x-amz-copy-source", header);
            }
            String h = header.strip();
            String versionId = null;
            int q = h.indexOf("?versionId=");
            if (q >= 0) {
                versionId = WireRequest.percentDecode(h.substring(q + "?versionId=".length()), false);
                h = h.substring(0, q);
            }
            String decoded = WireRequest.percentDecode(h, false);
            if (decoded.startsWith("/")) {
                decoded = decoded.substring(1);
            }
            int slash = decoded.indexOf('/');
            if (slash <= 0 || slash == decoded.length() - 1) {
                throw S3Exception.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                        "x-amz-copy-source", header);
            }
            return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), versionId);
        }
    }

    /** The copy source object the caller may read, after its x-amz-copy-source-if-* conditions. */
    ObjectRecord copySource(RequestContext ctx, CopySource source, String ifMatch, String ifNoneMatch, Instant ifModifiedSince,
                            Instant ifUnmodifiedSince) {
        BucketRecord sb = buckets.require(ctx, source.bucket());
        ObjectRecord src = resolve(sb, source.key(), source.versionId(), "GET");
        checkReadable(src);
        Conditions.checkCopySource(src.etag(), Instant.ofEpochMilli(src.lastModified()), ifMatch, ifNoneMatch, ifModifiedSince,
                ifUnmodifiedSince);
        return src;
    }

    CopyObjectResponse copy(RequestContext ctx, CopyObjectRequest r) {
        return copy(ctx, r, stored -> { });
    }

    /** @param created gets the new row once committed */
    CopyObjectResponse copy(RequestContext ctx, CopyObjectRequest r, java.util.function.Consumer<ObjectRecord> created) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        Keys.check(r.key());
        CopySource source = CopySource.parse(r.copySource());
        ObjectRecord src = copySource(ctx, source, r.copySourceIfMatch(), r.copySourceIfNoneMatch(), r.copySourceIfModifiedSince(),
                r.copySourceIfUnmodifiedSince());
        Encryption.checkRead(src, r.copySourceSSECustomerAlgorithm(), r.copySourceSSECustomerKey(), r.copySourceSSECustomerKeyMD5());
        if (src.size() > MAX_PUT) {
            throw S3Exception.invalidRequest("The specified copy source is larger than the maximum allowable size for a copy source: "
                    + MAX_PUT);
        }
        String directive = r.metadataDirectiveAsString() == null ? "COPY" : r.metadataDirectiveAsString().toUpperCase(Locale.ROOT);
        String taggingDirective = r.taggingDirectiveAsString() == null ? "COPY" : r.taggingDirectiveAsString().toUpperCase(Locale.ROOT);
        if (!directive.equals("COPY") && !directive.equals("REPLACE")) {
            throw S3Exception.invalidArgument("Unknown metadata directive.", "MetadataDirective", directive);
        }
        if (!taggingDirective.equals("COPY") && !taggingDirective.equals("REPLACE")) {
            throw S3Exception.invalidArgument("Unknown tagging directive.", "TaggingDirective", taggingDirective);
        }
        boolean sameObject = source.bucket().equals(b.name()) && source.key().equals(r.key())
                && (source.versionId() == null || source.versionId().equals(src.versionId()) && src.latest());
        if (sameObject && directive.equals("COPY") && r.storageClassAsString() == null && r.websiteRedirectLocation() == null
                && r.checksumAlgorithmAsString() == null && r.serverSideEncryption() == null && r.sseCustomerAlgorithm() == null) {
            throw S3Exception.invalidRequest("This copy request is illegal because it is trying to copy an object to itself without "
                    + "changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        Map<String, String> headers = new LinkedHashMap<>(directive.equals("REPLACE")
                ? contentHeaders(r.contentType(), r.cacheControl(), r.contentDisposition(), r.contentEncoding(), r.contentLanguage(),
                r.expires(), r.websiteRedirectLocation()) : copyable(src.headers()));
        headers.putAll(encryption.forNewObject(b, new Encryption.Requested(r.serverSideEncryptionAsString(), r.ssekmsKeyId(),
                r.bucketKeyEnabled(), r.sseCustomerAlgorithm(), r.sseCustomerKey(), r.sseCustomerKeyMD5())));
        Map<String, String> metadata = directive.equals("REPLACE") ? r.metadata() : src.metadata();
        Map<String, String> tags = taggingDirective.equals("REPLACE") ? Tags.fromHeader(r.tagging()) : src.tags();
        String lock = locks.stateFor(b, r.objectLockModeAsString(), r.objectLockRetainUntilDate(), r.objectLockLegalHoldStatusAsString());
        ChecksumAlgorithm wanted = Checksums.algorithm(r.checksumAlgorithmAsString());
        if (wanted == null) { // the source's, else AWS's default for new objects
            wanted = src.checksumAlgorithm() != null ? ChecksumAlgorithm.valueOf(src.checksumAlgorithm()) : ChecksumAlgorithm.CRC64NVME;
        }
        Copied data = copyData(src, wanted);
        ObjectRecord row = new ObjectRecord(0, b.name(), r.key(), newVersionId(b), true, false, src.size(), data.etag(),
                data.segments(), clock.millis(), headers, metadata, tags, data.algorithm(), data.checksum(),
                data.algorithm() == null ? null : Checksums.FULL_OBJECT, 0,
                r.storageClassAsString() != null ? storageClass(r.storageClassAsString()) : src.storageClass(), ctx.accountId());
        row = row.withObjectLock(lock);
        ObjectRecord stored = commit(row, b, null);
        created.accept(stored);
        events.objectEvent(ctx, b, "ObjectCreated:Copy", stored);
        CopyObjectResult.Builder result = CopyObjectResult.builder().eTag(stored.etag())
                .lastModified(Instant.ofEpochMilli(stored.lastModified()));
        ChecksumFields.set(stored.checksumAlgorithm(), stored.checksumValue(), result::checksumCRC32, result::checksumCRC32C,
                result::checksumCRC64NVME, result::checksumSHA1, result::checksumSHA256);
        if (stored.checksumAlgorithm() != null) {
            result.checksumType(stored.checksumType());
        }
        BucketRecord sourceBucket = buckets.find(source.bucket()).orElse(b);
        CopyObjectResponse.Builder out = CopyObjectResponse.builder().copyObjectResult(result.build()).versionId(versionHeader(b, stored))
                .copySourceVersionId(versionHeader(sourceBucket, src));
        Encryption.describe(stored.headers(), out::serverSideEncryption, out::ssekmsKeyId, out::bucketKeyEnabled, out::sseCustomerAlgorithm,
                out::sseCustomerKeyMD5);
        return out.build();
    }

    private record Copied(List<Segment> segments, String etag, String algorithm, String checksum) {
    }

    /**
     * The bytes of a copy: hard links to the source's blobs when its ETag and checksum carry over
     * (a single-part object), else one new blob with both recomputed.
     */
    /**
     * A copy source whose bytes went away while being copied (deleted or replaced by another request):
     * NoSuchKey, as if the copy had come a moment later; anything else stays an I/O failure.
     */
    private RuntimeException sourceGone(ObjectRecord src, IOException e) {
        if (store.version(src.bucket(), src.key(), src.versionId()).filter(v -> v.id() == src.id()).isEmpty()) {
            return S3Exception.noSuchKey(src.key());
        }
        return new UncheckedIOException(e);
    }

    private Copied copyData(ObjectRecord src, ChecksumAlgorithm wanted) {
        boolean sameChecksum = wanted == null ? src.checksumAlgorithm() == null
                : wanted.name().equals(src.checksumAlgorithm()) && Checksums.FULL_OBJECT.equals(src.checksumType());
        if (src.partsCount() == 0 && sameChecksum) {
            List<Segment> linked = new ArrayList<>();
            try {
                for (Segment s : src.segments()) {
                    linked.add(new Segment(blobs.duplicate(s.blob()), s.size()));
                }
            } catch (IOException e) {
                blobs.delete(Segment.blobs(linked));
                throw sourceGone(src, e);
            }
            return new Copied(linked, src.etag(), src.checksumAlgorithm(), src.checksumValue());
        }
        BlobStore.Stored stored;
        try (InputStream in = blobs.open(src.segments(), 0, src.size())) {
            stored = write(in, wanted == null ? Set.of() : Set.of(wanted), MAX_PUT);
        } catch (IOException e) {
            throw sourceGone(src, e);
        } catch (UncheckedIOException e) {
            throw sourceGone(src, e.getCause());
        }
        return new Copied(List.of(new Segment(stored.blob(), stored.size())), ETags.of(stored.md5()),
                wanted == null ? null : wanted.name(),
                wanted == null ? null : Base64.getEncoder().encodeToString(stored.checksums().get(wanted)));
    }

    // ---- tagging ----

    String putTags(RequestContext ctx, PutObjectTaggingRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        List<Tags.Tag> tags = r.tagging() == null ? List.of()
                : r.tagging().tagSet().stream().map(t -> new Tags.Tag(t.key(), t.value())).toList();
        Map<String, String> checked = Tags.check(tags, Tags.MAX_OBJECT_TAGS, true);
        ObjectRecord o = resolve(b, r.key(), r.versionId(), "PUT");
        store.setObjectTags(b.name(), r.key(), o.versionId(), checked);
        return versionHeader(b, o);
    }

    ObjectRecord tagged(RequestContext ctx, String bucket, String key, String versionId) {
        BucketRecord b = buckets.require(ctx, bucket);
        return resolve(b, key, versionId, "GET");
    }

    String deleteTags(RequestContext ctx, DeleteObjectTaggingRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        ObjectRecord o = resolve(b, r.key(), r.versionId(), "DELETE");
        store.setObjectTags(b.name(), r.key(), o.versionId(), Map.of());
        return versionHeader(b, o);
    }

    // ---- helpers ----

    /** The version id S3 reports: none for a bucket that never had versioning. */
    static String versionHeader(BucketRecord b, ObjectRecord o) {
        return b.versioning() == null ? null : o.versionId();
    }

    static String newVersionId(BucketRecord b) {
        return b.versioningEnabled() ? Ids.newVersionId() : Ids.NULL_VERSION;
    }

    /**
     * The storage class a write asks for (STANDARD when none). Classes of other kinds of storage (OUTPOSTS,
     * SNOW, EXPRESS_ONEZONE for directory buckets, the FSx ones) and unknown names are AWS's
     * {@code InvalidStorageClass} on a general purpose bucket.
     */
    static String storageClass(String requested) {
        if (requested == null || requested.isEmpty()) {
            return "STANDARD";
        }
        if (!WRITABLE_CLASSES.contains(requested)) {
            throw new S3Exception(S3Error.InvalidStorageClass, null, S3Exception.ordered("StorageClassRequested", requested));
        }
        return requested;
    }

    private static final Set<String> WRITABLE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
            "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR");

    /** The content headers stored with an object; aws-chunked, a transfer encoding, is not the content's. */
    static Map<String, String> contentHeaders(String type, String cache, String disposition, String encoding, String language,
                                              Instant expires, String redirect) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", type == null || type.isEmpty() ? DEFAULT_CONTENT_TYPE : type);
        putIf(h, "Cache-Control", cache);
        putIf(h, "Content-Disposition", disposition);
        if (encoding != null) {
            List<String> kept = new ArrayList<>();
            for (String token : encoding.split(",")) {
                if (!token.isBlank() && !token.strip().equalsIgnoreCase("aws-chunked")) {
                    kept.add(token.strip());
                }
            }
            putIf(h, "Content-Encoding", kept.isEmpty() ? null : String.join(",", kept));
        }
        putIf(h, "Content-Language", language);
        if (expires != null) {
            h.put("Expires", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(expires.atZone(java.time.ZoneOffset.UTC)));
        }
        putIf(h, "x-amz-website-redirect-location", redirect);
        return h;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
