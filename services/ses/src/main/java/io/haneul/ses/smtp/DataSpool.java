package io.haneul.ses.smtp;

import org.subethamail.smtp.RejectException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a message's DATA to a temporary file while the client sends it, so that slow or many
 * concurrent clients hold disk, not heap. A message over the size limit is refused with 552 once
 * its DATA has been read to the end without being kept: the SMTP library answers a refusal without
 * reading the rest, which would otherwise be taken for commands.
 */
final class DataSpool {

    private final Path dir;
    private final long maxBytes;

    DataSpool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** The DATA in a new file the caller deletes. */
    Path receive(InputStream data) throws IOException, RejectException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "data-", ".eml");
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = data.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    discardRest(data, buffer);
                    throw new RejectException(552, "5.3.4 Message length exceeds " + maxBytes / 1024 / 1024 + " MB limit.");
                }
                out.write(buffer, 0, n);
            }
            kept = true;
            return file;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Reads what is left of the DATA (up to the final dot) and forgets it. */
    static void discardRest(InputStream data, byte[] buffer) throws IOException {
        while (data.read(buffer) >= 0) {
            // discarded
        }
    }
}
