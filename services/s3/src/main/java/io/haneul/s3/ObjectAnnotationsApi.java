package io.haneul.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.auth.ChecksumAlgorithm;
import io.haneul.core.engine.DocumentOperations;
import io.haneul.core.engine.RequestContext;
import io.haneul.s3.domain.Checksums;
import io.haneul.s3.domain.ETags;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.AnnotationStore;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Object annotations (Put/Get/List/DeleteObjectAnnotation), which the SDK Haneul is built with has no
 * classes for, answered on documents: named payloads of 1 byte to 1 MiB attached to one object version
 * (the current one unless {@code versionId} names another), at most 1,000 per version, names of 1 to 512
 * UTF-8 bytes; replaced by name, removed with their version. They report their version's encryption
 * (an SSE-C object takes none: 400 {@code InvalidRequest}), an MD5 ETag and a CRC64NVME checksum of the
 * payload. {@code x-amz-object-if-match} must name the version's ETag (412 otherwise).
 */
@DocumentOperations.Names({"PutObjectAnnotation", "GetObjectAnnotation", "ListObjectAnnotations", "DeleteObjectAnnotation"})
final class ObjectAnnotationsApi implements DocumentOperations {

    static final int MAX_PER_VERSION = 1000;
    static final int MAX_PAYLOAD = 1024 * 1024;
    static final int MAX_NAME_BYTES = 512;

    private final BucketService buckets;
    private final ObjectService objects;
    private final AnnotationStore store;
    private final Clock clock;

