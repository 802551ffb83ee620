package io.haneul.lambda;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.lambda.domain.LambdaException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a deployment package comes from: the request itself ({@code ZipFile}, at most 50 MB as on
 * AWS) or an object in Haneul's S3 ({@code S3Bucket}/{@code S3Key}), read as the calling account
 * through {@link ObjectStorage}, so bucket ownership and policies apply as they do to the S3 API.
 * S3's refusals come back in Lambda's words ({@code Error occurred while GetObject. S3 Error Code: ...}).
 * {@code S3ObjectVersion} reads that version of the key (in a versioned bucket).
 */
final class CodeSource {

    /** AWS's limit on a zip uploaded in the request. */
    static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;
    /** The same limit as AWS states it: the request, the zip base64-encoded ({@code ceil(50 MiB / 3) * 4}). */
    static final long DIRECT_UPLOAD_REQUEST_LIMIT = 69_905_067;

    private final Supplier<Optional<ObjectStorage>> storage;
    private final long maxObjectBytes;

    /** @param maxObjectBytes the largest package read from S3 (AWS's unzipped limit: no smaller zip can exceed it) */
    CodeSource(Supplier<Optional<ObjectStorage>> storage, long maxObjectBytes) {
        this.storage = storage;
        this.maxObjectBytes = maxObjectBytes;
    }

    /**
     * The package's bytes, or null when the request names none.
     *
     * @param operation the API operation, named in the too-large message as AWS names it
     */
    byte[] read(String account, byte[] zipFile, String bucket, String key, String version, String operation) {
        if (zipFile != null) {
            if (zipFile.length > DIRECT_UPLOAD_LIMIT) {
                throw LambdaException.tooLarge("Request must be smaller than " + DIRECT_UPLOAD_REQUEST_LIMIT + " bytes for the "
                        + operation + " operation");
            }
            return zipFile;
        }
        if (bucket == null && key == null) {
            return null;
        }
        if (bucket == null || key == null) {
            throw LambdaException.invalidParameter("Please provide both S3Bucket and S3Key to use S3 as the source of the code.");
        }
        ObjectStorage s3 = storage.get().orElseThrow(() -> getObjectError("NoSuchBucket", "The specified bucket does not exist"));
        try (ObjectStorage.StoredObject object = s3.getObject(account, bucket, key, version)) {
            if (object.info().size() > maxObjectBytes) {
                throw LambdaException.invalidParameter("Unzipped size must be smaller than " + maxObjectBytes + " bytes");
            }
            try (InputStream in = object.content()) {
                return in.readAllBytes();
            }
        } catch (ObjectStorage.ObjectStorageException e) {
            throw getObjectError(e.code(), switch (e.code()) {
                case "NoSuchKey" -> "The specified key does not exist.";
                case "NoSuchBucket" -> "The specified bucket does not exist";
                case "NoSuchVersion" -> "The specified version does not exist.";
                case "AccessDenied" -> "Access Denied";
                default -> e.getMessage();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LambdaException getObjectError(String code, String message) {
        return LambdaException.invalidParameter("Error occurred while GetObject. S3 Error Code: " + code + ". S3 Error Message: " + message);
    }
}
