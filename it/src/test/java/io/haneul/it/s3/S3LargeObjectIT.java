package io.haneul.it.s3;

import io.haneul.it.support.ChildServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Objects stream to and from disk: a node whose heap ({@code -Xmx64m}) is a quarter of the object
 * takes a 256 MiB upload and serves it back whole. A server that held the body in memory at any
 * point would fail with OutOfMemoryError (a 500) instead.
 */
class S3LargeObjectIT {

    static final long SIZE = 256L * 1024 * 1024;

    @TempDir
    Path dir;

    /** Pseudo-random bytes made as they are read, so the test itself holds none of them. */
    static InputStream generated(long size, MessageDigest md5) {
        return new InputStream() {
            final Random random = new Random(42);
            final byte[] block = new byte[64 * 1024];
            long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, block.length), left);
                random.nextBytes(block);
                System.arraycopy(block, 0, b, off, n);
                md5.update(b, off, n);
                left -= n;
                return n;
            }
        };
    }

    @Test
    void aBodyFourTimesTheHeapStreamsThrough() throws Exception {
        try (ChildServer node = ChildServer.startWithHeap(dir.resolve("data"), "64m", "--smtp-port", "-1");
             HttpClient http = HttpClient.newHttpClient()) {
            URI bucket = node.endpoint().resolve("/large-stream");
            assertEquals(200, http.send(HttpRequest.newBuilder(bucket).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            MessageDigest sent = MessageDigest.getInstance("MD5");
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(node.endpoint().resolve("/large-stream/video.bin"))
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> generated(SIZE, sent)), SIZE))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
            String expected = "\"" + HexFormat.of().formatHex(sent.digest()) + "\"";
            assertEquals(expected, put.headers().firstValue("ETag").orElseThrow());

            HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(node.endpoint().resolve("/large-stream/video.bin")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, get.statusCode());
            assertEquals(String.valueOf(SIZE), get.headers().firstValue("Content-Length").orElseThrow());
            MessageDigest received = MessageDigest.getInstance("MD5");
            long total = 0;
            try (InputStream in = get.body()) {
                byte[] buf = new byte[1 << 20];
                int n;
                while ((n = in.read(buf)) > 0) {
                    received.update(buf, 0, n);
                    total += n;
                }
            }
            assertEquals(SIZE, total);
            assertEquals(expected, "\"" + HexFormat.of().formatHex(received.digest()) + "\"", "the bytes come back whole");
        }
    }
}
