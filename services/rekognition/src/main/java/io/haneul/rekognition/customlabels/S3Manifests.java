package io.haneul.rekognition.customlabels;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceCallException;
import io.haneul.rekognition.domain.RekognitionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/** Ground Truth manifests read from Haneul's S3 as the caller's account; any failure is InvalidS3ObjectException, as AWS answers. */
public final class S3Manifests implements DatasetService.Manifests {

    /** The largest manifest read: AWS caps a dataset's manifest far below this. */
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private final Supplier<Optional<ObjectStorage>> storage;

    public S3Manifests(Supplier<Optional<ObjectStorage>> storage) {
        this.storage = storage;
    }

    @Override
    public String read(String account, String bucket, String key, String version) {
        if (bucket == null || bucket.isEmpty() || key == null || key.isEmpty()) {
            throw RekognitionException.invalidS3Object();
        }
        ObjectStorage s3 = storage.get().orElseThrow(RekognitionException::invalidS3Object);
        try (ObjectStorage.StoredObject object = s3.getObject(account, bucket, key, version);
             InputStream in = object.content()) {
            byte[] data = in.readNBytes(MAX_BYTES + 1);
            if (data.length > MAX_BYTES) {
                throw RekognitionException.invalidParameter("The manifest is larger than " + MAX_BYTES + " bytes");
            }
            return new String(data, StandardCharsets.UTF_8);
        } catch (ServiceCallException | IOException | UncheckedIOException e) {
            throw RekognitionException.invalidS3Object();
        }
    }
}
