package io.haneul.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.haneul.core.engine.DocumentOperations;
import io.haneul.core.engine.RequestContext;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.s3.store.S3Store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * UpdateObjectEncryption, which the SDK Haneul is built with has no classes for, answered on documents:
 * an object version (the current one unless {@code versionId} names another) is switched to SSE-KMS
 * with the key and bucket-key setting asked, in place: ETag, checksums, dates, storage class and
 * metadata stay, and GET/HEAD report the new encryption. As Haneul stores bytes as sent (docs/s3.md),
 * no data key is re-wrapped. An SSE-C object cannot be changed (400 {@code InvalidRequest}).
 */
@DocumentOperations.Names({"UpdateObjectEncryption"})
final class ObjectEncryptionApi implements DocumentOperations {

    private final BucketService buckets;
    private final ObjectService objects;
    private final S3Store store;

    ObjectEncryptionApi(BucketService buckets, ObjectService objects, S3Store store) {
        this.buckets = buckets;
        this.objects = objects;
        this.store = store;
    }

    @Override
    public Map<String, DocumentHandler> documentOperations() {
        return Map.of("UpdateObjectEncryption", this::update);
    }

    private JsonNode update(RequestContext ctx, JsonNode in) {
        JsonNode kms = in.path("ObjectEncryption").path("SSEKMS");
        String keyArn = kms.path("KMSKeyArn").asText("");
        if (kms.isMissingNode() || keyArn.isEmpty()) {
            throw S3Exception.malformedXml();
        }
        if (!keyArn.startsWith("arn:") || !keyArn.contains(":kms:")) {
            throw S3Exception.invalidArgument("The KMS key ARN is not valid", "KMSKeyArn", keyArn);
        }
        BucketRecord b = buckets.require(ctx, in.path("Bucket").asText());
        ObjectRecord o = objects.resolve(b, in.path("Key").asText(), in.path("VersionId").asText(null), "PUT");
        if (o.headers().containsKey(Encryption.CUSTOMER_KEY_MD5)) {
            throw S3Exception.invalidRequest("The encryption type of an object encrypted with SSE-C cannot be updated.");
        }
        Map<String, String> headers = new LinkedHashMap<>(o.headers());
        headers.keySet().removeAll(Encryption.KEYS);
        headers.put(Encryption.SSE, "aws:kms");
        headers.put(Encryption.KMS_KEY, keyArn);
        if (kms.path("BucketKeyEnabled").asBoolean(false)) {
            headers.put(Encryption.BUCKET_KEY, "true");
        }
        if (!store.setObjectHeadersOfRow(o.id(), headers)) {
            throw S3Exception.noSuchKey(o.key()); // replaced while the update was asked for
        }
        return JsonNodeFactory.instance.objectNode();
    }
}
