package io.haneul.appstream.streaming;

import io.haneul.core.spi.ObjectStorage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One account's buckets in memory, as S3's {@link ObjectStorage} answers; counts the writes. */
class MemoryObjectStorage implements ObjectStorage {

    static final Instant MODIFIED = Instant.parse("2026-01-01T00:00:00Z");

    final Map<String, TreeMap<String, byte[]>> buckets = new TreeMap<>();
    int puts;

    MemoryObjectStorage bucket(String name) {
        buckets.put(name, new TreeMap<>());
        return this;
    }

    private TreeMap<String, byte[]> of(String bucket) {
        TreeMap<String, byte[]> b = buckets.get(bucket);
        if (b == null) {
            throw new ObjectStorageException("NoSuchBucket", "The specified bucket does not exist");
        }
        return b;
    }

    @Override
    public String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                            Map<String, String> metadata) {
        try {
            of(bucket).put(key, content.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        puts++;
        return "\"etag\"";
    }

    @Override
    public Optional<ObjectInfo> headObject(String account, String bucket, String key) {
        return Optional.ofNullable(of(bucket).get(key)).map(v -> info(key, v));
    }

    @Override
    public StoredObject getObject(String account, String bucket, String key) {
        byte[] v = of(bucket).get(key);
        if (v == null) {
            throw new ObjectStorageException("NoSuchKey", "The specified key does not exist.");
        }
        return new StoredObject(info(key, v), new ByteArrayInputStream(v));
    }

    @Override
    public List<ObjectInfo> listObjects(String account, String bucket, String prefix, String startAfter, int max) {
        List<ObjectInfo> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : of(bucket).entrySet()) {
            if (e.getKey().startsWith(prefix) && (startAfter == null || e.getKey().compareTo(startAfter) > 0) && out.size() < max) {
                out.add(info(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private static ObjectInfo info(String key, byte[] v) {
        return new ObjectInfo(key, v.length, "\"etag\"", MODIFIED, "application/octet-stream", Map.of());
    }
}
