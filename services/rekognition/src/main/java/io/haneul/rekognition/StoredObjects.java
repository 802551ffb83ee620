package io.haneul.rekognition;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.rekognition.domain.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.S3Object;

import java.util.Optional;
import java.util.function.Supplier;

/** An {@code S3Object} a request names, looked up in Haneul's S3 as the caller. */
final class StoredObjects {

    private StoredObjects() {
    }

    /**
     * The size of the object (its named version, or the current one).
     *
     * @throws RekognitionException InvalidParameterException without Bucket or Name; InvalidS3ObjectException
     *                              when it cannot be read (no S3, no bucket, no key, no access)
     */
    static long size(Supplier<Optional<ObjectStorage>> storage, String account, S3Object o) {
        if (o == null || o.bucket() == null || o.name() == null) {
            throw RekognitionException.invalidParameter();
        }
        ObjectStorage s3 = storage.get().orElseThrow(RekognitionException::invalidS3Object);
        try {
            if (o.version() == null) {
                return s3.headObject(account, o.bucket(), o.name()).orElseThrow(RekognitionException::invalidS3Object).size();
            }
            try (ObjectStorage.StoredObject object = s3.getObject(account, o.bucket(), o.name(), o.version())) {
                return object.info().size();
            }
        } catch (ObjectStorage.ObjectStorageException e) {
            throw RekognitionException.invalidS3Object();
        }
    }
}
