package io.haneul.ses.smtp;

import org.subethamail.smtp.RejectException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Takes in a message's DATA while the client sends it. A message of up to {@link #IN_MEMORY_BYTES}
 * (most mail) stays in memory; a larger one is streamed to a temporary file, so that slow or many
 * concurrent clients of large messages hold disk, not heap. A message over the size limit is
 * refused with 552 once its DATA has been read to the end without being kept: the SMTP library
 * answers a refusal without reading the rest, which would otherwise be taken for commands.
 */
final class DataSpool {

    /** Messages up to this size skip the file (a file per message would cost small mail a third of its speed). */
    static final int IN_MEMORY_BYTES = 32 * 1024;

    private final Path dir;
    private final long maxBytes;

    DataSpool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** A received message: its bytes, or the file that holds them. */
    sealed interface Received extends AutoCloseable permits Small, Spooled {
        long size();

        byte[] bytes() throws IOException;

        @Override
        void close() throws IOException;
    }

    record Small(byte[] data) implements Received {
        @Override
        public long size() {
            return data.length;
        }

        @Override
        public byte[] bytes() {
            return data;
        }

        @Override
        public void close() {
        }
    }

    record Spooled(Path file, long size) implements Received {
        @Override
        public byte[] bytes() throws IOException {
            return Files.readAllBytes(file);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /** Deletes spool files a previous run left behind (a process killed while it received DATA). */
    void clearLeftovers() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.newDirectoryStream(dir, "data-*.eml")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** The whole DATA; the caller closes it (which deletes a spool file). */
    Received receive(InputStream data) throws IOException, RejectException {
        byte[] head = new byte[IN_MEMORY_BYTES];
        int filled = 0;
        int n;
        while (filled < head.length && (n = data.read(head, filled, head.length - filled)) >= 0) {
            filled += n;
        }
        if (filled < head.length) {
            if (filled > maxBytes) {
                throw new RejectException(552, tooLarge());
            }
            return new Small(Arrays.copyOf(head, filled));
        }
        return spool(head, data);
    }

    private Spooled spool(byte[] head, InputStream data) throws IOException, RejectException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "data-", ".eml");
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            byte[] buffer = new byte[64 * 1024];
            long total = head.length;
            int n;
            while ((n = data.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    discardRest(data, buffer);
                    throw new RejectException(552, tooLarge());
                }
                out.write(buffer, 0, n);
            }
            kept = true;
            return new Spooled(file, total);
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    private String tooLarge() {
        return "5.3.4 Message length exceeds " + maxBytes / 1024 / 1024 + " MB limit.";
    }

    /** Reads what is left of the DATA (up to the final dot) and forgets it. */
    static void discardRest(InputStream data, byte[] buffer) throws IOException {
        while (data.read(buffer) >= 0) {
            // discarded
        }
    }
}
