package io.haneul.sagemaker.training;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CheckpointConfig as SageMaker honours it: the objects under its S3Uri are copied into the job's local
 * checkpoint directory before training (so an algorithm resumes from them), and the directory's files are
 * copied back under the S3Uri when training ends, whichever way it ends (completed, stopped or failed).
 */
final class Checkpoints {

    private final Supplier<Optional<ObjectStorage>> storage;

    Checkpoints(Supplier<Optional<ObjectStorage>> storage) {
        this.storage = storage;
    }

    int restore(String account, String s3Uri, Path dir) throws AlgorithmException, IOException {
        ObjectStorage s3 = storage.get().orElseThrow(() -> AlgorithmException.internal("S3 is not running on this server"));
        S3Location prefix = S3Location.parse(s3Uri);
        String base = prefix.key().isEmpty() || prefix.key().endsWith("/") ? prefix.key() : prefix.key() + "/";
        List<ObjectStorage.ObjectInfo> objects;
        try {
            objects = s3.listObjects(account, prefix.bucket(), base, null, 1000);
        } catch (ObjectStorage.ObjectStorageException e) {
            throw AlgorithmException.client("Unable to read checkpoints from " + s3Uri + ": " + e.getMessage());
        }
        int count = 0;
        for (ObjectStorage.ObjectInfo info : objects) {
            String relative = info.key().substring(base.length());
            if (relative.isEmpty() || relative.endsWith("/") || relative.contains("..")) {
                continue;
            }
            Path target = dir.resolve(relative);
            Files.createDirectories(target.getParent());
            try (ObjectStorage.StoredObject stored = s3.getObject(account, prefix.bucket(), info.key())) {
                Files.copy(stored.content(), target, StandardCopyOption.REPLACE_EXISTING);
            }
            count++;
        }
        return count;
    }

    void save(String account, String region, String s3Uri, Path dir) throws AlgorithmException, IOException {
        ObjectStorage s3 = storage.get().orElseThrow(() -> AlgorithmException.internal("S3 is not running on this server"));
        S3Location prefix = S3Location.parse(s3Uri);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            S3Location target = prefix.child(dir.relativize(f).toString().replace('\\', '/'));
            try (InputStream in = Files.newInputStream(f)) {
                s3.putObject(account, region, target.bucket(), target.key(), in, "application/octet-stream", Map.of());
            } catch (ObjectStorage.ObjectStorageException e) {
                throw AlgorithmException.client("Unable to save checkpoints to " + s3Uri + ": " + e.getMessage());
            }
        }
    }
}