    ObjectAnnotationsApi(BucketService buckets, ObjectService objects, AnnotationStore store, Clock clock) {
        this.buckets = buckets;
        this.objects = objects;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Map<String, DocumentHandler> documentOperations() {
        return Map.of("PutObjectAnnotation", this::put, "GetObjectAnnotation", this::get,
                "ListObjectAnnotations", this::list, "DeleteObjectAnnotation", this::delete);
    }

    private record Target(BucketRecord bucket, ObjectRecord version) {
    }

    private Target target(RequestContext ctx, JsonNode in, String action) {
        BucketRecord b = buckets.require(ctx, in.path("Bucket").asText(), action, in.path("Key").asText());
        ObjectRecord o = objects.resolve(b, in.path("Key").asText(), in.path("VersionId").asText(null), "GET");
        String ifMatch = in.path("ObjectIfMatch").asText(null);
        if (ifMatch != null && !ETags.unquote(ifMatch).equals(ETags.unquote(o.etag()))) {
            throw S3Exception.preconditionFailed("x-amz-object-if-match");
        }
        return new Target(b, o);
    }

    private static String name(JsonNode in) {
        String name = in.path("AnnotationName").asText("");
        if (name.isEmpty()) {
            throw new S3Exception(S3Error.InvalidAnnotationName, "The annotation name must not be empty.");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new S3Exception(S3Error.AnnotationNameTooLong, "The annotation name must be at most 512 bytes long.");
        }
        return name;
    }

    private JsonNode put(RequestContext ctx, JsonNode in) throws java.io.IOException {
        String name = name(in);
        byte[] payload = in.path("AnnotationPayload").binaryValue();
        if (payload == null || payload.length == 0) {
            throw S3Exception.invalidRequest("The annotation payload must not be empty.");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new S3Exception(S3Error.EntityTooLarge, null, S3Exception.ordered("ProposedSize", String.valueOf(payload.length),
                    "MaxSizeAllowed", String.valueOf(MAX_PAYLOAD)));
        }
        Target t = target(ctx, in, "s3:PutObject");
        if (t.version().headers().containsKey(Encryption.CUSTOMER_KEY_MD5)) {
            throw S3Exception.invalidRequest("Objects encrypted with SSE-C cannot have annotations.");
        }
        String etag = ETags.of(ETags.md5().digest(payload));
        String crc = Checksums.of(ChecksumAlgorithm.CRC64NVME, payload);
        boolean stored;
        try {
            stored = store.put(new AnnotationStore.Annotation(t.version().id(), name, payload, etag, crc, clock.millis()), MAX_PER_VERSION);
        } catch (NoSuchElementException replaced) {
            throw S3Exception.noSuchKey(t.version().key());
        }
        if (!stored) {
            throw new S3Exception(S3Error.AnnotationLimitExceeded, "An object version can have at most 1000 annotations.");
        }
        ObjectNode out = described(t, etag, crc);
        out.put("AnnotationName", name).put("Key", t.version().key());
        return out;
    }

    private JsonNode get(RequestContext ctx, JsonNode in) {
        String name = name(in);
        Target t = target(ctx, in, "s3:GetObject");
        AnnotationStore.Annotation a = store.get(t.version().id(), name)
                .orElseThrow(() -> new S3Exception(S3Error.NoSuchAnnotation, null, S3Exception.ordered("AnnotationName", name)));
        ObjectNode out = described(t, a.etag(), "ENABLED".equals(in.path("ChecksumMode").asText(null)) ? a.checksum() : null);
        out.put("ContentLength", a.payload().length).put("LastModified", a.lastModified() / 1000.0).put("AnnotationPayload", a.payload());
        return out;
    }

    private JsonNode list(RequestContext ctx, JsonNode in) {
        Target t = target(ctx, in, "s3:GetObject");
        String prefix = in.path("AnnotationPrefix").asText("");
        int max = in.has("MaxAnnotationResults") ? in.get("MaxAnnotationResults").asInt() : MAX_PER_VERSION;
        if (max < 1 || max > MAX_PER_VERSION) {
            throw S3Exception.invalidArgument("max-annotation-results must be between 1 and 1000", "max-annotation-results",
                    String.valueOf(max));
        }
        String token = in.path("ContinuationToken").asText(null);
        String after = token == null ? null : decode(token);
        List<AnnotationStore.Summary> matching = store.list(t.version().id()).stream()
                .filter(s -> s.name().startsWith(prefix) && (after == null || s.name().compareTo(after) > 0)).toList();
        List<AnnotationStore.Summary> page = matching.subList(0, Math.min(max, matching.size()));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String versionHeader = ObjectService.versionHeader(t.bucket(), t.version());
        if (versionHeader != null) {
            out.put("ObjectVersionId", versionHeader);
        }
        out.put("Bucket", t.bucket().name()).put("Key", t.version().key());
        if (!prefix.isEmpty()) {
            out.put("AnnotationPrefix", prefix);
        }
        if (token != null) {
            out.put("ContinuationToken", token);
        }
        out.put("MaxAnnotationResults", max).put("AnnotationCount", page.size());
        if (matching.size() > page.size()) {
            out.put("NextContinuationToken", Base64.getUrlEncoder().encodeToString(page.getLast().name().getBytes(StandardCharsets.UTF_8)));
        }
        if (!page.isEmpty()) {
            ArrayNode entries = out.putArray("Annotations");
            for (AnnotationStore.Summary s : page) {
                entries.addObject().put("AnnotationName", s.name()).put("ETag", s.etag()).put("LastModified", s.lastModified() / 1000.0)
                        .put("Size", s.size()).putArray("ChecksumAlgorithm").add("CRC64NVME");
            }
        }
        return out;
    }

    private JsonNode delete(RequestContext ctx, JsonNode in) {
        String name = name(in);
        Target t = target(ctx, in, "s3:DeleteObject");
        if (!store.delete(t.version().id(), name)) {
            throw new S3Exception(S3Error.NoSuchAnnotation, null, S3Exception.ordered("AnnotationName", name));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String versionHeader = ObjectService.versionHeader(t.bucket(), t.version());
        if (versionHeader != null) {
            out.put("ObjectVersionId", versionHeader);
        }
        return out;
    }

    /** The headers every annotation answer shares: its ETag, its version, the version's encryption, and a checksum if given. */
    private static ObjectNode described(Target t, String etag, String crc64) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("ETag", etag);
        String versionHeader = ObjectService.versionHeader(t.bucket(), t.version());
        if (versionHeader != null) {
            out.put("ObjectVersionId", versionHeader);
        }
        String sse = t.version().headers().get(Encryption.SSE);
        out.put("ServerSideEncryption", sse == null ? "AES256" : sse);
        if (crc64 != null) {
            out.put("ChecksumCRC64NVME", crc64).put("ChecksumType", Checksums.FULL_OBJECT);
        }
        return out;
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Exception.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }
    }
}
