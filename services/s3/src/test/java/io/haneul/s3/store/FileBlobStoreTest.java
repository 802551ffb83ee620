package io.haneul.s3.store;

import io.haneul.core.auth.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class FileBlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void writeReadRangesAcrossSegmentsAndLink() throws Exception {
        FileBlobStore blobs = new FileBlobStore(dir);
        BlobStore.Stored a = blobs.write(new ByteArrayInputStream("hello ".getBytes()), Set.of(ChecksumAlgorithm.CRC32), 100);
        BlobStore.Stored b = blobs.write(new ByteArrayInputStream("world".getBytes()), Set.of(), 100);
        assertEquals(6, a.size());
        assertEquals(4, a.checksums().get(ChecksumAlgorithm.CRC32).length);
        List<Segment> segments = List.of(new Segment(a.blob(), a.size()), new Segment(b.blob(), b.size()));
        try (InputStream in = blobs.open(segments, 4, 5)) {
            assertEquals("o wor", new String(in.readAllBytes()));
        }
        String copy = blobs.duplicate(a.blob());
        blobs.delete(List.of(a.blob()));
        try (InputStream in = blobs.open(List.of(new Segment(copy, 6)), 0, 6)) {
            assertEquals("hello ", new String(in.readAllBytes()), "a duplicate outlives the original");
        }
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, tmp.count(), "no temporary files left");
        }
    }

    /** Sizes around the read buffer and past the flush-ahead step: every byte and the MD5 come out right. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, (1 << 20) + 2, 20 << 20})
    void writesEverySizeWhole(int size) throws Exception {
        FileBlobStore blobs = new FileBlobStore(dir);
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        BlobStore.Stored stored = blobs.write(new ByteArrayInputStream(data), Set.of(ChecksumAlgorithm.SHA256), Long.MAX_VALUE);
        assertEquals(size, stored.size());
        assertArrayEquals(java.security.MessageDigest.getInstance("MD5").digest(data), stored.md5());
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(data), stored.checksums().get(ChecksumAlgorithm.SHA256));
        try (InputStream in = blobs.open(List.of(new Segment(stored.blob(), size)), 0, size)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void aFailedOrOversizedWriteLeavesNothing() throws Exception {
        FileBlobStore blobs = new FileBlobStore(dir);
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 10) {
                    throw new IOException("verification failed at end of stream");
                }
                return 'x';
            }
        };
        assertThrows(IOException.class, () -> blobs.write(failing, Set.of(), 100));
        assertThrows(BlobStore.TooLarge.class, () -> blobs.write(new ByteArrayInputStream(new byte[50]), Set.of(), 49));
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(0, all.filter(Files::isRegularFile).count());
        }
        assertThrows(IllegalArgumentException.class, () -> blobs.path("../../etc/passwd"), "blob ids never become arbitrary paths");
    }
}
