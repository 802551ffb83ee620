package io.haneul.rekognition.customlabels;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceCallException;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlDatasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ground Truth manifests read line by line from Haneul's S3 as the caller's account; a manifest that cannot be
 * read is InvalidS3ObjectException, as AWS answers, and one over Custom Labels' limits InvalidParameterException.
 */
public final class S3Manifests implements DatasetService.Manifests {

    /** The largest manifest, as Custom Labels' validation rules document it: 1 GB. */
    static final long MAX_BYTES = 1024L * 1024 * 1024;

    private final Supplier<Optional<ObjectStorage>> storage;
    private final GroundTruthLines lines;

    public S3Manifests(Supplier<Optional<ObjectStorage>> storage, GroundTruthLines lines) {
        this.storage = storage;
        this.lines = lines;
    }

    @Override
    public List<SqlDatasets.Entry> entries(String account, String bucket, String key, String version) {
        if (bucket == null || bucket.isEmpty() || key == null || key.isEmpty()) {
            throw RekognitionException.invalidS3Object();
        }
        ObjectStorage s3 = storage.get().orElseThrow(RekognitionException::invalidS3Object);
        try (ObjectStorage.StoredObject object = s3.getObject(account, bucket, key, version);
             BufferedReader in = new BufferedReader(new InputStreamReader(object.content(), StandardCharsets.UTF_8))) {
            if (object.info().size() > MAX_BYTES) {
                throw RekognitionException.invalidParameter("The manifest is larger than " + MAX_BYTES + " bytes");
            }
            return lines.read(in);
        } catch (ServiceCallException | IOException | UncheckedIOException e) {
            throw RekognitionException.invalidS3Object();
        }
    }
}
