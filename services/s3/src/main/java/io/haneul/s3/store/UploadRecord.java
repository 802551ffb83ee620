package io.haneul.s3.store;

import java.util.Map;

/** A multipart upload in progress, with what the object will get when it completes. */
public record UploadRecord(long id, String uploadId, String bucket, String key, long initiated, Map<String, String> headers,
                           Map<String, String> metadata, Map<String, String> tags, String checksumAlgorithm,
                           String checksumType, String storageClass, String owner) {
}
