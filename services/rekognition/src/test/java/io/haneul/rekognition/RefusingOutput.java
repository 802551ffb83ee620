package io.haneul.rekognition;

import io.haneul.core.spi.ObjectStorage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** An object storage whose every object is a one-line manifest and whose every write fails as {@code refusal} says. */
final class RefusingOutput implements ObjectStorage {

    private static final byte[] MANIFEST = "{\"source-ref\": \"s3://in/cat.jpg\"}\n".getBytes(StandardCharsets.UTF_8);

    private final Supplier<RuntimeException> refusal;
    ServerSideEncryption asked;

    RefusingOutput(Supplier<RuntimeException> refusal) {
        this.refusal = refusal;
    }

    @Override
    public String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                            Map<String, String> metadata) {
        throw refusal.get();
    }

    @Override
    public String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                            Map<String, String> metadata, ServerSideEncryption encryption) {
        asked = encryption;
        throw refusal.get();
    }

    @Override
    public Optional<ObjectInfo> headObject(String account, String bucket, String key) {
        return Optional.of(info(key));
    }

    @Override
    public StoredObject getObject(String account, String bucket, String key) {
        return new StoredObject(info(key), new ByteArrayInputStream(MANIFEST));
    }

    @Override
    public List<ObjectInfo> listObjects(String account, String bucket, String prefix, String startAfter, int max) {
        return List.of();
    }

    private static ObjectInfo info(String key) {
        return new ObjectInfo(key, MANIFEST.length, "\"e\"", Instant.EPOCH, "application/jsonl", Map.of());
    }
}
