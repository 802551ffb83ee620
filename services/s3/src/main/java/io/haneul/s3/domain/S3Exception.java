package io.haneul.s3.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A broken S3 rule: the error code to answer, AWS's message and the extra elements S3 puts in its
 * {@code <Error>} document ({@code Key}, {@code BucketName}, {@code UploadId}, ...). An answer, not a
 * bug, so no stack trace is captured.
 */
public final class S3Exception extends RuntimeException {

    private final S3Error error;
    private final Map<String, Object> fields;

    public S3Exception(S3Error error, String message, Map<String, Object> fields) {
        super(message == null ? error.defaultMessage() : message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public S3Exception(S3Error error) {
        this(error, null, Map.of());
    }

    public S3Exception(S3Error error, String message) {
        this(error, message, Map.of());
    }

    public S3Error error() {
        return error;
    }

    /** Extra elements of the error document, in the order AWS writes them. */
    public Map<String, Object> fields() {
        return fields;
    }

    public static S3Exception noSuchBucket(String bucket) {
        return new S3Exception(S3Error.NoSuchBucket, null, Map.of("BucketName", bucket));
    }

    public static S3Exception noSuchKey(String key) {
        return new S3Exception(S3Error.NoSuchKey, null, Map.of("Key", key));
    }

    public static S3Exception noSuchVersion(String key, String versionId) {
        return new S3Exception(S3Error.NoSuchVersion, null, ordered("Key", key, "VersionId", versionId));
    }

    public static S3Exception noSuchUpload(String uploadId) {
        return new S3Exception(S3Error.NoSuchUpload, null, Map.of("UploadId", uploadId));
    }

    public static S3Exception withBucket(S3Error error, String bucket) {
        return new S3Exception(error, null, Map.of("BucketName", bucket));
    }

    public static S3Exception invalidArgument(String message, String name, String value) {
        return new S3Exception(S3Error.InvalidArgument, message,
                ordered("ArgumentName", name, "ArgumentValue", value == null ? "" : value));
    }

    public static S3Exception invalidRequest(String message) {
        return new S3Exception(S3Error.InvalidRequest, message);
    }

    public static S3Exception preconditionFailed(String condition) {
        return new S3Exception(S3Error.PreconditionFailed, null, Map.of("Condition", condition));
    }

    public static S3Exception malformedXml() {
        return new S3Exception(S3Error.MalformedXML);
    }

    /** A map that keeps the order given (S3 writes the elements in a fixed order). */
    public static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Override
    public String toString() {
        return "S3Exception[" + error + ": " + getMessage() + "]";
    }
}
