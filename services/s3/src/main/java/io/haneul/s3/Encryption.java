package io.haneul.s3;

import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Server-side encryption as clients see it: SSE-S3 (AES256, every object's default since 2023),
 * SSE-KMS with its key id and bucket key, the bucket's default encryption, and SSE-C, whose key is
 * checked (algorithm, length, MD5) on the write and must be sent again, the same, to read. Bytes are
 * stored as sent, not encrypted (documented); only the key's MD5 is kept, never the key.
 */
final class Encryption {

    static final String SSE = "x-amz-server-side-encryption";
    static final String KMS_KEY = "x-amz-server-side-encryption-aws-kms-key-id";
    static final String BUCKET_KEY = "x-amz-server-side-encryption-bucket-key-enabled";
    static final String CUSTOMER_ALGORITHM = "x-amz-server-side-encryption-customer-algorithm";
    static final String CUSTOMER_KEY_MD5 = "x-amz-server-side-encryption-customer-key-MD5";
    /** The stored header keys that describe encryption (a copy gets its own, never its source's). */
    static final Set<String> KEYS = Set.of(SSE, KMS_KEY, BUCKET_KEY, CUSTOMER_ALGORITHM, CUSTOMER_KEY_MD5);

    /** What a write asks for; any member may be null. */
    record Requested(String sse, String kmsKeyId, Boolean bucketKey, String customerAlgorithm, String customerKey, String customerKeyMd5) {
        static final Requested NONE = new Requested(null, null, null, null, null, null);
    }

    private final BucketConfigurations configs;

    Encryption(BucketConfigurations configs) {
        this.configs = configs;
    }

    /** The encryption entries a new object stores: its SSE-C key's MD5, its requested SSE, or the bucket's default. */
    Map<String, String> forNewObject(BucketRecord b, Requested r) {
        Map<String, String> out = new LinkedHashMap<>();
        if (r.customerAlgorithm() != null || r.customerKey() != null || r.customerKeyMd5() != null) {
            if (r.sse() != null) {
                throw S3Exception.invalidArgument("Server Side Encryption with Customer provided key is incompatible with the encryption "
                        + "method specified", SSE, r.sse());
            }
            out.put(CUSTOMER_ALGORITHM, "AES256");
            out.put(CUSTOMER_KEY_MD5, customerKeyMd5(r.customerAlgorithm(), r.customerKey(), r.customerKeyMd5()));
            return out;
        }
        String sse = r.sse();
        String kmsKey = r.kmsKeyId();
        Boolean bucketKey = r.bucketKey();
        if (sse == null) {
            ServerSideEncryptionByDefault d = configs.getStored(b.name(), Kind.ENCRYPTION, ServerSideEncryptionConfiguration.class)
                    .filter(c -> !c.rules().isEmpty()).map(c -> c.rules().getFirst().applyServerSideEncryptionByDefault()).orElse(null);
            sse = d == null ? "AES256" : d.sseAlgorithmAsString();
            kmsKey = d == null ? null : d.kmsMasterKeyID();
        } else if (!Set.of("AES256", "aws:kms", "aws:kms:dsse").contains(sse)) {
            throw S3Exception.invalidArgument("The encryption method specified is not supported", SSE, sse);
        } else if (kmsKey != null && !sse.startsWith("aws:kms")) {
            throw S3Exception.invalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header "
                    + "x-amz-server-side-encryption : aws:kms", KMS_KEY, kmsKey);
        }
        out.put(SSE, sse);
        if (sse.startsWith("aws:kms")) {
            out.put(KMS_KEY, kmsKey != null ? kmsKey : "arn:aws:kms:" + b.region() + ":" + b.account() + ":alias/aws/s3");
            if (Boolean.TRUE.equals(bucketKey)) {
                out.put(BUCKET_KEY, "true");
            }
        }
        return out;
    }

    /** The base64 MD5 of a valid SSE-C key: AES256, 32 bytes, and the MD5 the client sent must match. */
    private static String customerKeyMd5(String algorithm, String key, String md5) {
        if (!"AES256".equals(algorithm)) {
            throw S3Exception.invalidArgument("The encryption algorithm specified is not valid", CUSTOMER_ALGORITHM, algorithm);
        }
        byte[] raw;
        try {
            raw = key == null ? new byte[0] : Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw S3Exception.invalidArgument("The secret key was invalid for the specified algorithm.",
                    "x-amz-server-side-encryption-customer-key", "");
        }
        String computed;
        try {
            computed = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (md5 != null && !md5.equals(computed)) {
            throw S3Exception.invalidArgument("The calculated MD5 hash of the key did not match the hash that was provided.",
                    CUSTOMER_KEY_MD5, md5);
        }
        return computed;
    }

    /** A read (or copy source) of an SSE-C object must bring its key; other objects must not get one. */
    static void checkRead(ObjectRecord o, String algorithm, String key, String md5) {
        check(o.headers(), algorithm, key, md5, "The object was stored using a form of Server Side Encryption. The correct "
                + "parameters must be provided to retrieve the object.");
    }

    /** The same rule for the parts of an SSE-C multipart upload, against the upload's stored entries. */
    static void checkPart(Map<String, String> headers, String algorithm, String key, String md5) {
        check(headers, algorithm, key, md5, "The multipart upload initiate requested encryption. Subsequent part requests must "
                + "include the appropriate encryption parameters.");
    }

    private static void check(Map<String, String> headers, String algorithm, String key, String md5, String missing) {
        String stored = headers.get(CUSTOMER_KEY_MD5);
        boolean sent = algorithm != null || key != null || md5 != null;
        if (stored == null) {
            if (sent) {
                throw S3Exception.invalidRequest("The encryption parameters are not applicable to this object.");
            }
            return;
        }
        if (!sent) {
            throw S3Exception.invalidRequest(missing);
        }
        if (!stored.equals(customerKeyMd5(algorithm, key, md5))) {
            throw new S3Exception(S3Error.AccessDenied, "Access Denied");
        }
    }

    /** Fills a response's encryption members from an object's stored entries. */
    static void describe(Map<String, String> h, Consumer<String> sse, Consumer<String> kmsKey, Consumer<Boolean> bucketKey,
                         Consumer<String> customerAlgorithm, Consumer<String> customerKeyMd5) {
        sse.accept(h.get(SSE));
        kmsKey.accept(h.get(KMS_KEY));
        bucketKey.accept(h.containsKey(BUCKET_KEY) ? Boolean.TRUE : null);
        customerAlgorithm.accept(h.get(CUSTOMER_ALGORITHM));
        customerKeyMd5.accept(h.get(CUSTOMER_KEY_MD5));
    }
}
