package io.haneul.s3.store;

import io.haneul.core.spi.ServiceEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Which blob store a node's settings name, so that nodes sharing one database can tell whether
 * they share their bytes too. A blob directory is known by a random id kept in a marker file at its
 * root (written by the first node that uses it): two nodes see the same id only when they reach the
 * same directory (a shared file system), whatever its path on each host. An S3-compatible store is
 * known by its endpoint, bucket and prefix.
 *
 * @param id          what nodes must agree on
 * @param description how to name it to a person (the option and its value)
 */
public record BlobStoreIdentity(String id, String description) {

    static final String MARKER = ".haneul-blob-store-id";

    /** The identity of the blob store this node's settings name (creating a directory's marker if needed). */
    public static BlobStoreIdentity of(ServiceEnvironment env) {
        String url = env.setting("s3-blob-url", "");
        if (!url.isBlank()) {
            RemoteBlobLocation l = RemoteBlobLocation.parse(url);
            return new BlobStoreIdentity("s3:" + l.endpoint().map(Object::toString).orElse("aws") + "/" + l.bucket() + "/" + l.prefix(),
                    "--s3-blob-url " + url);
        }
        Path dir = BlobStores.directory(env).toAbsolutePath();
        return new BlobStoreIdentity("dir:" + markerOf(dir), "--s3-blob-dir " + dir);
    }

    /** Recorded form: the id, a line break, the description. */
    public String recorded() {
        return id + "\n" + description;
    }

    /** The id part of a recorded value. */
    public static String idOf(String recorded) {
        int nl = recorded.indexOf('\n');
        return nl < 0 ? recorded : recorded.substring(0, nl);
    }

    /** The description part of a recorded value. */
    public static String descriptionOf(String recorded) {
        int nl = recorded.indexOf('\n');
        return nl < 0 ? recorded : recorded.substring(nl + 1);
    }

    /** A marker's id is a UUID: shorter content is one another node is still writing. */
    private static final int UUID_LENGTH = 36;

    private static String markerOf(Path dir) {
        Path marker = dir.resolve(MARKER);
        try {
            Files.createDirectories(dir);
            try {
                Files.writeString(marker, UUID.randomUUID().toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            } catch (FileAlreadyExistsException e) {
                // another node (or an earlier start) made it
            }
            for (int i = 0; i < 50; i++) {
                String id = Files.readString(marker, StandardCharsets.UTF_8).strip();
                if (id.length() >= UUID_LENGTH) {
                    return id;
                }
                Thread.sleep(20); // a node starting at the same moment is writing it (read whole ids only)
            }
            throw new IllegalStateException("blob store marker " + marker + " holds no whole id");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the blob store marker " + marker, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
