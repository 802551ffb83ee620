package io.haneul.sagemaker.script;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks a user's tar.gz (a source directory, a model.tar.gz) into a folder without trusting it: an entry whose
 * path leaves the folder ({@code ../}) is refused, the unpacked size is capped (a small archive can unpack to
 * terabytes), and symbolic links, hard links, FIFOs and devices are skipped: a link could point outside the folder,
 * and the others are not files a script or a model reads.
 */
public final class TarExtraction {

    /** The default cap on the bytes one archive unpacks to ({@code --sagemaker-max-unpacked-bytes}). */
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024 * 1024;

    /** An archive this server will not unpack; the message says why. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private TarExtraction() {
    }

    /** Unpacks the gzipped tar {@code in} into {@code dir}, at most {@code maxBytes} of file content in all. */
    public static void extract(InputStream in, Path dir, long maxBytes) throws IOException, Refused {
        Path root = dir.toAbsolutePath().normalize();
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(in)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new Refused("the entry " + entry.getName() + " points outside the folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile() && !entry.isLink() && !entry.isSymbolicLink() && !entry.isFIFO()
                        && !entry.isCharacterDevice() && !entry.isBlockDevice()) {
                    Files.createDirectories(target.getParent());
                    total += copy(tar, target, maxBytes - total, entry.getName());
                    if ((entry.getMode() & 0100) != 0) {
                        target.toFile().setExecutable(true);
                    }
                }
                // symbolic and hard links, FIFOs, devices: skipped
            }
        }
    }

    private static long copy(InputStream from, Path target, long left, String name) throws IOException, Refused {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = from.read(buffer)) != -1) {
                written += n;
                if (written > left) {
                    throw new Refused("it unpacks to more than this server's limit (--sagemaker-max-unpacked-bytes) at " + name);
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }
}
