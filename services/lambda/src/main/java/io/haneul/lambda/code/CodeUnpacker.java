package io.haneul.lambda.code;

import io.haneul.lambda.domain.LambdaException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks function zips once per code hash under one directory ({@code <data-dir>/lambda/code/<sha256 hex>}).
 * Functions with the same code share the directory; a second upload of the same bytes unpacks nothing.
 *
 * <p>Hostile zips are refused with AWS's InvalidParameterValueException before anything lands in
 * the code directory: entries that would leave it ({@code ../}, absolute paths, drive letters),
 * and archives whose unpacked size passes the limit (a zip bomb; AWS's limit is 262,144,000 bytes,
 * counted from the bytes actually inflated, not from the sizes the entries claim). Each zip is
 * unpacked into a fresh temporary directory and moved into place whole, so a failed or concurrent
 * unpack never leaves a half-filled code directory behind.
 *
 * <p>The zip itself is kept too ({@code <zip dir>/<sha256 hex>.zip}), because GetFunction and
 * GetLayerVersion hand out a URL that downloads the package as it was uploaded.
 */
public final class CodeUnpacker {

    public static final String CORRUPT = "Could not unzip uploaded file. Please check your file, then try to upload again.";

    private final Path codeDir;
    private final Path zipDir;
    private final long maxUnpackedBytes;

    public CodeUnpacker(Path codeDir, long maxUnpackedBytes) {
        this(codeDir, null, maxUnpackedBytes);
    }

    /** @param zipDir where uploaded zips are kept by hash, or null to keep none */
    public CodeUnpacker(Path codeDir, Path zipDir, long maxUnpackedBytes) {
        this.codeDir = codeDir;
        this.zipDir = zipDir;
        this.maxUnpackedBytes = maxUnpackedBytes;
    }

    /** The most bytes a package may unpack to (alone, or with a function's layers). */
    public long maxUnpackedBytes() {
        return maxUnpackedBytes;
    }

    /** The kept zip of code with this {@code CodeSha256} (base64), when it was kept. */
    public java.util.Optional<Path> zipOf(String sha256Base64) {
        if (zipDir == null) {
            return java.util.Optional.empty();
        }
        Path zip = zipDir.resolve(HexFormat.of().formatHex(Base64.getDecoder().decode(sha256Base64)) + ".zip");
        return Files.isRegularFile(zip) ? java.util.Optional.of(zip) : java.util.Optional.empty();
    }

    /** The bytes the unpacked code under {@code root} takes (file contents, as the unpack limit counts them). */
    public static long unpackedSize(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (var paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void keepZip(String hex, byte[] zip) throws IOException {
        if (zipDir == null) {
            return;
        }
        Path file = zipDir.resolve(hex + ".zip");
        if (Files.isRegularFile(file)) {
            return;
        }
        Files.createDirectories(zipDir);
        Path tmp = Files.createTempFile(zipDir, ".zip-", ".tmp");
        try {
            Files.write(tmp, zip);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Unpacks {@code zip} unless code with the same hash is already there, and describes it. */
    public CodePackage unpack(byte[] zip) {
        byte[] digest = sha256(zip);
        String hex = HexFormat.of().formatHex(digest);
        Path target = codeDir.resolve(hex);
        CodePackage pkg = new CodePackage(Base64.getEncoder().encodeToString(digest), zip.length, target);
        if (Files.isDirectory(target)) {
            try {
                keepZip(hex, zip);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return pkg;
        }
        try {
            Files.createDirectories(codeDir);
            Path staging = Files.createTempDirectory(codeDir, ".unpack-");
            try {
                extract(zip, staging);
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                    // another request unpacked the same code first: theirs is identical
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(staging, target);
                }
            } finally {
                deleteTree(staging);
            }
            keepZip(hex, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pkg;
    }

    /** Where code with this {@code CodeSha256} (base64) is unpacked. */
    public Path rootOf(String sha256Base64) {
        return codeDir.resolve(HexFormat.of().formatHex(Base64.getDecoder().decode(sha256Base64)));
    }

    private void extract(byte[] zip, Path into) throws IOException {
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = nextEntry(in)) != null) {
                entries++;
                Path dest = safeResolve(into, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(dest);
                    continue;
                }
                Files.createDirectories(dest.getParent());
                try (OutputStream out = Files.newOutputStream(dest)) {
                    total += copyWithin(in, out, maxUnpackedBytes - total);
                }
                if (dest.getFileName().toString().equals("bootstrap")) {
                    dest.toFile().setExecutable(true, false);
                }
            }
        } catch (ZipException e) {
            throw LambdaException.invalidParameter(CORRUPT);
        }
        if (entries == 0) {
            throw LambdaException.invalidParameter(CORRUPT);
        }
    }

    private static ZipEntry nextEntry(ZipInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (IllegalArgumentException malformedName) {
            throw LambdaException.invalidParameter(CORRUPT);
        }
    }

    /** The entry's path inside {@code root}; an entry that would land outside it is refused. */
    static Path safeResolve(Path root, String name) {
        String normalizedName = name.replace('\\', '/');
        if (normalizedName.startsWith("/") || normalizedName.matches("^[A-Za-z]:.*") || normalizedName.isEmpty()) {
            throw LambdaException.invalidParameter(CORRUPT + " The zip entry '" + name + "' has an absolute path.");
        }
        Path dest = root.resolve(normalizedName).normalize();
        if (!dest.startsWith(root) || dest.equals(root)) {
            throw LambdaException.invalidParameter(CORRUPT + " The zip entry '" + name + "' points outside the package.");
        }
        return dest;
    }

    private long copyWithin(InputStream in, OutputStream out, long remaining) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            copied += n;
            if (copied > remaining) {
                throw LambdaException.invalidParameter("Unzipped size must be smaller than " + maxUnpackedBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return copied;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
