package io.haneul.lambda.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a function sees as {@code /opt} on AWS: its layers merged into one directory, in the
 * function's order, a later layer's file replacing an earlier one's of the same path (as AWS
 * extracts layers one over the other). One directory per ordered list of layers
 * ({@code <opt dir>/<sha256 of the layers' code directories>}), built once from hard links to the
 * layers' unpacked files (copies where the file system refuses links) in a temporary directory
 * moved into place whole, so functions with the same layers share it and a half-built one is never seen.
 * Files under {@code bin/} are made executable (zip entries' Unix modes are not read).
 */
public final class OptDirectory {

    private final Path optDir;

    public OptDirectory(Path optDir) {
        this.optDir = optDir;
    }

    /** The merged directory of these unpacked layers (in order), built on first use. */
    public Path of(List<Path> layerRoots) {
        Path target = optDir.resolve(key(layerRoots));
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(optDir);
            Path staging = Files.createTempDirectory(optDir, ".merge-");
            try {
                for (Path root : layerRoots) {
                    overlay(root, staging);
                }
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    // built by a concurrent start: the same layers give the same content
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(staging, target);
                }
            } finally {
                CodeUnpacker.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static void overlay(Path root, Path into) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("the unpacked layer " + root.getFileName() + " is missing");
        }
        try (var paths = Files.walk(root)) {
            for (Path source : paths.toList()) {
                Path relative = root.relativize(source);
                Path dest = into.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    if (Files.isRegularFile(dest)) {
                        Files.delete(dest);
                    }
                    Files.createDirectories(dest);
                    continue;
                }
                if (Files.isDirectory(dest)) {
                    CodeUnpacker.deleteTree(dest);
                }
                Files.deleteIfExists(dest);
                try {
                    Files.createLink(dest, source);
                } catch (IOException | UnsupportedOperationException noLinks) {
                    Files.copy(source, dest);
                }
                if (relative.getNameCount() > 1 && relative.getName(0).toString().equals("bin")) {
                    dest.toFile().setExecutable(true, false);
                }
            }
        }
    }

    private static String key(List<Path> roots) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path root : roots) {
                sha.update((root.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
