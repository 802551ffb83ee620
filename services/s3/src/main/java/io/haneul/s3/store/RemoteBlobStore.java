package io.haneul.s3.store;

import io.haneul.core.auth.ChecksumAlgorithm;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Blobs as objects in an external S3-compatible store ({@code --s3-blob-url}), for nodes that share
 * no directory. A blob is one object, {@code <prefix><id>}: written by one PutObject when it fits in
 * one buffer, else by a multipart upload of {@value #PART_SIZE}-byte parts, so memory per write stays
 * one buffer however large the object. The object exists (the store has acknowledged it) before
 * {@link #write} returns; a single PUT's ETag is checked against the MD5 Haneul computed.
 */
public final class RemoteBlobStore implements BlobStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RemoteBlobStore.class);
    static final int PART_SIZE = 8 * 1024 * 1024;
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final RemoteBlobLocation location;

    public RemoteBlobStore(S3Client s3, RemoteBlobLocation location) {
        this.s3 = s3;
        this.location = location;
        ensureBucket();
    }

    /** Creates the bucket on first use (a fresh MinIO or Haneul); any other failure shows on first write. */
    private void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(location.bucket()));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(location.bucket()));
            LOG.info("created the S3 blob bucket {}", location.bucket());
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                LOG.warn("cannot check the S3 blob bucket {}: {}", location.bucket(), e.getMessage());
                return;
            }
            s3.createBucket(b -> b.bucket(location.bucket()));
        } catch (SdkException e) {
            LOG.warn("cannot reach the S3 blob store for bucket {}: {}", location.bucket(), e.getMessage());
        }
    }

    @Override
    public Stored write(InputStream in, Collection<ChecksumAlgorithm> algorithms, long maxSize) throws IOException {
        String id = BlobStore.newId();
        String key = location.key(id);
        BlobDigests digests = new BlobDigests(algorithms);
        byte[] buf = new byte[PART_SIZE];
        int n = in.readNBytes(buf, 0, buf.length);
        checkSize(n, maxSize);
        digests.update(buf, 0, n);
        if (n < buf.length) {
            Stored stored = digests.stored(id, n);
            putSingle(key, buf, n, stored.md5());
            return stored;
        }
        long size = uploadMultipart(key, in, buf, n, digests, maxSize);
        return digests.stored(id, size);
    }

    private static void checkSize(long size, long maxSize) throws TooLarge {
        if (size > maxSize) {
            throw new TooLarge();
        }
    }

    private void putSingle(String key, byte[] buf, int n, byte[] md5) throws IOException {
        String etag;
        try {
            etag = s3.putObject(b -> b.bucket(location.bucket()).key(key), body(buf, n)).eTag();
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
        String expected = HexFormat.of().formatHex(md5);
        String got = etag == null ? "" : etag.replace("\"", "");
        if (got.matches("[0-9a-fA-F]{32}") && !got.equalsIgnoreCase(expected)) {
            delete(List.of(key.substring(location.prefix().length())));
            throw new IOException("the S3 blob store stored " + key + " with ETag " + got + ", not the MD5 sent (" + expected + ")");
        }
    }

    /** Uploads the first full buffer and the rest of the stream as parts; aborts the upload on any failure. */
    private long uploadMultipart(String key, InputStream in, byte[] buf, int first, BlobDigests digests, long maxSize) throws IOException {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(b -> b.bucket(location.bucket()).key(key)).uploadId();
        } catch (SdkException e) {
            throw failure("start an upload for", key, e);
        }
        boolean done = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            int n = first;
            while (n > 0) {
                size += n;
                int number = parts.size() + 1;
                String etag = s3.uploadPart(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId).partNumber(number),
                        body(buf, n)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                n = in.readNBytes(buf, 0, buf.length);
                checkSize(size + n, maxSize);
                digests.update(buf, 0, n);
            }
            s3.completeMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
            done = true;
            return size;
        } catch (SdkException e) {
            throw failure("write", key, e);
        } finally {
            if (!done) {
                abort(key, uploadId);
            }
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warn("cannot abort the blob upload {} of {}: {}", uploadId, key, e.getMessage());
        }
    }

    private static RequestBody body(byte[] buf, int n) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buf, 0, n), n, "application/octet-stream");
    }

    /** A server-side copy: every blob is at most 5 GiB (one PUT or one part), CopyObject's limit. */
    @Override
    public String duplicate(String blob) throws IOException {
        String id = BlobStore.newId();
        try {
            s3.copyObject(b -> b.sourceBucket(location.bucket()).sourceKey(location.key(blob))
                    .destinationBucket(location.bucket()).destinationKey(location.key(id)));
        } catch (SdkException e) {
            throw failure("copy", location.key(blob), e);
        }
        return id;
    }

    @Override
    public InputStream open(List<Segment> segments, long offset, long length) {
        return new RangedSegments(segments, offset, length);
    }

    @Override
    public void delete(Collection<String> ids) {
        List<ObjectIdentifier> keys = ids.stream().map(id -> ObjectIdentifier.builder().key(location.key(id)).build()).toList();
        for (int i = 0; i < keys.size(); i += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + DELETE_BATCH));
            try {
                s3.deleteObjects(b -> b.bucket(location.bucket()).delete(d -> d.objects(batch).quiet(true)))
                        .errors().forEach(err -> LOG.warn("cannot delete blob {}: {}", err.key(), err.message()));
            } catch (SdkException e) {
                LOG.warn("cannot delete {} blobs: {}", batch.size(), e.getMessage());
            }
        }
    }

    private static IOException failure(String what, String key, SdkException e) {
        return new IOException("cannot " + what + " " + key + " in the S3 blob store: " + e.getMessage(), e);
    }

    /** A byte range across segments: one ranged GetObject per segment, opened as it is reached. */
    private final class RangedSegments extends InputStream {
        private final SegmentWalk walk;
        private ResponseInputStream<GetObjectResponse> current;
        private long currentLeft;

        RangedSegments(List<Segment> segments, long offset, long length) {
            this.walk = new SegmentWalk(segments, offset, length);
        }

        @Override
        public int read() throws IOException {
            return io.haneul.core.io.InputStreams.readOneByte(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (current == null && !openNext()) {
                return -1;
            }
            int n = current.read(b, off, (int) Math.min(len, currentLeft));
            if (n < 0) {
                throw new IOException("blob ended before the recorded size");
            }
            currentLeft -= n;
            if (currentLeft == 0) {
                current.close();
                current = null;
            }
            return n;
        }

        private boolean openNext() throws IOException {
            SegmentWalk.Piece piece = walk.next();
            if (piece == null) {
                return false;
            }
            String key = location.key(piece.segment().blob());
            String range = "bytes=" + piece.offset() + "-" + (piece.offset() + piece.length() - 1);
            try {
                current = s3.getObject(g -> g.bucket(location.bucket()).key(key).range(range));
            } catch (NoSuchKeyException e) {
                throw new MissingBlobException(piece.segment().blob(), "the S3 blob store", e);
            } catch (SdkException e) {
                throw failure("read", key, e);
            }
            currentLeft = piece.length();
            return true;
        }

        @Override
        public void close() {
            if (current != null) {
                if (currentLeft > 0) {
                    current.abort(); // do not drain the rest of a large range to reuse the connection
                }
                try {
                    current.close();
                } catch (IOException ignored) {
                    // the connection is dropped either way
                }
                current = null;
            }
        }
    }
}
