package io.haneul.s3;

import io.haneul.core.auth.ChecksumAlgorithm;
import io.haneul.core.engine.RequestContext;
import io.haneul.s3.domain.ByteRange;
import io.haneul.s3.domain.Checksums;
import io.haneul.s3.domain.Crc64Combine;
import io.haneul.s3.domain.Conditions;
import io.haneul.s3.domain.ETags;
import io.haneul.s3.domain.Ids;
import io.haneul.s3.domain.Keys;
import io.haneul.s3.domain.Listing;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.domain.Tags;
import io.haneul.s3.store.BlobStore;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.s3.store.PartRecord;
import io.haneul.s3.store.S3Store;
import io.haneul.s3.store.Segment;
import io.haneul.s3.store.UploadRecord;
import software.amazon.awssdk.services.s3.model.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multipart uploads: parts stream into their own blobs; completing an upload makes the chosen
 * parts' blobs the object's segments, in order, without copying a byte. Every part but the last must
 * be at least 5 MiB; the ETag is the MD5 of the parts' MD5s with {@code -N}.
 */
final class MultipartService {

    /** The checksum AWS gives parts and objects of an upload created without an algorithm. */
    private static final ChecksumAlgorithm DEFAULT = ChecksumAlgorithm.CRC64NVME;


    static final long MIN_PART = 5L * 1024 * 1024;
    static final int MAX_PARTS = 10_000;

    private final S3Store store;
    private final BlobStore blobs;
    private final Encryption encryption;
    private final BucketService buckets;
    private final ObjectService objects;
    private final EventNotifier events;
    private final Clock clock;

    MultipartService(S3Store store, BlobStore blobs, BucketService buckets, ObjectService objects, EventNotifier events,
                     Encryption encryption, Clock clock) {
        this.encryption = encryption;
        this.store = store;
        this.blobs = blobs;
        this.buckets = buckets;
        this.objects = objects;
        this.events = events;
        this.clock = clock;
    }

    CreateMultipartUploadResponse create(RequestContext ctx, CreateMultipartUploadRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        Keys.check(r.key());
        ChecksumAlgorithm algorithm = Checksums.algorithm(r.checksumAlgorithmAsString());
        String type = r.checksumTypeAsString();
        if (algorithm != null && type == null) {
            type = algorithm == ChecksumAlgorithm.CRC64NVME ? Checksums.FULL_OBJECT : Checksums.COMPOSITE;
        }
        if (Checksums.FULL_OBJECT.equals(type) && algorithm != null
                && (algorithm == ChecksumAlgorithm.SHA1 || algorithm == ChecksumAlgorithm.SHA256)) {
            throw S3Exception.invalidRequest("The FULL_OBJECT checksum type cannot be used with the " + algorithm.displayName()
                    + " checksum algorithm.");
        }
        Map<String, String> headers = ObjectService.contentHeaders(r.contentType(), r.cacheControl(), r.contentDisposition(),
                r.contentEncoding(), r.contentLanguage(), r.expires(), r.websiteRedirectLocation());
        headers.putAll(encryption.forNewObject(b, new Encryption.Requested(r.serverSideEncryptionAsString(), r.ssekmsKeyId(),
                r.bucketKeyEnabled(), r.sseCustomerAlgorithm(), r.sseCustomerKey(), r.sseCustomerKeyMD5())));
        UploadRecord u = new UploadRecord(0, Ids.newUploadId(), b.name(), r.key(), clock.millis(), headers, r.metadata(),
                Tags.fromHeader(r.tagging()),
                algorithm == null ? null : algorithm.name(), algorithm == null ? null : type,
                ObjectService.storageClass(r.storageClassAsString()), ctx.accountId());
        store.createUpload(u);
        CreateMultipartUploadResponse.Builder out = CreateMultipartUploadResponse.builder().bucket(b.name()).key(r.key())
                .uploadId(u.uploadId()).checksumAlgorithm(u.checksumAlgorithm()).checksumType(u.checksumType());
        Encryption.describe(headers, out::serverSideEncryption, out::ssekmsKeyId, out::bucketKeyEnabled, out::sseCustomerAlgorithm,
                out::sseCustomerKeyMD5);
        return out.build();
    }

