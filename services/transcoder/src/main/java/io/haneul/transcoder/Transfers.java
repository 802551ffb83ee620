package io.haneul.transcoder;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.transcoder.engine.ProducedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Moves a job's bytes between Haneul's S3 and the work directory, streamed both ways so that media of
 * any size never sits in memory.
 */
final class Transfers {

    /** An object the job needs that is not there: the job fails with 3001. */
    static final class Missing extends RuntimeException {
        final String bucket;
        final String key;

        Missing(String bucket, String key) {
            super("bucket=" + bucket + ", key=" + key, null, false, false);
            this.bucket = bucket;
            this.key = key;
        }
    }

    private final ObjectStorage storage;
    private final String account;

    Transfers(ObjectStorage storage, String account) {
        this.storage = storage;
        this.account = account;
    }

    /** Copies an object into {@code dir} under a name of its own; throws {@link Missing} when it does not exist. */
    Path download(String bucket, String key, Path dir, String name) {
        return download(bucket, key, dir, name, UnaryOperator.identity());
    }

    /**
     * {@link #download(String, String, Path, String)} through {@code decode} (an aes-* input's decryption).
     *
     * @throws UncheckedIOException also when {@code decode} fails on the object's bytes
     */
    Path download(String bucket, String key, Path dir, String name, UnaryOperator<InputStream> decode) {
        Path target = dir.resolve(name);
        try (ObjectStorage.StoredObject object = storage.getObject(account, bucket, key); InputStream in = decode.apply(object.content())) {
            Files.createDirectories(dir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (ObjectStorage.ObjectStorageException e) {
            if (e.code().equals("NoSuchKey") || e.code().equals("NoSuchBucket")) {
                throw new Missing(bucket, key);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String bucket, String key) {
        Optional<ObjectStorage.ObjectInfo> info = storage.headObject(account, bucket, key);
        return info.isPresent();
    }

    /**
     * Writes a produced file through {@code encode} (an aes-* output's encryption), encrypted at rest as asked
     * (null: the bucket's default) in a storage class (null: STANDARD), then gives it the ACL of {@code grants} unless that is empty (S3's default ACL stays).
     */
    void upload(String region, String bucket, String key, ProducedFile file, List<ObjectStorage.Grant> grants,
                ObjectStorage.ServerSideEncryption encryption, String storageClass, UnaryOperator<InputStream> encode) {
        try (InputStream in = encode.apply(Files.newInputStream(file.file()))) {
            storage.putObject(account, region, bucket, key, in, file.contentType(), Map.of(), encryption, storageClass);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!grants.isEmpty()) {
            storage.putObjectAcl(account, bucket, key, grants);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp file is not worth failing a finished job over
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