    private UploadRecord upload(RequestContext ctx, String bucket, String key, String uploadId) {
        buckets.require(ctx, bucket);
        UploadRecord u = store.upload(uploadId == null ? "" : uploadId).orElseThrow(() -> S3Exception.noSuchUpload(uploadId));
        if (!u.bucket().equals(bucket) || !u.key().equals(key)) {
            throw S3Exception.noSuchUpload(uploadId);
        }
        return u;
    }

    private static void checkPartNumber(Integer partNumber) {
        if (partNumber == null || partNumber < 1 || partNumber > MAX_PARTS) {
            throw S3Exception.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber",
                    String.valueOf(partNumber));
        }
    }

    UploadPartResponse uploadPart(RequestContext ctx, UploadPartRequest r) {
        UploadRecord u = upload(ctx, r.bucket(), r.key(), r.uploadId());
        checkPartNumber(r.partNumber());
        Encryption.checkPart(u.headers(), r.sseCustomerAlgorithm(), r.sseCustomerKey(), r.sseCustomerKeyMD5());
        if (r.contentLength() != null && r.contentLength() > ObjectService.MAX_PUT) {
            throw ObjectService.tooLarge(r.contentLength());
        }
        ChecksumFields.Value provided = ChecksumFields.first(r.checksumCRC32(), r.checksumCRC32C(), r.checksumCRC64NVME(),
                r.checksumSHA1(), r.checksumSHA256());
        String sdkAlgorithm = r.checksumAlgorithmAsString() != null ? r.checksumAlgorithmAsString() : u.checksumAlgorithm();
        boolean byDefault = u.checksumAlgorithm() == null; // AWS gives such an upload's parts, and then the object, a CRC64NVME
        ObjectService.Received in = objects.receive(ctx, provided, sdkAlgorithm, r.contentMD5(), ObjectService.MAX_PUT, byDefault);
        if (u.checksumAlgorithm() != null && in.algorithm() != null && !u.checksumAlgorithm().equals(in.algorithm())) {
            blobs.delete(List.of(in.stored().blob()));
            throw S3Exception.invalidRequest("Checksum Type mismatch occurred, expected checksum Type: "
                    + u.checksumAlgorithm().toLowerCase() + ", actual checksum Type: " + in.algorithm().toLowerCase());
        }
        String etag = ETags.of(in.stored().md5());
        String partChecksum = !byDefault || DEFAULT.name().equals(in.algorithm()) ? in.checksum() : null;
        storePart(new PartRecord(u.uploadId(), r.partNumber(), in.stored().size(), etag, in.stored().blob(), partChecksum,
                clock.millis()));
        UploadPartResponse.Builder out = UploadPartResponse.builder().eTag(etag);
        Encryption.describe(u.headers(), out::serverSideEncryption, out::ssekmsKeyId, out::bucketKeyEnabled, out::sseCustomerAlgorithm,
                out::sseCustomerKeyMD5);
        ChecksumFields.set(in.algorithm(), in.checksum(), out::checksumCRC32, out::checksumCRC32C, out::checksumCRC64NVME,
                out::checksumSHA1, out::checksumSHA256);
        return out.build();
    }

    private void storePart(PartRecord part) {
        S3Store.PartStored stored;
        try {
            stored = store.putPart(part);
        } catch (RuntimeException e) {
            blobs.delete(List.of(part.blob()));
            throw e;
        }
        if (!stored.uploadExists()) {
            blobs.delete(List.of(part.blob()));
            throw S3Exception.noSuchUpload(part.uploadId());
        }
        if (stored.replacedBlob() != null) {
            blobs.delete(List.of(stored.replacedBlob()));
        }
    }

    UploadPartCopyResponse uploadPartCopy(RequestContext ctx, UploadPartCopyRequest r) {
        UploadRecord u = upload(ctx, r.bucket(), r.key(), r.uploadId());
        checkPartNumber(r.partNumber());
        ObjectService.CopySource source = ObjectService.CopySource.parse(r.copySource());
        ObjectRecord src = objects.copySource(ctx, source, r.copySourceIfMatch(), r.copySourceIfNoneMatch(),
                r.copySourceIfModifiedSince(), r.copySourceIfUnmodifiedSince());
        ByteRange range = ByteRange.parseCopySourceRange(r.copySourceRange(), src.size());
        long first = range == null ? 0 : range.first();
        long length = range == null ? src.size() : range.length();
        if (length > ObjectService.MAX_PUT) {
            throw S3Exception.invalidRequest("The specified copy source is larger than the maximum allowable size for a copy source: "
                    + ObjectService.MAX_PUT);
        }
        ChecksumAlgorithm algorithm = u.checksumAlgorithm() == null ? DEFAULT : ChecksumAlgorithm.valueOf(u.checksumAlgorithm());
        BlobStore.Stored stored;
        try (InputStream in = blobs.open(src.segments(), first, length)) {
            stored = objects.write(in, algorithm == null ? Set.of() : Set.of(algorithm), ObjectService.MAX_PUT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String checksum = algorithm == null ? null : Base64.getEncoder().encodeToString(stored.checksums().get(algorithm));
        String etag = ETags.of(stored.md5());
        long now = clock.millis();
        storePart(new PartRecord(u.uploadId(), r.partNumber(), stored.size(), etag, stored.blob(), checksum, now));
        CopyPartResult.Builder result = CopyPartResult.builder().eTag(etag).lastModified(Instant.ofEpochMilli(now));
        ChecksumFields.set(algorithm.name(), checksum, result::checksumCRC32, result::checksumCRC32C,
                result::checksumCRC64NVME, result::checksumSHA1, result::checksumSHA256);
        BucketRecord sourceBucket = buckets.find(source.bucket()).orElseThrow();
        UploadPartCopyResponse.Builder out = UploadPartCopyResponse.builder().copyPartResult(result.build())
                .copySourceVersionId(ObjectService.versionHeader(sourceBucket, src));
        Encryption.describe(u.headers(), out::serverSideEncryption, out::ssekmsKeyId, out::bucketKeyEnabled, out::sseCustomerAlgorithm,
                out::sseCustomerKeyMD5);
        return out.build();
    }

    CompleteMultipartUploadResponse complete(RequestContext ctx, CompleteMultipartUploadRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        UploadRecord u = upload(ctx, r.bucket(), r.key(), r.uploadId());
        List<CompletedPart> requested = r.multipartUpload() == null ? List.of() : r.multipartUpload().parts();
        if (requested.isEmpty()) {
            throw S3Exception.malformedXml();
        }
        Map<Integer, PartRecord> uploaded = new LinkedHashMap<>();
        store.parts(u.uploadId(), 0, Integer.MAX_VALUE).forEach(p -> uploaded.put(p.partNumber(), p));
        List<PartRecord> chosen = new ArrayList<>();
        int previous = 0;
        for (CompletedPart c : requested) {
            if (c.partNumber() == null || c.partNumber() <= previous) {
                throw new S3Exception(S3Error.InvalidPartOrder, null, Map.of("UploadId", u.uploadId()));
            }
            previous = c.partNumber();
            PartRecord p = uploaded.get(c.partNumber());
            if (p == null || c.eTag() == null || !ETags.unquote(c.eTag()).equals(ETags.unquote(p.etag()))) {
                throw new S3Exception(S3Error.InvalidPart, null, S3Exception.ordered("UploadId", u.uploadId(),
                        "PartNumber", c.partNumber(), "ETag", c.eTag() == null ? "" : c.eTag()));
            }
            ChecksumFields.Value claimed = ChecksumFields.first(c.checksumCRC32(), c.checksumCRC32C(), c.checksumCRC64NVME(),
                    c.checksumSHA1(), c.checksumSHA256());
            if (claimed != null && p.checksum() != null && !claimed.base64().equals(p.checksum())) {
                throw new S3Exception(S3Error.InvalidPart, null, S3Exception.ordered("UploadId", u.uploadId(),
                        "PartNumber", c.partNumber(), "ETag", c.eTag()));
            }
            chosen.add(p);
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size() < MIN_PART) {
                throw new S3Exception(S3Error.EntityTooSmall, null, S3Exception.ordered("ProposedSize", chosen.get(i).size(),
                        "MinSizeAllowed", MIN_PART, "PartNumber", chosen.get(i).partNumber(), "ETag", chosen.get(i).etag()));
            }
        }
        long size = chosen.stream().mapToLong(PartRecord::size).sum();
        if (r.mpuObjectSize() != null && r.mpuObjectSize() != size) {
            throw S3Exception.invalidRequest("The provided 'x-amz-mp-object-size' header value " + r.mpuObjectSize()
                    + " does not match what was computed: " + size);
        }
        String etag = ETags.multipart(chosen.stream().map(PartRecord::etag).toList());
        String checksum = null;
        String algorithm = u.checksumAlgorithm();
        String checksumType = u.checksumType();
        if (algorithm == null && chosen.stream().allMatch(p -> p.checksum() != null)) {
            checksum = Crc64Combine.of(chosen.stream().map(p -> new Crc64Combine.Piece(p.checksum(), p.size())).toList());
            algorithm = DEFAULT.name();
            checksumType = Checksums.FULL_OBJECT;
        } else if (u.checksumAlgorithm() != null && chosen.stream().allMatch(p -> p.checksum() != null)) {
            ChecksumAlgorithm a = ChecksumAlgorithm.valueOf(u.checksumAlgorithm());
            if (Checksums.COMPOSITE.equals(u.checksumType())) {
                checksum = Checksums.composite(a, chosen.stream().map(PartRecord::checksum).toList());
            } else {
                checksum = fullObjectChecksum(a, chosen);
            }
        }
        Map<Integer, String> usedBlobs = new LinkedHashMap<>();
        chosen.forEach(p -> usedBlobs.put(p.partNumber(), p.blob()));
        ObjectRecord row = new ObjectRecord(0, b.name(), u.key(), ObjectService.newVersionId(b), true, false, size, etag,
                chosen.stream().map(p -> new Segment(p.blob(), p.size())).toList(), clock.millis(), u.headers(), u.metadata(),
                u.tags(), checksum == null ? null : algorithm, checksum, checksum == null ? null : checksumType,
                chosen.size(), u.storageClass(), u.owner());
        row = objects.withLock(b, row, null, null, null);
        S3Store.Written w = store.complete(u.uploadId(), row, b.versioningEnabled(), usedBlobs, current -> Conditions.checkWrite(
                        u.key(), current == null || current.deleteMarker() ? null : current.etag(), r.ifMatch(), r.ifNoneMatch()))
                .orElseThrow(() -> S3Exception.noSuchUpload(u.uploadId()));
        blobs.delete(w.droppedBlobs());
        ObjectRecord stored = w.object();
        events.objectEvent(ctx, b, "ObjectCreated:CompleteMultipartUpload", stored);
        CompleteMultipartUploadResponse.Builder out = CompleteMultipartUploadResponse.builder()
                .location(ctx.baseUrl() + "/" + b.name() + "/" + Keys.urlEncode(u.key()).replace("+", "%20"))
                .bucket(b.name()).key(u.key()).eTag(etag).versionId(ObjectService.versionHeader(b, stored));
        Encryption.describe(stored.headers(), out::serverSideEncryption, out::ssekmsKeyId, out::bucketKeyEnabled, s -> { },
                s -> { });
        ChecksumFields.set(stored.checksumAlgorithm(), stored.checksumValue(), out::checksumCRC32, out::checksumCRC32C,
                out::checksumCRC64NVME, out::checksumSHA1, out::checksumSHA256);
        if (stored.checksumAlgorithm() != null) {
            out.checksumType(stored.checksumType());
        }
        return out.build();
    }

    /** A FULL_OBJECT checksum of the parts' bytes, read back (CRC combination without rereading is not done). */
    private String fullObjectChecksum(ChecksumAlgorithm a, List<PartRecord> parts) {
        io.haneul.core.auth.ChecksumAlgorithm.Digest d = Checksums.newDigest(a);
        byte[] buf = new byte[1024 * 1024];
        long total = parts.stream().mapToLong(PartRecord::size).sum();
        try (InputStream in = blobs.open(parts.stream().map(p -> new Segment(p.blob(), p.size())).toList(), 0, total)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(d.finish());
    }

    void abort(RequestContext ctx, AbortMultipartUploadRequest r) {
        upload(ctx, r.bucket(), r.key(), r.uploadId());
        List<String> dropped = store.abort(r.uploadId()).orElseThrow(() -> S3Exception.noSuchUpload(r.uploadId()));
        blobs.delete(dropped);
    }

    ListPartsResponse listParts(RequestContext ctx, ListPartsRequest r) {
        UploadRecord u = upload(ctx, r.bucket(), r.key(), r.uploadId());
        int max = r.maxParts() == null ? 1000 : Math.max(0, Math.min(r.maxParts(), 1000));
        int marker = r.partNumberMarker() == null ? 0 : r.partNumberMarker();
        List<PartRecord> parts = store.parts(u.uploadId(), marker, max + 1);
        boolean truncated = parts.size() > max;
        if (truncated) {
            parts = parts.subList(0, max);
        }
        List<Part> out = new ArrayList<>();
        for (PartRecord p : parts) {
            Part.Builder pb = Part.builder().partNumber(p.partNumber()).eTag(p.etag()).size(p.size())
                    .lastModified(Instant.ofEpochMilli(p.lastModified()));
            ChecksumFields.set(u.checksumAlgorithm() == null ? DEFAULT.name() : u.checksumAlgorithm(), p.checksum(), pb::checksumCRC32,
                    pb::checksumCRC32C, pb::checksumCRC64NVME,
                    pb::checksumSHA1, pb::checksumSHA256);
            out.add(pb.build());
        }
        Owner owner = ListingService.owner(u.owner());
        return ListPartsResponse.builder().bucket(u.bucket()).key(u.key()).uploadId(u.uploadId()).partNumberMarker(marker)
                .nextPartNumberMarker(parts.isEmpty() ? marker : parts.getLast().partNumber()).maxParts(max).isTruncated(truncated)
                .parts(out).initiator(Initiator.builder().id(owner.id()).build()).owner(owner)
                .storageClass(u.storageClass()).checksumAlgorithm(u.checksumAlgorithm()).checksumType(u.checksumType()).build();
    }

    ListMultipartUploadsResponse listUploads(RequestContext ctx, ListMultipartUploadsRequest r) {
        BucketRecord b = buckets.require(ctx, r.bucket());
        int max = r.maxUploads() == null ? 1000 : Math.max(0, Math.min(r.maxUploads(), 1000));
        boolean url = ListingService.url(r.encodingTypeAsString());
        Listing.Cursor from;
        if (r.keyMarker() == null || r.keyMarker().isEmpty()) {
            from = Listing.Cursor.start();
        } else if (r.uploadIdMarker() != null && !r.uploadIdMarker().isEmpty()) {
            long id = store.upload(r.uploadIdMarker()).map(UploadRecord::id).orElse(0L);
            from = id == 0 ? Listing.Cursor.after(r.keyMarker()) : new Listing.Cursor(r.keyMarker(), false, id);
        } else {
            from = Listing.afterMarker(r.keyMarker(), r.prefix(), r.delimiter());
        }
        Listing.Page<UploadRecord> page = Listing.list((after, prefix, limit) -> store.listUploads(b.name(), after, prefix, limit),
                UploadRecord::key, UploadRecord::id, r.prefix(), r.delimiter(), from, max);
        List<MultipartUpload> uploads = new ArrayList<>();
        for (UploadRecord u : page.items()) {
            Owner owner = ListingService.owner(u.owner());
            uploads.add(MultipartUpload.builder().uploadId(u.uploadId()).key(ListingService.enc(u.key(), url))
                    .initiated(Instant.ofEpochMilli(u.initiated())).storageClass(u.storageClass()).owner(owner)
                    .initiator(Initiator.builder().id(owner.id()).build())
                    .checksumAlgorithm(u.checksumAlgorithm()).checksumType(u.checksumType()).build());
        }
        ListMultipartUploadsResponse.Builder out = ListMultipartUploadsResponse.builder().bucket(b.name())
                .keyMarker(ListingService.enc(r.keyMarker() == null ? "" : r.keyMarker(), url))
                .uploadIdMarker(r.uploadIdMarker() == null ? "" : r.uploadIdMarker())
                .prefix(ListingService.enc(r.prefix() == null ? "" : r.prefix(), url))
                .delimiter(ListingService.enc(r.delimiter(), url)).maxUploads(max).isTruncated(page.truncated())
                .encodingType(r.encodingTypeAsString()).uploads(uploads)
                .commonPrefixes(page.commonPrefixes().stream().map(p -> CommonPrefix.builder().prefix(ListingService.enc(p, url)).build())
                        .toList());
        if (page.truncated()) {
            out.nextKeyMarker(ListingService.enc(page.lastKey(), url));
            out.nextUploadIdMarker(page.lastItem() == null ? null : page.lastItem().uploadId());
        } else if (!uploads.isEmpty()) { // AWS names the last upload listed even on the last page
            out.nextKeyMarker(uploads.getLast().key()).nextUploadIdMarker(uploads.getLast().uploadId());
        }
        return out.build();
    }
}
